"""Numbers in a work report's sentences: targets (value, unit, comparator), due dates, and measure words.

Pure text functions; nothing here knows about sections or YAML. A *measurement* is a number with a unit
(``700个以上``, ``5万平方米``, ``4.5%—5%``); the words around it say how it is compared:

- 以上 / 及以上 / 不少于 / 不低于 / 超过 / 突破 → ``>=``
- 以内 / 以下 / 不超过 / 不高于 / 控制在 → ``<=`` (lower is better)
- 左右 → ``about`` (within a tolerance of the value)
- ``1-2家``, ``4.5%—5%`` → ``range``; 正增长 → ``>`` 0 %; a plain number → ``=``

万 and 亿 stay part of the unit, as the report writes it (5万平方米 → value 5, unit 万平方米).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date

_BASE_UNITS = (
    "微克/立方米",
    "毫克/立方米",
    "毫克/升",
    "个百分点",
    "百分点",
    "平方公里",
    "平方千米",
    "平方米",
    "立方米",
    "千瓦时",
    "公斤",
    "千克",
    "公里",
    "千米",
    "千瓦",
    "兆瓦",
    "公顷",
    "美元",
    "人次",
    "标箱",
    "小时",
    "元",
    "米",
    "人",
    "户",
    "家",
    "个",
    "项",
    "场",
    "所",
    "处",
    "件",
    "条",
    "座",
    "台",
    "套",
    "辆",
    "次",
    "批",
    "吨",
    "亩",
    "张",
    "名",
    "栋",
    "间",
    "册",
    "部",
    "种",
    "天",
    "篇",
    "床",
    "斤",
    "株",
    "棵",
    "艘",
    "架",
    "宗",
    "份",
)
# 个 followed by an area (1-2个片区): the area is what is counted, and 个 alone would lose it.
_AREA_COUNT = "个(?:片区|街区|园区|社区|景区|城区)"
_UNIT = "(?:" + _AREA_COUNT + "|(?:万|亿|千|百)?(?:" + "|".join(_BASE_UNITS) + ")|%|％|‰)"
_NUM = r"\d+(?:\.\d+)?"
_GE_BEFORE = ("不少于", "不低于", "超过", "突破")
_LE_BEFORE = ("不超过", "不高于", "控制在")
_BEFORE = "|".join(_GE_BEFORE + _LE_BEFORE)

MEASURE_RE = re.compile(
    rf"(?P<before>{_BEFORE})?"
    rf"(?<![\d.第A-Za-z])(?P<value>{_NUM})(?:\s*(?:%|％)?\s*[-－—–~～至到]+\s*(?P<max>{_NUM}))?"
    rf"(?P<about>余|多)?(?P<unit>{_UNIT})"
    r"(?P<after>及以上|以上|以内|以下|左右)?"
)
POSITIVE_GROWTH_RE = re.compile(r"正增长")

# Words that make a number describe what already exists rather than a commitment ("5个已启动城市更新项目").
_EXISTING_AFTER = ("已",)
# A count that sums up things named just before it ("虹桥小学等8所学校", "西河底、平城2个建制镇") names what
# exists, not a number to reach; so does a count that is only kept as it is ("确保5个安置点稳定运行").
_HAN_RUN = "[\u4e00-\u9fff]{2,}"
_ENUMERATED_BEFORE_RE = re.compile(rf"{_HAN_RUN}(?:、{_HAN_RUN})+$")
_KEEPING_AFTER_RE = re.compile(r"平稳运行|稳定运行|正常运行|安全运行|稳定|巩固|持续|不发生|守住")
_DELIVERING_RE = re.compile(r"建成|竣工|完工|投用|投入使用|投入运营|开工|启动|完成|新建|新增|引进|创建|打造|实施")
_CREATING_RE = re.compile(
    r"新建|新增|建成|建设|完成|开工|竣工|投用|投入|打造|创建|培育|引进|改造|提升|实现|达到|达标|新开"
)

# Count words that are interchangeable when a baseline counts the same things (新建4个 / 新增4处).
COUNT_UNITS = frozenset({"个", "处", "家", "所", "座", "项", "件"})
MONEY_UNITS = frozenset({"元", "万元", "亿元", "美元", "万美元", "亿美元"})


@dataclass(frozen=True)
class Measure:
    start: int
    end: int
    value: float
    unit: str
    comparator: str  # ">=", "=", ">", "<=", "about", "range"
    max: float | None = None

    @property
    def text_span(self) -> tuple[int, int]:
        return self.start, self.end


def _number(text: str) -> float:
    value = float(text)
    return int(value) if value.is_integer() else value


def _comparator(before: str | None, after: str | None, has_max: bool) -> str:
    if has_max:
        return "range"
    if after == "左右":
        return "about"
    if before in _LE_BEFORE or after in ("以内", "以下"):
        return "<="
    if before in _GE_BEFORE or after in ("以上", "及以上"):
        return ">="
    return "="


def find_measures(text: str) -> list[Measure]:
    """Every measurement in ``text`` that states a figure to reach, in order."""
    found = []
    for m in MEASURE_RE.finditer(text):
        if text.startswith(_EXISTING_AFTER, m.end()):
            continue
        unit = m.group("unit").replace("％", "%")
        value = _number(m.group("value"))
        maximum = _number(m.group("max")) if m.group("max") else None
        if maximum is not None and maximum < value:
            maximum = None  # "2-1" is not a range; treat it as a plain figure
        found.append(
            Measure(
                start=m.start(),
                end=m.end(),
                value=value,
                unit=unit,
                comparator=_comparator(m.group("before"), m.group("after"), maximum is not None),
                max=maximum,
            )
        )
    for m in POSITIVE_GROWTH_RE.finditer(text):
        found.append(Measure(start=m.start(), end=m.end(), value=0, unit="%", comparator=">"))
    found.sort(key=lambda measure: measure.start)
    return _shared_comparators(text, found)


def _shared_comparators(text: str, found: list[Measure]) -> list[Measure]:
    """分别增长4.5%、5.5%左右: the word after the last figure of a 分别 list qualifies every bare one in it."""
    result = list(found)
    run: list[int] = []
    for index, measure in enumerate([*found, None]):
        joined = measure is not None and run and text[found[run[-1]].end : measure.start] in ("、", "和")
        if measure is not None and (not run or joined):
            run.append(index)
            continue
        if len(run) > 1 and "分别" in text[max(0, found[run[0]].start - 12) : found[run[0]].start]:
            last = found[run[-1]]
            if last.comparator in ("about", ">=", "<="):
                for i in run[:-1]:
                    if found[i].comparator == "=" and found[i].unit == last.unit:
                        result[i] = replace(found[i], comparator=last.comparator)
        run = [index] if measure is not None else []
    return result


def names_existing(text: str, measure: Measure) -> bool:
    """Whether ``measure`` counts things the sentence names or keeps rather than a number to reach:
    after 等 or after as many names as it counts (虹桥小学等8所学校, 西河底、平城2个建制镇; not 北京市、河北省6所学校),
    or kept as they are (确保5个安置点稳定运行)."""
    if measure.comparator != "=" or measure.max is not None or measure.unit in ("%", "‰"):
        return False
    if measure.end == len(text.rstrip("，,；;。")):
        return False  # cut from its clause (等12个、55万平方米项目完工): the verb is in the next piece
    clause_start = max((text.rfind(d, 0, measure.start) for d in "，,；;。"), default=-1) + 1
    before = text[clause_start : measure.start]
    ends = [i for i in (text.find(d, measure.end) for d in "，,；;。") if i >= 0]
    after = text[measure.end : min(ends) if ends else len(text)]
    listed = _ENUMERATED_BEFORE_RE.search(before)
    # As many names as the count, or 等: the names are what it counts. Delivering them (完成…3个积水片区改造,
    # 推动…等12个项目完工) is still a target; carrying on with them (推进…等8所学校建设) is not.
    if before.endswith("等") or (listed and listed.group(0).count("、") + 1 == measure.value):
        return not _DELIVERING_RE.search(before + after)
    return before.endswith("确保") and bool(_KEEPING_AFTER_RE.search(after)) and not _CREATING_RE.search(before + after)


_MORE_THAN_BEFORE = ("超过", "超", "逾", "突破")


def review_measures(text: str) -> list[Measure]:
    """Figures a review sentence reports: every number with a unit. 540余场, 超42亿元 come back as ``>=``
    (the report gives a lower bound), the others as ``=``."""
    found = []
    for m in MEASURE_RE.finditer(text):
        if m.group("max"):
            continue
        more = bool(m.group("about")) or m.group("before") in _MORE_THAN_BEFORE
        more = more or text[: m.start()].endswith(_MORE_THAN_BEFORE)
        value, unit = _number(m.group("value")), m.group("unit")
        found.append(Measure(m.start(), m.end(), value, unit, ">=" if more else "="))
    return found


# -- due dates --------------------------------------------------------------------------------

_CN_NUM = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


def cn_int(text: str) -> int | None:
    """1-99 written in digits or in Chinese numerals (十一, 二十三); None otherwise."""
    if text.isdigit():
        return int(text)
    if not text or any(ch not in _CN_NUM for ch in text):
        return None
    if "十" not in text:
        return _CN_NUM[text] if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    return (_CN_NUM[tens] if tens else 1) * 10 + (_CN_NUM[ones] if ones else 0)


_MONTH = r"(\d{1,2}|[一二三四五六七八九十]{1,3})"
_DUE_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(rf"(?P<m>{_MONTH})月(?P<d>\d{{1,2}}|[一二三四五六七八九十]{{1,3}})日(?:前|之前)"), "day"),
    (re.compile(rf"(?P<m>{_MONTH})月(?:底|末)(?:前)?"), "month_end"),
    (re.compile(r"上半年(?:末|底)?(?:前|之前)?"), "06-30"),
    (re.compile(r"第?一季度(?:末|底)?(?:前|之前)?"), "03-31"),
    (re.compile(r"第?二季度(?:末|底)?(?:前|之前)?"), "06-30"),
    (re.compile(r"第?三季度(?:末|底)?(?:前|之前)?"), "09-30"),
    (re.compile(r"第?四季度(?:末|底)?(?:前|之前)?"), "12-31"),
    (re.compile(r"(?<![\d一二三四五六七八九十两])(?:年内|年底前|年底|年末)"), "12-31"),
)
# Deadlines the drafter recognises as deadlines but will not turn into a date.
_VAGUE_DUE_RE = re.compile(
    r"下半年|年中|春节前|汛前|国庆前|明年|\d{1,2}月份?(?:前|内|中旬|上旬|下旬)|[一二三四五六七八九十]{1,3}月份?(?:前|中旬|上旬|下旬)"
)


@dataclass(frozen=True)
class Due:
    start: int
    end: int
    when: date | None  # None: a deadline is stated but could not be read as a date
    words: str


def find_due(text: str, year: int) -> Due | None:
    """The deadline a task states, as a date in ``year``; a vague one comes back with ``when`` None."""
    for pattern, rule in _DUE_RULES:
        m = pattern.search(text)
        if m is None:
            continue
        return _due(m, rule, year)
    vague = _VAGUE_DUE_RE.search(text)
    if vague:
        return Due(vague.start(), vague.end(), None, vague.group(0))
    return None


def find_dues(text: str, year: int) -> list[Due]:
    """Every deadline in ``text``, in order, none overlapping another: a sentence that chains two dated
    deliverables (三季度末前完成…，年底前建成…) is cut between them."""
    found: list[Due] = []
    for pattern, rule in _DUE_RULES:
        found += [_due(m, rule, year) for m in pattern.finditer(text)]
    found += [Due(m.start(), m.end(), None, m.group(0)) for m in _VAGUE_DUE_RE.finditer(text)]
    kept: list[Due] = []
    for due in sorted(found, key=lambda d: (d.start, -(d.end - d.start))):
        if not kept or due.start >= kept[-1].end:
            kept.append(due)
    return kept


def _due(m: re.Match[str], rule: str, year: int) -> Due:
    when: date | None
    try:
        if rule == "day":
            month, day = cn_int(m.group("m")), cn_int(m.group("d"))
            when = date(year, month, day) if month and day else None
        elif rule == "month_end":
            month = cn_int(m.group("m"))
            when = date(year, month, calendar.monthrange(year, month)[1]) if month and month <= 12 else None
        else:
            month, day = (int(part) for part in rule.split("-"))
            when = date(year, month, day)
    except ValueError:
        when = None
    return Due(m.start(), m.end(), when, m.group(0))


# -- words ------------------------------------------------------------------------------------

_NOT_WORDS_RE = re.compile(r"[\d.%％‰\s，,、；;：:。“”\"'（）()《》〈〉·\-—－~～]+")


def bigrams(text: str) -> set[str]:
    """Character pairs of the words in ``text`` (digits and punctuation dropped): the unit of text overlap."""
    pieces = [piece for piece in _NOT_WORDS_RE.split(text) if piece]
    return {piece[i : i + 2] for piece in pieces for i in range(len(piece) - 1)}


def overlap(a: str, b: str) -> float:
    """How much of ``a``'s wording appears in ``b``: shared bigrams over ``a``'s bigrams (0-1)."""
    grams = bigrams(a)
    if not grams:
        return 0.0
    return len(grams & bigrams(b)) / len(grams)
