"""Who the report is: the region (district, county, city or province), its title and its document number.

Read from the report's head (everything before the review or key-work part), where a work report says who
gives it: ``——2026年1月21日在河东区第十八届人民代表大会第八次会议上``, ``河东区区长 张春``, ``河东区人民政府关于
印发《河东区2026年政府工作报告》的通知``, ``河东政发〔2026〕1号``. Nothing is invented: a value the head does not
state is left out, and a value read from a weaker clue, or from clues that disagree, carries a ``# 待核`` note.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_HAN = "\u4e00-\u9fff"
_LEVEL = "(?:自治区|自治州|自治县|特别行政区|省|市|区|县|旗|州|盟)"
# The name of the body the report is given to: "在河东区第十八届人民代表大会" → the words before 第.
_CONGRESS_RE = re.compile(rf"([{_HAN}]{{2,16}}?)第[一二三四五六七八九十百\d]+届人民代表大会")
_GOVERNMENT_RE = re.compile(rf"([{_HAN}]{{2,16}}?{_LEVEL})人民政府")
_HEAD_RE = re.compile(
    rf"([{_HAN}]{{2,16}}?{_LEVEL})(?:代?区长|代?县长|代?市长|代?省长|代?主席|代?旗长|代?州长|代?盟长)"
)
# Words that stand before a name in the same run of characters (…日在河东区…, 现将河东区…, 我代表河东区…), up
# to the last one: a PDF's lines run the notice, the document number and the title together.
_LEADING_RE = re.compile(r"^.*(?:在|代表|现将|号|会议上|的|印发|——)")
# "天津市河东区" → 河东区: the report's own region is the last level named.
_LAST_LEVEL_RE = re.compile(rf"(?:[{_HAN}]+?(?:省|自治区|市))(?=[{_HAN}]{{2,}}{_LEVEL}$)")
_NAME_RE = re.compile(rf"^[{_HAN}]{{1,12}}{_LEVEL}$")
_DOC_NO_RE = re.compile(r"[\u4e00-\u9fff]{1,10}[〔［\[(（]\s*20\d{2}\s*[〕］\])）]\s*\d{1,4}\s*号")
_TITLE_QUOTED_RE = re.compile(r"《([^《》]{2,30}政府工作报告)》")
_TITLE_LINE_RE = re.compile(r"^[^，。；：,;:]{0,30}政府工作报告$")
# A dated title run into other lines by the page (…【字号：加大还原减小】2026年北京市政府工作报告——2026年1月…).
_TITLE_DATED_RE = re.compile(rf"20\d{{2}}年[{_HAN}]{{2,16}}?政府工作报告|[{_HAN}]{{2,16}}?20\d{{2}}年政府工作报告")
_NOTICE_RE = re.compile(rf"[{_HAN}]{{2,20}}?人民政府(?:办公室)?关于[^。，；]{{2,60}}?的通知")
HEAD_MAX_PARAGRAPHS = 60


@dataclass
class Source:
    """The ``source:`` block's facts, and for each uncertain one the # 待核 note (a message key)."""

    region: str | None = None
    report: str | None = None
    doc_no: str | None = None
    title: str | None = None
    notes: dict[str, str] = field(default_factory=dict)


_NOT_A_NAME_RE = re.compile(r"主席|区长|县长|市长|省长|书记|主任|代表|会议|政府")  # a title or a body, not a place
_BARE_LEVELS = frozenset({"自治区", "自治州", "自治县", "特别行政区"})  # 我代表自治区人民政府: no name


def _region_name(words: str) -> str | None:
    words = _LEADING_RE.sub("", words)
    words = _LAST_LEVEL_RE.sub("", words)
    if not _NAME_RE.match(words) or words in _BARE_LEVELS or _NOT_A_NAME_RE.search(words):
        return None
    return words


def _regions(head: list[str]) -> list[tuple[str, str]]:
    """Every (clue, region) the head states, strongest clue first."""
    found = []
    for clue, pattern in (("congress", _CONGRESS_RE), ("government", _GOVERNMENT_RE), ("head", _HEAD_RE)):
        for paragraph in head:
            for m in pattern.finditer(paragraph):
                name = _region_name(m.group(1))
                if name is not None:
                    found.append((clue, name))
    return found


def _from_region(title: str, region: str | None) -> str:
    """A title found inside a run of text starts at the region it names (印发河东区2026年… → 河东区2026年…)."""
    if region and region in title and not title[:4].isdigit():
        return title[title.index(region) :]
    return title


_CLUE_WEIGHT = {"congress": 3, "government": 2, "head": 1}


def find_source(head: list[str], year: int) -> Source:
    """The source facts stated in ``head``, the report's paragraphs before its review or key-work part."""
    head = head[:HEAD_MAX_PARAGRAPHS]
    source = Source()
    regions = _regions(head)
    if regions:
        # The name the head states most often, by the weight of its clues (the congress line counts most).
        weight: dict[str, int] = {}
        for clue, name in regions:
            weight[name] = weight.get(name, 0) + _CLUE_WEIGHT[clue]
        ranked = sorted(weight, key=lambda name: -weight[name])
        source.region = ranked[0]
        rivals = [name for name in ranked[1:] if weight[name] * 2 >= weight[ranked[0]]]
        if rivals:
            source.notes["region"] = "draft_note_region_rivals:" + "、".join(rivals)
        elif not any(clue == "congress" and name == ranked[0] for clue, name in regions):
            source.notes["region"] = "draft_note_region_weak"
    titles = [m.group(1) for p in head for m in _TITLE_QUOTED_RE.finditer(p)]
    titles += [p for p in head if _TITLE_LINE_RE.match(p)]
    titles += [
        title
        for p in head
        for m in _TITLE_DATED_RE.finditer(p)
        if (title := _from_region(m.group(0), source.region))[:4].isdigit() or title.startswith(source.region or "-")
    ]
    dated = [title for title in titles if str(year) in title]
    if dated:
        source.report = dated[0]
    elif source.region and (titles or any("政府工作报告" in p for p in head)):
        source.report = f"{source.region}{year}年政府工作报告"
        source.notes["report"] = "draft_note_report_composed"
    for paragraph in head[:10]:
        m = _DOC_NO_RE.search(paragraph)
        if m and str(year) in m.group(0):
            source.doc_no = re.sub(r"\s+", "", m.group(0))
            break
    for paragraph in head[:10]:
        m = _NOTICE_RE.search(paragraph)
        if m:
            title = m.group(0)
            # A PDF runs the document number into the title (…1号河东区人民政府关于…): start at the region.
            if source.region and source.region in title:
                title = title[title.index(source.region) :]
            source.title = title
            break
    return source
