"""From report text to its parts, sections, subsections and task sentences.

A work report is read in three steps:

1. **Paragraphs.** PDF-extracted text breaks lines inside sentences, leaves page numbers and puts stray spaces
   around numbers. Spaces are dropped (except between two Latin letters or digits), page numbers removed, and
   lines joined until a sentence ends. When the text separates paragraphs with blank lines, only a blank line
   (after a finished sentence) or a heading starts a new paragraph.
2. **Parts.** The key-work part (三、2026年重点工作 / 2026年工作安排 / 重点抓好以下六个方面工作), the main
   expected targets paragraph (主要预期目标是：…) and the review part (一、2025年工作回顾).
3. **Structure.** Sections are （一）（二）… headings, or 一是/二是 when there are none; a subsection is a numbered
   paragraph (1. 2.) or a paragraph opened by a short lead phrase (主动承接优质资源。…). The closing part on
   the government's own work (各位代表！…政府自身建设…一是…二是…) is kept apart as a last section.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_CN_DIGITS = "一二三四五六七八九十"
_SPACES_RE = re.compile(r"(?<![A-Za-z0-9])[ \t\u3000\u00a0]+|[ \t\u3000\u00a0]+(?![A-Za-z0-9])")
_PAGE_NO_RE = re.compile(r"^[-—–－\s]*(?:第\s*)?\d{1,3}\s*(?:页)?[-—–－\s]*$")
_TERMINAL = "。！？!?：:；;"
PART_HEADING_RE = re.compile(rf"^[{_CN_DIGITS}]+[、.．]")
SECTION_HEADING_RE = re.compile(rf"^[（(]([{_CN_DIGITS}]+)[）)]")
NUMBERED_RE = re.compile(r"^(?:(\d{1,2})[.．、](?!\d)|[（(](\d{1,2})[）)])")
ORDINAL_RE = re.compile(rf"(?:^|(?<=[。；;！：:]))([{_CN_DIGITS}]{{1,3}})是")

# The headings looked for, in the words of the error a user sees when none is found.
KEY_PART_RE = re.compile(
    rf"^[{_CN_DIGITS}]+[、.．](?:.{{0,24}}(?:重点工作|工作安排|工作任务|政府工作|工作建议|主要任务|主要工作)"
    r"|(?:关于)?20\d{2}年(?:的)?工作$)"
)
# A part heading that names the five-year plan is the key-work part only when it names this year's work too
# (二、“十五五”时期目标任务和2026年工作安排).
_THIS_YEARS_WORK_RE = re.compile(r"20\d{2}年(?:的)?(?:重点工作|工作安排|主要工作|工作任务|主要任务)")
LEAD_IN_RE = re.compile(
    r"(?:重点|着力|主要|具体)(?:抓好|做好|推进|做|抓)(?!了)(?:以下)?.{0,6}(?:方面|项|件)?(?:工作|任务|重点工作)[：:。]?$"
    # …坚定不移做好6个方面工作： / 重点抓好以下三方面工作：
    r"|(?:抓好|做好|推进|抓|做)(?:以下)?[\d一二两三四五六七八九十几]+个?方面(?:的)?(?:重点)?工作[：:。]?$"
)
REVIEW_RE = re.compile(rf"^[{_CN_DIGITS}]+[、.．].{{0,20}}(?:回顾|工作总结)")
GOALS_RE = re.compile(r"(?:主要预期目标|预期目标|主要目标|努力目标)(?:是|为)?[：:]")
_LONG_TERM_RE = re.compile(r"十[四五六]五|五年|二〇三五|2035")
# The review's five-year summaries give cumulative figures, not last year's.
_NOT_LAST_YEAR_RE = re.compile(r"五年来|十[四五]五.{0,4}时期")
LOOKED_FOR = "“三、20XX年重点工作”“20XX年工作安排”“重点抓好以下几个方面工作”"

LEAD_PHRASE_MAX = 18


def clean_line(line: str) -> str:
    return _SPACES_RE.sub("", line.strip())


def _ends_sentence(text: str) -> bool:
    text = text.rstrip("”’」』）)")
    return bool(text) and text[-1] in _TERMINAL


def _is_heading(line: str) -> bool:
    return bool(PART_HEADING_RE.match(line) or SECTION_HEADING_RE.match(line))


def paragraphs(text: str) -> list[str]:
    """The report's paragraphs, with PDF line breaks, page numbers and stray spaces removed."""
    raw = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").strip().split("\n")
    nonblank = sum(1 for line in raw if line.strip())
    blank_separated = nonblank and sum(1 for line in raw if not line.strip()) >= nonblank * 0.3
    result: list[str] = []
    current = ""
    gap = False  # a blank line since the last line read
    for line in raw:
        line = clean_line(line)
        if not line:
            gap = True
            continue
        if _PAGE_NO_RE.match(line):
            continue
        if current:
            heading_only = _is_heading(current) and "。" not in current
            if heading_only:
                # A heading wrapped by the PDF ("…加快发展新质生" / "产力") continues on a short line.
                joins = len(line) <= 6 and not re.search(r"[，。、；：,.;:]", line) and not _is_heading(line)
                new = not joins
            elif _is_heading(line):
                new = _ends_sentence(current) or len(current) <= 40
            else:
                new = _ends_sentence(current) and (gap or not blank_separated)
            if new:
                result.append(current)
                current = ""
        current += line
        gap = False
    if current:
        result.append(current)
    return result


_TOC_LEADER_RE = re.compile(r"(?:\.{3,}|…{2,}|·{3,}|－{3,}|-{3,}|—{3,}|\s{2,})\s*\d{1,3}\s*$")
_TOC_TITLE_RE = re.compile(r"^\s*目\s*录\s*$")
_TOC_ENTRY_RE = re.compile(r"\D\s*\d{1,3}\s*$")


def looks_like_toc(text: str) -> bool:
    """Whether ``text`` reads as a table of contents: entries ending in page numbers after dot leaders, or
    a 目录 line followed by entries that end in page numbers and hold no sentence."""
    lines = [line for line in text.splitlines() if line.strip()]
    leaders = sum(1 for line in lines if _TOC_LEADER_RE.search(line))
    if leaders >= 3 and leaders * 2 >= len(lines):
        return True
    if any(_TOC_TITLE_RE.match(line) for line in lines[:5]):
        entries = [line for line in lines if _TOC_ENTRY_RE.search(line) and "。" not in line]
        return len(entries) >= 3 and len(entries) * 2 >= len(lines) - 1
    return False


def key(text: str) -> str:
    """A form for comparing headings: full/half width folded, spaces removed."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


@dataclass
class Parts:
    year: int | None
    goals: str | None  # the targets paragraph, from the first word after 是：
    sections: list[tuple[str, str, list[str]]]  # (numeral, heading title, body paragraphs)
    review: list[str]  # review paragraphs that speak of last year only
    review_year: int | None
    # "heading": （一） sections with an opening paragraph and subsections; "ordinal": 一是/二是, whose
    # sentences are all tasks of the section itself.
    style: str = "heading"
    # The closing part on the government's own work (各位代表！…政府自身建设…一是…二是…): its title and its
    # 一是/二是 items as (title, text) subsections; None when the report has none.
    closing: tuple[str, list[tuple[str, str]]] | None = None


class NotAReport(Exception):
    """No key-work part was found; ``str`` holds the headings looked for."""


class HeadingNotFound(Exception):
    pass


_YEAR_RE = re.compile(r"(20\d{2})年")


def _year_in(text: str) -> int | None:
    m = _YEAR_RE.search(text)
    return int(m.group(1)) if m else None


def split_parts(paras: list[str], section_heading: str | None = None) -> Parts:
    """Find the key-work part, the targets paragraph and the review part in ``paras``.

    A text with a targets paragraph but no key-work part (a news report, an excerpt) comes back with no sections;
    one with neither raises ``NotAReport``.
    """
    goals, goals_year = _goals(paras)
    review, review_year = _review(paras)
    start = None  # index of the first paragraph of the key-work part (its heading or lead-in)
    lead_in = None
    if section_heading:
        wanted = key(section_heading)
        start = next((i for i, p in enumerate(paras) if key(p).startswith(wanted)), None)
        if start is None:
            raise HeadingNotFound(section_heading)
        sections_from = start
    else:
        heading = next(
            (
                i
                for i, p in enumerate(paras)
                if KEY_PART_RE.match(p) and (not _LONG_TERM_RE.search(p) or _THIS_YEARS_WORK_RE.search(p))
            ),
            None,
        )
        lead_in = next(
            (
                i
                for i, p in enumerate(paras)
                if (heading is None or i >= heading) and LEAD_IN_RE.search(p.rstrip("。：: "))
            ),
            None,
        )
        if lead_in is None:
            lead_in = next((i for i, p in enumerate(paras) if LEAD_IN_RE.search(p)), None)
        start = heading if heading is not None else lead_in
        if start is None:
            if goals is None:
                raise NotAReport(LOOKED_FOR)
            year = goals_year or (review_year + 1 if review_year else None) or _heading_year(paras)
            year = year or _title_year(paras) or _this_year_is(paras)
            return Parts(year=year, goals=goals, sections=[], review=review, review_year=review_year, style="none")
        sections_from = lead_in if lead_in is not None and lead_in >= start else start
    if lead_in is not None and sections_from == lead_in and _numbered_parts_follow(paras, lead_in):
        # 重点抓好以下三方面工作：一、…（一）…二、…: the 一、 parts are the sections, their （一） the subsections.
        sections, end = _part_sections(paras, lead_in)
        style = "heading"
    else:
        end = _part_end(paras, sections_from)
        work = [p for p in paras[sections_from:end] if not p.startswith("各位代表")] or paras[sections_from:end]
        # Given a --section-heading at a paragraph that is no （一） heading (a lead phrase: 厚植营商环境沃土。…),
        # its paragraphs up to the next heading are a section of their own, not dropped.
        keep_leading = bool(section_heading) and not SECTION_HEADING_RE.match(paras[sections_from])
        sections, style = _sections(work, keep_leading)
    closing = _closing(paras[end:]) if style == "heading" else None
    # The heading names the year (三、2026年重点工作); a lead-in inside a long paragraph may name another one.
    year = (
        _year_in(paras[start])
        if section_heading or KEY_PART_RE.match(paras[start]) or len(paras[start]) <= 40
        else None
    )
    year = year or goals_year or (review_year + 1 if review_year else None) or _heading_year(paras[:start])
    return Parts(
        year=year or _title_year(paras) or _this_year_is(paras[: start + 1]),
        goals=goals,
        sections=sections,
        review=review,
        review_year=review_year,
        style=style,
        closing=closing,
    )


def _part_end(paras: list[str], sections_from: int) -> int:
    """Where the key-work part ends: at the next part heading, or at 各位代表！ when no （一） heading follows
    it in the part (an 各位代表！ between sections is an interlude: 各位代表！环境就是民生…)."""
    part_end = next((i for i in range(sections_from + 1, len(paras)) if PART_HEADING_RE.match(paras[i])), len(paras))
    return next(
        (
            i
            for i in range(sections_from + 1, part_end)
            if paras[i].startswith("各位代表") and not any(SECTION_HEADING_RE.match(p) for p in paras[i + 1 : part_end])
        ),
        part_end,
    )


_COUNT_RE = re.compile(r"([\d一二两三四五六七八九十]+)个?方面")


def _numbered_parts_follow(paras: list[str], lead_in: int) -> bool:
    return lead_in + 1 < len(paras) and bool(PART_HEADING_RE.match(paras[lead_in + 1]))


def _part_sections(paras: list[str], lead_in: int) -> tuple[list[tuple[str, str, list[str]]], int]:
    """The 一、二、三 parts after a lead-in that counts them (以下三方面工作), as sections."""
    m = _COUNT_RE.search(paras[lead_in])
    count = cn_count(m.group(1)) if m else None
    sections: list[tuple[str, str, list[str]]] = []
    end = len(paras)
    for i in range(lead_in + 1, len(paras)):
        p = paras[i]
        heading = PART_HEADING_RE.match(p)
        if p.startswith("各位代表") or (heading and count is not None and len(sections) >= count):
            end = i
            break
        if heading:
            title, _, rest = p[heading.end() :].partition("。")
            sections.append((p[: heading.end() - 1], title.strip(), [rest] if rest else []))
        else:
            sections[-1][2].append(p)
    return sections, end


def cn_count(text: str) -> int | None:
    """一 … 九十九 or digits; 几 (几个方面) counts nothing."""
    if text.isdigit():
        return int(text)
    digits = "一二三四五六七八九"
    if text == "两":
        return 2
    if len(text) == 1 and text in digits:
        return digits.index(text) + 1
    if text.startswith("十"):
        return 10 + (digits.index(text[1]) + 1 if len(text) > 1 and text[1] in digits else 0)
    return None


def _goals(paras: list[str]) -> tuple[str | None, int | None]:
    """The targets paragraph (from the first word after 目标是：) and the year its sentence names."""
    for p in paras:
        m = GOALS_RE.search(p)
        if m is None:
            continue
        # The five-year plan's goals say so in their own sentence (十五五时期主要目标是：…).
        sentence_start = p.rfind("。", 0, m.start()) + 1
        if not _LONG_TERM_RE.search(p[sentence_start : m.start()]):
            return _goal_sentences(p[m.end() :]), _year_in(p[sentence_start : m.start()]) or _year_in(p[: m.start()])
    return None, None


def _review(paras: list[str]) -> tuple[list[str], int | None]:
    """The review part's paragraphs that speak of last year only, and the year its heading names."""
    review_start = next((i for i, p in enumerate(paras) if REVIEW_RE.match(p)), None)
    if review_start is None:
        return [], None
    review_end = next((i for i in range(review_start + 1, len(paras)) if PART_HEADING_RE.match(paras[i])), len(paras))
    review = [p for p in paras[review_start + 1 : review_end] if not _NOT_LAST_YEAR_RE.search(p)]
    return review, _year_in(paras[review_start])


# A heading that names this year's work; a PDF may run it into the next line, so only its start is read.
_HEADING_YEAR_RE = re.compile(
    rf"^(?:[{_CN_DIGITS}]+[、.．])?(20\d{{2}})年.{{0,12}}?(?:工作安排|重点工作|目标任务|主要工作|总体要求|主要目标)"
)
_THIS_YEAR_IS_RE = re.compile(r"(?:^|[。！])(?:今年|明年)?[，,]?(20\d{2})年是")


def _heading_year(paras: list[str]) -> int | None:
    """The year of the last heading before the key-work part that names this year's work (2025年工作安排)."""
    for p in reversed(paras):
        m = _HEADING_YEAR_RE.match(p)
        if m:
            return int(m.group(1))
    return None


def _this_year_is(paras: list[str]) -> int | None:
    """The year the last sentence of the form 2025年是…之年 introduces: the last resort for an excerpt."""
    for p in reversed(paras):
        found = _THIS_YEAR_IS_RE.findall(p)
        if found:
            return int(found[-1])
    return None


def head(paras: list[str]) -> list[str]:
    """The paragraphs before the report's first part heading (一、…): title, notice, who gives the report."""
    end = next((i for i, p in enumerate(paras) if PART_HEADING_RE.match(p) or SECTION_HEADING_RE.match(p)), len(paras))
    return paras[:end]


# A sentence after the targets that speaks about them rather than adding one (这些目标充分考虑了…, 实现上述目标…).
_AFTER_GOALS_RE = re.compile(r"^(?:这|上述|实现|为实现|为此|具体|我们|同时|需要|之所以|确定|综合)")


_STRIVING_RE = re.compile(r"^(?:在)?(?:实际工作中|努力|力争|争取)")


def _goal_sentences(text: str) -> str:
    """The targets: the first sentence after 目标是：, and the next ones while they go on listing targets
    (…力争取得更好结果。一产、二产、三产增加值分别增长…。规模以上工业增加值增长6%左右…)."""
    sentences = [s for s in text.split("。") if s.strip()]
    kept = sentences[:1]
    for sentence in sentences[1:]:
        if _AFTER_GOALS_RE.match(sentence.strip()) or "：" in sentence or ":" in sentence:
            break
        if _STRIVING_RE.match(sentence.strip()) and not re.search(r"\d", sentence):
            continue  # 实际工作中，我们将努力争取更好结果: about the targets, not one of them
        kept.append(sentence)
    return "；".join(kept)


_TITLE_YEAR_RE = re.compile(r"(20\d{2})年[^，。]{0,20}政府工作报告|政府工作报告.{0,4}——(20\d{2})年")


def _title_year(paras: list[str]) -> int | None:
    """The year in the report's own title (2026年内蒙古自治区政府工作报告), when nothing else gives one."""
    for p in head(paras)[:20]:
        m = _TITLE_YEAR_RE.search(p)
        if m:
            return int(m.group(1) or m.group(2))
    return None


_OWN_WORK_RE = re.compile(r"政府自身建设|自身建设")


def _closing(paras: list[str]) -> tuple[str, list[tuple[str, str]]] | None:
    """The part after the numbered sections that speaks of the government's own work, if it has 一是/二是."""
    if not paras or not paras[0].startswith("各位代表"):
        return None
    taken = [paras[0]]
    for p in paras[1:]:
        if p.startswith("各位代表") or PART_HEADING_RE.match(p):
            break
        taken.append(p)
    text = "".join(p if _ends_sentence(p) else p + "。" for p in taken)
    marks = list(ORDINAL_RE.finditer(text))
    own = _OWN_WORK_RE.search(text[: marks[0].start()]) if marks else None
    if len(marks) < 2 or own is None:
        return None
    items = []
    for i, m in enumerate(marks):
        body = text[m.end() : marks[i + 1].start() if i + 1 < len(marks) else len(text)]
        title, _, rest = body.partition("。")
        if title.strip("，,"):
            items.append((title.strip("，,"), rest))
    return (own.group(0), items) if items else None


def _sections(paras: list[str], keep_leading: bool = False) -> tuple[list[tuple[str, str, list[str]]], str]:
    """The sections (numeral, title, body) of the key-work part. ``keep_leading``: paragraphs before the first
    heading form a section with an empty numeral and title (the drafter names and flags it)."""
    sections: list[tuple[str, str, list[str]]] = []
    first = next((i for i, p in enumerate(paras) if SECTION_HEADING_RE.match(p)), None)
    if keep_leading and first != 0 and (first is not None or not ORDINAL_RE.search("".join(paras))):
        sections.append(("", "", list(paras[:first] if first is not None else paras)))
        paras = paras[first:] if first is not None else []
    for p in paras:
        m = SECTION_HEADING_RE.match(p)
        if m:
            title, _, rest = p[m.end() :].partition("。")
            # A heading with no words of its own keeps its number as its title rather than none.
            sections.append((m.group(1), title.strip() or m.group(0), [rest] if rest else []))
        elif sections:
            sections[-1][2].append(p)
    if sections:
        return sections, "heading"
    # No （一） headings: sections marked 一是 / 二是 inside the text.
    text = "".join(p if _ends_sentence(p) else p + "。" for p in paras)
    marks = list(ORDINAL_RE.finditer(text))
    for i, m in enumerate(marks):
        body = text[m.end() : marks[i + 1].start() if i + 1 < len(marks) else len(text)]
        title, _, rest = body.partition("。")
        sections.append((m.group(1), title.strip("，,") or m.group(0), [rest] if rest else []))
    return sections, "ordinal"


@dataclass
class Block:
    """Text under one heading: a subsection (title set) or a section's opening (title None)."""

    title: str | None
    text: str


def blocks(body: list[str]) -> list[Block]:
    """Split a section's paragraphs into its opening and its subsections."""
    result: list[Block] = []
    for index, p in enumerate(body):
        # （一） inside a section is a subsection: the sections were 一、二、三 parts (以下三方面工作：一、…).
        numbered = NUMBERED_RE.match(p) or SECTION_HEADING_RE.match(p)
        head, dot, rest = p.partition("。")
        numbered_title = p[numbered.end() :].partition("。")[0].strip() if numbered else ""
        lead_phrase = dot and 2 <= len(head) <= LEAD_PHRASE_MAX and not re.search(r"[，,、；;：:]", head)
        if numbered and numbered_title:
            result.append(Block(numbered_title, p[numbered.end() :].partition("。")[2]))
        elif lead_phrase and (rest.strip() or 0 < index < len(body) - 1):
            # The phrase opens its paragraph (主动承接优质资源。…), or stands alone above it (转型发展城市工业。),
            # but not as the section's first words (its opening may be one short sentence).
            result.append(Block(head, rest))
        elif result and result[-1].title is not None:
            result[-1].text += p  # a paragraph that goes on with the subsection above
        else:
            result.append(Block(None, p))
    return result
