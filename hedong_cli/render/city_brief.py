"""The city's 通报 (``hedong brief --city``): the districts' figures in the genre of the district 通报.

It is laid out as the same format-neutral blocks (``briefing_blocks``) and drawn by the same md, txt, html
and docx renderers: 版头, title, 主送, 一、总体情况 (the city's totals, then each district's figures),
二、存在问题, 三、下步工作要求, the 附件 list and 版记, then 附件 ranking the districts. Every figure is a
district's row of ``hedong_cli.tracking.city``, its own ``build_report``, so it equals that district's ``status``; the
prose names only what the rows hold (red tasks, tasks never reported, targets behind schedule).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from hedong_cli.common.config import Config
from hedong_cli.common.messages import t
from hedong_cli.documents.labels import pct
from hedong_cli.render.briefing_blocks import Add, Attachment, Block, Document, Heading, Para, Table, cn_date
from hedong_cli.render.briefing_doc import frame
from hedong_cli.render.briefing_prose import named, ordinal, share
from hedong_cli.tracking.city import CityView, DistrictRow
from hedong_cli.tracking.period import Period


@dataclass(frozen=True)
class CityBriefing:
    view: CityView
    period: Period
    number: int
    config: Config

    @property
    def issuer(self) -> str:
        """The 发文机关标志: the series' own, else the office's, else 督查通报 (as the district 通报)."""
        return self.config.series_for(self.period.kind).issuer or self.config.issuer or t("doc_issuer_default")

    @property
    def year_text(self) -> str:
        """2029 when every district's catalogue is of one year, else "" (each district then names its year)."""
        years = {row.year for row in self.view.rows}
        return str(years.pop()) if len(years) == 1 else ""


def city_document(b: CityBriefing) -> Document:
    view = b.view
    fill = {"year": b.year_text, "phrase": b.period.phrase()}
    doc = frame("cb", fill, b.issuer, b.number, b.config, view.as_of)
    blocks: list[Block] = []
    add = blocks.append
    add(Para(re.sub(" {2,}", " ", t("cb_lead_in", n=len(view.rows), date=cn_date(view.as_of), **fill))))
    add(Heading(1, t("tb_h_overview")))
    _overview(b, add)
    add(Heading(1, t("cb_h_problems")))
    _problems(b, add)
    add(Heading(1, t("cb_h_next")))
    _requirements(b, add)
    doc.blocks = blocks
    doc.attachments = [_ranking(b)]
    return doc


def _figures(row: DistrictRow | None, counts: dict[str, int]) -> dict[str, object]:
    tasks = counts["tasks"]
    return {
        **counts,
        "done_pct": share(counts["done"], tasks),
        "on_pct": share(counts["on_schedule"], counts["quantitative"]),
        "silent": counts["not_reported"],
        "silent_pct": share(counts["not_reported"], tasks),
        "quant": counts["quantitative"],
        "on": counts["on_schedule"],
        "expected": f"{row.expected_pct:.1f}" if row is not None else "",
    }


def _overview(b: CityBriefing, add: Add) -> None:
    view = b.view
    if not view.rows or not view.total["tasks"]:
        add(Para(t("none_matched")))
        return
    add(Para(t("cb_overview", n=len(view.rows), date=cn_date(view.as_of), **_figures(None, view.total))))
    for index, row in enumerate(view.rows, start=1):
        lead = t("cb_district_lead", n=ordinal(index), name=view.label(row))
        add(Para(t("cb_overview_district", **_figures(row, row.as_json())), lead=lead))


def _listed(rows: list[DistrictRow], count: str, b: CityBriefing, with_share: bool = False) -> str:
    """南开区3项、河西区1项 (most first), at most MAX_NAMED named, 等 when more."""
    ranked = sorted((r for r in rows if getattr(r, count)), key=lambda r: (-getattr(r, count), r.name))
    items = [
        t("cb_item_share" if with_share else "cb_item", name=b.view.label(r), n=getattr(r, count),
          pct=pct(r.not_reported_pct))
        for r in ranked
    ]  # fmt: skip
    return named(items)


def _problems(b: CityBriefing, add: Add) -> None:
    rows = b.view.rows
    red = [r for r in rows if r.red]
    silent = [r for r in rows if r.not_reported]
    behind = [r for r in rows if r.quantitative - r.on_schedule]
    found: list[str] = []
    if red:
        total = sum(r.red for r in red)
        found.append(t("cb_problem_red", k=len(red), n=total, items=_listed(red, "red", b)))
    if silent:
        total = sum(r.not_reported for r in silent)
        found.append(t("cb_problem_silent", k=len(silent), n=total, items=_listed(silent, "not_reported", b, True)))
    if behind:
        counts = sorted(
            ((r.quantitative - r.on_schedule, b.view.label(r)) for r in behind), key=lambda x: (-x[0], x[1])
        )
        items = named([t("cb_item", name=name, n=n, pct="") for n, name in counts])
        found.append(t("cb_problem_behind", k=len(behind), n=sum(n for n, _ in counts), items=items))
    if not found:
        add(Para(t("cb_problems_none")))
        return
    for index, text in enumerate(found, start=1):
        add(Para(text, lead=t("tb_req_lead_plain", n=ordinal(index))))


def _requirements(b: CityBriefing, add: Add) -> None:
    rows = b.view.rows
    items: list[tuple[str, str]] = []
    red = [b.view.label(r) for r in sorted(rows, key=lambda r: -r.red) if r.red]
    if red:
        items.append((t("cb_req_red_title"), t("cb_req_red", names=named(red))))
    silent = [b.view.label(r) for r in sorted(rows, key=lambda r: -r.not_reported) if r.not_reported]
    if silent:
        items.append((t("cb_req_silent_title"), t("cb_req_silent", names=named(silent))))
    standing = tuple(t("cb_req_default").split("\n"))
    for index, (title, text) in enumerate(items, start=1):
        add(Para(text, lead=t("tb_req_lead", n=ordinal(index), title=title)))
    for index, text in enumerate(standing, start=len(items) + 1):
        head, stop, rest = text.partition("。")  # 压实工作责任。… has its heading; an English one has none
        if stop and rest:
            add(Para(rest, lead=t("tb_req_lead", n=ordinal(index), title=head)))
        else:
            add(Para(text, lead=t("tb_req_lead_plain", n=ordinal(index))))


def _ranking(b: CityBriefing) -> Attachment:
    """附件: the districts ranked (``CityView.ranked``), then the city's total."""
    view = b.view
    headers = [t("cb_col_rank"), t("city_col_district"), t("city_col_tasks"), t("city_col_done")]
    headers += [t("city_col_green"), t("city_col_yellow"), t("city_col_red"), t("cb_col_green_pct")]
    headers += [t("city_col_on_schedule"), t("city_col_not_reported"), t("cb_col_not_reported_pct")]

    def cells(counts: dict[str, int]) -> list[str]:
        tasks = counts["tasks"]
        return [
            *(str(counts[k]) for k in ("tasks", "done", "green", "yellow", "red")),
            share(counts["green"], tasks),
            f"{counts['on_schedule']}/{counts['quantitative']}",
            str(counts["not_reported"]),
            share(counts["not_reported"], tasks),
        ]

    rows = [[str(rank), view.label(row), *cells(row.as_json())] for rank, row in enumerate(view.ranked, start=1)]
    rows.append(["", t("unt_total"), *cells(view.total)])
    numeric = frozenset(range(2, len(headers))) | {0}
    blocks: list[Block] = [Table(headers, rows, numeric=numeric)]
    expected = sorted({row.expected_pct for row in view.rows})
    marks = t("brief_id_sep").join(f"{value:.1f}" for value in expected)
    blocks.append(Para(t("cb_attach_note", date=cn_date(view.as_of), pct=marks), note=True))
    return Attachment(t("tb_attach_label", n=1), t("cb_attach_title"), blocks, landscape=True)
