"""The body of the 通报 in the genre's prose: 一、总体情况, 二、主要进展, 三、存在问题, 四、下步工作要求.

Every sentence says only what the journal and the report hold: counts and shares from the same
``Report`` as ``hedong status``; in 二、主要进展 one sentence per task, built from the fields of the
period's own entries (value, status, note) and carrying those entries' ids (``Para.sources``); the
problems are the report's lights, missed nodes and deadlines and the silent units; the generated
requirements name the nodes and deadlines ahead. Lists are bounded; the full lists are the 附件.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from hedong_cli.common.messages import get_lang, t
from hedong_cli.documents.briefing import Briefing, Change, NodeItem, reached_nodes
from hedong_cli.documents.labels import number, pct, target_text
from hedong_cli.journal import Entry
from hedong_cli.render.briefing_blocks import Add, Block, Heading, Para, cn_date, cut
from hedong_cli.tracking.period import CN_NUMBERS
from hedong_cli.tracking.progress import TaskView

MAX_PROGRESS = 4  # tasks named in 二、主要进展; the rest are counted and left to 附件1
MAX_AHEAD = 2  # nodes and deadlines named in 四、下步工作要求
MAX_NAMED = 3  # units, sections or tasks named in one sentence of 三 and 四
FIRST_CLAUSE = "，"
MAX_HEAD_CHARS = 12  # a requirement's opening sentence this short is its heading


def ordinal(n: int) -> str:
    """1 → 一 … 12 → 十二 (headings and 一是/二是); in English, the number."""
    return CN_NUMBERS[n] if n < len(CN_NUMBERS) and get_lang() == "zh" else str(n)


def share(count: int, base: int) -> str:
    return pct(round(count / base * 100, 1) if base else 0.0)


def named(items: list[str], total: int | None = None) -> str:
    """The first MAX_NAMED of ``items`` joined by 、, and 等N项/等 when some are left out."""
    shown = t("brief_id_sep").join(items[:MAX_NAMED])
    left = (total if total is not None else len(items)) > MAX_NAMED
    return shown + t("tb_and_more") if left else shown


def body_blocks(b: Briefing, max_progress: int = MAX_PROGRESS, max_missed: int = MAX_NAMED) -> list[Block]:
    """The body's blocks, naming at most ``max_progress`` tasks in 二、主要进展 (the most notable) and
    ``max_missed`` missed nodes and overdue tasks in 三、存在问题 (the rest are counted, and in 附件1)."""
    blocks: list[Block] = []
    add = blocks.append
    add(Para(_lead_in(b)))
    add(Heading(1, t("tb_h_overview")))
    _overview(b, add)
    add(Heading(1, t("tb_h_progress")))
    _progress(b, add, max_progress)
    add(Heading(1, t("tb_h_problems")))
    _problems(b, add, max_missed)
    add(Heading(1, t("tb_h_next")))
    _requirements(b, add)
    return blocks


def _period_text(b: Briefing) -> str:
    """11月23日至11月26日: to the as-of day (today, while the period runs); the year is the title's."""
    start, end = b.period.start, b.as_of
    return t("tb_span", start=cn_date(start, year=False), end=cn_date(end, year=False))


def _lead_in(b: Briefing) -> str:
    unit = t("tb_lead_unit", unit=b.unit) if b.unit else ""
    text = t("tb_lead_in", span=_period_text(b), region=b.region, year=b.report.year, unit=unit)
    return re.sub(" {2,}", " ", text)  # an English sentence without a region


# -- 一、总体情况 -----------------------------------------------------------------------------------


def _overview(b: Briefing, add: Add) -> None:
    s, views = b.summary, b.report.views
    total = s.total
    if total == 0:
        add(Para(t("none_matched")))
        return
    done = s.by_status["done"]
    silent = [v for v in views if v.updated is None]
    reported_open = total - done - len(silent)
    on_track = sum(1 for v in views if v.updated is not None and v.status != "done" and v.light == "green")
    behind = reported_open - on_track
    add(
        Para(
            t(
                "tb_overview",
                date=cn_date(b.as_of),
                expected=f"{b.report.expected_pct:.1f}",
                total=total,
                done=done,
                done_pct=share(done, total),
                on=on_track,
                on_pct=share(on_track, total),
                behind=behind,
                behind_pct=share(behind, total),
                silent=len(silent),
                silent_pct=share(len(silent), total),
            )
            + t(
                "tb_overview_lights" if any(v.light == "red" for v in silent) else "tb_overview_lights_plain",
                green=s.by_light["green"],
                yellow=s.by_light["yellow"],
                red=s.by_light["red"],
                silent_red=sum(1 for v in silent if v.light == "red"),
            )
        )
    )
    if s.quantitative:
        text = t(
            "tb_overview_quant",
            quant=s.quantitative,
            on=s.on_schedule,
            on_pct=share(s.on_schedule, s.quantitative),
            behind=s.behind_schedule,
            behind_pct=share(s.behind_schedule, s.quantitative),
        )
        goals = [_goal_text(v) for v in b.goals if v.value is not None and v.task.target is not None]
        if goals:
            text += t("tb_overview_goals", goals=t("tb_clause_sep").join(goals))
        add(Para(text))
    if not b.reported:
        add(Para(t("tb_nothing_reported", units=named(b.silent_units) or t("tb_no_units"))))


def _goal_text(view: TaskView) -> str:
    """地区生产总值增长4.5%最新为4.4% (its date)."""
    assert view.task.target is not None and view.value_date is not None
    unit = view.task.target.unit
    return t(
        "tb_goal",
        title=view.task.title,
        value=f"{number(view.value)}{unit}",
        date=cn_date(view.value_date, year=False),
    )


# -- 二、主要进展 -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Item:
    """One task's progress in the period: its newest live entry per field, and the sentence's rank."""

    view: TaskView
    day: Entry  # the newest entry used, for the date
    value: Entry | None
    status: Entry | None
    note: Entry | None
    reached: tuple[NodeItem, ...] = ()  # plan nodes the period's entries reached

    @property
    def sources(self) -> tuple[int, ...]:
        return tuple(sorted({e.id for e in (self.day, self.value, self.status, self.note) if e is not None}))

    @property
    def rank(self) -> int:
        """Completions first, then nodes reached, then figures, then the rest (notes, other statuses)."""
        if self.status is not None and self.status.status == "done":
            return 0
        if self.reached:
            return 1
        return 2 if self.value is not None else 3


def progress_items(b: Briefing) -> list[Item]:
    """Per task, the period's live update entries folded into one item, in catalogue order."""
    live: dict[str, list[Entry]] = {}
    states: dict[str, list[Change]] = {}
    for change in b.changes:
        entry = change.entry
        states.setdefault(entry.task_id, []).append(change)
        if entry.kind == "update" and not change.retracted:
            live.setdefault(entry.task_id, []).append(entry)
    views = {change.view.task.id: change.view for change in b.changes}
    items = []
    for task_id, entries in live.items():

        def newest(name: str, entries: list[Entry] = entries) -> Entry | None:
            return next((e for e in reversed(entries) if getattr(e, name) is not None), None)

        period = states[task_id]  # the state before the period's first entry, and after its last
        reached = reached_nodes(views[task_id], period[0].before, period[-1].after)
        items.append(Item(views[task_id], entries[-1], newest("value"), newest("status"), newest("note"), reached))
    return items


def item_sentence(item: Item) -> str:
    view = item.view
    facts = []
    if item.status is not None and item.status.status == "done":
        facts.append(t("tb_fact_done"))
    for node in item.reached:
        key = "tb_fact_node" if node.step else "tb_fact_node_value"
        facts.append(t(key, date=cn_date(node.day, year=False), expects=node.expects))
    target = view.task.target
    if item.value is not None and item.value.value is not None:
        unit = target.unit if target else ""
        value = f"{number(item.value.value)}{unit}"
        if target is not None and not target.is_rate and target.value:
            share_text = pct(round(item.value.value / target.value * 100, 1))
            facts.append(t("tb_fact_amount", value=value, target=target_text(target), share=share_text))
        elif target is not None:
            facts.append(t("tb_fact_rate", value=value, target=target_text(target)))
        else:
            facts.append(t("tb_fact_value", value=value))
    if item.status is not None and item.status.status not in (None, "done"):
        from hedong_cli.common.messages import status_name

        facts.append(t("tb_fact_status", status=status_name(item.status.status)))
    if item.note is not None and item.note.note:
        facts.append(t("tb_fact_note", note=cut(item.note.note)))
    who = t("tb_who_lead", lead=view.lead) if view.lead else ""
    return t(
        "tb_item",
        date=cn_date(item.day.effective, year=False),
        who=who,
        title=view.task.title,
        id=view.task.id,
        facts=t("tb_clause_sep").join(facts),
    )


def _progress(b: Briefing, add: Add, max_progress: int) -> None:
    when = t("brief_this_week" if b.period.week else "brief_this_period")
    items = progress_items(b)
    if not items:
        add(Para(t("tb_progress_none", when=when)))
        return
    order = {task.task.id: index for index, task in enumerate(b.report.views)}
    chosen = sorted(items, key=lambda i: (i.rank, order[i.view.task.id]))[:max_progress]
    add(Para(t("tb_progress_count", when=when, tasks=len(items), entries=_update_count(b))))
    section_order = [view.task.section for view in b.report.views]
    by_section: dict[str, list[Item]] = {}
    for item in sorted(chosen, key=lambda i: order[i.view.task.id]):
        by_section.setdefault(item.view.task.section, []).append(item)
    for index, section in enumerate(sorted(by_section, key=section_order.index), start=1):
        group = by_section[section]
        title = group[0].view.section_title.split(FIRST_CLAUSE)[0]
        for position, item in enumerate(group):
            lead = t("tb_sub", n=ordinal(index), title=title) if position == 0 else ""
            add(Para(item_sentence(item), lead=lead, sources=item.sources))
    if len(items) > len(chosen):
        add(Para(t("tb_progress_rest", n=len(items) - len(chosen))))


def _update_count(b: Briefing) -> int:
    return sum(1 for change in b.changes if change.entry.kind == "update" and not change.retracted)


# -- 三、存在问题 -----------------------------------------------------------------------------------


def _problems(b: Briefing, add: Add, max_missed: int) -> None:
    paragraphs: list[tuple[str, str]] = []
    lagging = b.red + b.yellow
    if lagging:
        counts: dict[str, int] = {}
        for view in lagging:
            name = view.section_title.split(FIRST_CLAUSE)[0]
            counts[name] = counts.get(name, 0) + 1
        ranked = sorted(counts.items(), key=lambda kv: -kv[1])
        sections = [t("tb_count_of", name=name, n=n) for name, n in ranked]
        silent = sum(1 for v in lagging if v.updated is None)
        paragraphs.append(
            (
                t("tb_p_lagging"),
                t(
                    "tb_lagging" if silent else "tb_lagging_plain",
                    red=len(b.red),
                    yellow=len(b.yellow),
                    silent=silent,
                    sections=named(sections),
                ),
            )
        )
    red_units = [row for row in b.units.rows if row.unit is not None and row.red]
    if red_units:
        ranked_units = sorted(red_units, key=lambda row: -row.red)
        units = [t("tb_count_of", name=row.unit, n=row.red) for row in ranked_units]
        paragraphs.append((t("tb_p_units"), t("tb_red_units", units=named(units))))
    missed = [_node_text(item, "tb_missed_node") for item in b.missed_nodes]
    overdue = [
        t("tb_overdue", date=cn_date(v.due), who=_who(v), title=v.task.title) for v in b.overdue if v.due is not None
    ]
    if missed or overdue:
        parts = []
        if missed:
            parts.append(t("tb_missed_nodes", n=len(missed), items=_some(missed, max_missed)))
        if overdue:
            parts.append(t("tb_overdue_tasks", n=len(overdue), items=_some(overdue, max_missed)))
        paragraphs.append((t("tb_p_deadlines"), "".join(parts)))
    when = t("brief_this_week" if b.period.week else "brief_this_period")
    never = len(b.never_reported)
    if b.silent_units or never:
        text = ""
        if b.silent_units:
            text += t("tb_silent_units", when=when, n=len(b.silent_units), units=named(b.silent_units))
        if never:
            text += t("tb_never_reported" if b.silent_units else "tb_never_reported_only", n=never)
        paragraphs.append((t("tb_p_silent"), text))
    if not paragraphs:
        add(Para(t("tb_no_problems")))
    for index, (lead, text) in enumerate(paragraphs, start=1):
        add(Para(text, lead=t("tb_sub_lead", n=ordinal(index), title=lead)))


def _some(items: list[str], limit: int) -> str:
    """The first ``limit`` items joined by ；, and 等 when some are left out (they are in 附件1)."""
    return t("tb_item_sep").join(items[:limit]) + (t("tb_and_more") if len(items) > limit else "")


def _who(view: TaskView) -> str:
    return t("tb_who_lead", lead=view.lead) if view.lead else ""


def _node_text(item: NodeItem, key: str) -> str:
    """A plan node as the genre says it: a step (须于11月30日前竣工验收) or a figure to reach (达到45家)."""
    return t(
        key if item.step else f"{key}_value",
        date=cn_date(item.day, year=False),
        who=_who(item.view),
        title=item.view.task.title,
        expects=item.expects,
    )


# -- 四、下步工作要求 -------------------------------------------------------------------------------


def _rectify(b: Briefing) -> str:
    """Who is to rectify which red tasks: each unit its own, and a lead unit still to be named for the rest.

    A unit is never made answerable for red tasks it does not lead."""
    red_units = [row.unit for row in b.units.rows if row.unit is not None and row.red]
    led = sum(1 for view in b.red if view.lead)
    parts = []
    if red_units:
        parts.append(t("tb_req_rectify", units=named(red_units), n=led))
    if led < len(b.red):
        # "另有…" only follows a sentence about the units; alone, the sentence stands without it.
        key = "tb_req_rectify_unassigned" if parts else "tb_req_rectify_unassigned_all"
        parts.append(t(key, n=len(b.red) - led))
    return "".join(parts)


def _requirements(b: Briefing, add: Add) -> None:
    items: list[tuple[str, str]] = []
    window_end = b.window[1] if b.window else b.as_of
    ahead = [_node_text(item, "tb_node_ahead") for item in b.next_nodes]
    ahead += [
        t("tb_due_ahead", date=cn_date(v.due, year=False), who=_who(v), title=v.task.title)
        for v in b.upcoming
        if v.due is not None
    ]
    if ahead:
        text = t("tb_req_ahead", date=cn_date(window_end), items=t("tb_item_sep").join(ahead[:MAX_AHEAD]))
        items.append(
            (t("tb_req_ahead_title"), text + (t("tb_see_attach", n=len(ahead)) if len(ahead) > MAX_AHEAD else ""))
        )
    if b.red:
        items.append((t("tb_req_rectify_title"), _rectify(b)))
    standing = b.config.requirements
    if standing is None:
        standing = tuple(t("tb_req_default").split("\n"))
    position = len(items)
    for index, (title, text) in enumerate(items, start=1):
        add(Para(text, lead=t("tb_req_lead", n=ordinal(index), title=title)))
    for index, text in enumerate(standing, start=position + 1):
        # A standing requirement that opens with a short sentence has it as its heading, as above.
        head, stop, rest = text.partition("。")
        if stop and rest and len(head) <= MAX_HEAD_CHARS:
            add(Para(rest, lead=t("tb_req_lead", n=ordinal(index), title=head)))
        else:
            add(Para(text, lead=t("tb_req_lead_plain", n=ordinal(index))))
