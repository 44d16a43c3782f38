"""Shared formatting of numbers, targets and labels, used by every renderer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hedong_cli.common.figures import number
from hedong_cli.common.messages import get_lang, kind_name, light_name, status_name, t

if TYPE_CHECKING:
    from hedong_cli.catalogue.model import TaskTarget
    from hedong_cli.tracking.progress import Summary, TaskView
    from hedong_cli.tracking.units import Scorecard, UnitScore


def titled(key: str, region: str, /, **params: object) -> str:
    """A title naming the catalogue's region (``source.region``): 南开区2029年… / "南开区 2029 …"; with no
    region the title simply starts with the year."""
    shown = f"{region} " if region and get_lang() == "en" else region
    return t(key, region=shown, **params)


SECTION_NUMERALS = {"1": "一", "2": "二", "3": "三", "4": "四", "5": "五", "6": "六", "7": "七", "8": "八", "9": "九"}


def target_text(target: TaskTarget | None) -> str:
    if target is None:
        return ""
    params = {"value": number(target.value), "unit": target.unit, "max": number(target.max)}
    from hedong_cli.catalogue.model import COMPARATOR_MESSAGES  # already loaded wherever a target exists

    key = COMPARATOR_MESSAGES[target.comparator]
    return t(key, **params)


def value_text(view: TaskView) -> str:
    if view.value is None:
        return ""
    unit = view.task.target.unit if view.task.target else ""
    return f"{number(view.value)}{unit}" if get_lang() == "zh" else f"{number(view.value)} {unit}".strip()


def pct(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}%"


def section_heading(section_id: str, title: str) -> str:
    if section_id == "0":
        return title
    numeral = SECTION_NUMERALS.get(section_id, section_id)
    return f"（{numeral}）{title}" if get_lang() == "zh" else f"{section_id}. {title}"


def summary_lines(summary: Summary) -> list[str]:
    sep = t("lbl_sep")
    statuses = sep.join(f"{status_name(s)} {n}" for s, n in summary.by_status.items())
    lights = sep.join(f"{light_name(k)} {n}" for k, n in summary.by_light.items())
    mean = pct(summary.mean_progress_pct) or t("no_figure")
    return [
        t("lbl_tasks_by_status", total=summary.total, parts=statuses),
        t("lbl_lights", parts=lights),
        t(
            "lbl_completion",
            done_pct=f"{summary.done_pct:.1f}",
            quant=summary.quantitative,
            on=summary.on_schedule,
            mean=mean,
        ),
    ]


# The columns of a status row, shared by the terminal table and the Markdown table.
STATUS_COLUMNS = (
    "col_id",
    "col_title",
    "col_target",
    "col_value",
    "col_progress",
    "col_light",
    "col_status",
    "col_updated",
)


def status_cells(view: TaskView) -> list[str]:
    """One task as ``hedong status`` shows it, in ``STATUS_COLUMNS`` order."""
    return [
        view.task.id,
        view.task.title,
        target_text(view.task.target),
        value_text(view),
        pct(view.progress_pct),
        light_name(view.light),
        status_name(view.status),
        view.updated.isoformat() if view.updated else "",
    ]


def unit_label(unit: str | None) -> str:
    return unit if unit is not None else t("unt_unassigned")


def score_cells(row: UnitScore, label: str) -> list[str]:
    """One scorecard row as text, for the ``units`` table and the briefing's 各单位推进情况 alike."""
    return [
        label,
        str(row.tasks),
        str(row.done),
        str(row.green),
        str(row.yellow),
        str(row.red),
        str(row.stale),
        row.latest.isoformat() if row.latest else t("unt_never"),
        str(row.missed),
    ]


def score_headers(card: Scorecard) -> list[str]:
    """The scorecard's column names; 节点未完成 only once some plan node is missed (JSON and CSV
    always carry it)."""
    headers = [
        t("unt_col_unit"),
        t("unt_col_tasks"),
        status_name("done"),
        light_name("green"),
        light_name("yellow"),
        light_name("red"),
        t("unt_col_stale", days=card.stale_days),
        t("unt_col_latest"),
    ]
    if card.total.missed:
        headers.append(t("unt_col_missed"))
    return headers


def reason_words(view: TaskView) -> str:
    """Why a task needs attention, in words: 落后序时进度12.3个百分点, 超期未完成, 28天未更新…"""
    reason = view.light_reason
    if reason == "behind" and view.progress_pct is not None and view.expected_pct is not None:
        gap = view.expected_pct - min(view.progress_pct, 100.0)
        target = view.task.target
        # A rate (or 正增长, or a bound) is judged against the target itself all year, not against 序时进度.
        judged_on_target = target is not None and (target.is_rate or target.comparator in (">", "<="))
        return t("why_short_of_target" if judged_on_target else "why_behind", points=f"{gap:.1f}")
    target = view.task.target
    if reason == "over_ceiling" and target is not None and view.value is not None:
        over = view.value - target.value
        amount = t("why_points", points=number(over)) if target.is_rate else f"{number(over)}{target.unit}"
        return t("why_over_ceiling", amount=amount)
    if reason == "stale" and view.days_since_update is not None:
        return t("why_stale", days=view.days_since_update)
    if reason == "not_started":
        return t("why_not_started_red" if view.light == "red" else "why_not_started")
    if reason == "overdue":
        return t("why_overdue")
    return t(f"reason_{reason}")


def deadline_text(view: TaskView, year: int) -> str:
    """The 完成时限 in force and where it comes from: 2026-12-31（年内完成）, 2026-10-31（计划）."""
    from hedong_cli.tracking.plans import deadline

    day, source = deadline(view.task, view.plan.plan if view.plan else None, year)
    return t("due_with_source", due=day.isoformat(), source=t(f"plan_src_{source}"))


def detail_fields(view: TaskView, year: int) -> list[tuple[str, str]]:
    """Every field of one task, labelled, in the order ``hedong show`` and the web's 任务详情 both show them."""
    task = view.task
    # The year stands beside the figure (90家（2025）), so the label says only 基数: the year is said once.
    baseline = f"{number(task.baseline.value)}{task.baseline.unit}（{task.baseline.year}）" if task.baseline else ""
    return [
        (t("col_id"), task.id),
        (t("col_section"), section_heading(task.section, view.section_title)),
        (t("col_subsection"), view.subsection_title or ""),
        (t("col_title"), task.title),
        (t("col_text"), task.text),
        (t("col_kind"), kind_name(task.kind)),
        (t("col_target"), target_text(task.target)),
        (t("col_baseline"), baseline),
        (t("col_due"), deadline_text(view, year)),
        (t("col_lead"), view.lead or ""),
        *([(t("col_partners"), "、".join(view.partners))] if view.partners else []),
        (t("col_status"), status_name(view.status)),
        (t("col_value"), value_text(view)),
        (t("fld_value_date"), view.value_date.isoformat() if view.value_date else ""),
        (t("col_progress"), pct(view.progress_pct)),
        (t("col_expected"), pct(view.expected_pct)),
        (t("col_light"), light_name(view.light)),
        (t("fld_reason"), reason_words(view)),
        *_plan_fields(view),
        (t("col_note"), view.note or ""),
        (t("col_updated"), view.updated.isoformat() if view.updated else ""),
    ]


def _plan_fields(view: TaskView) -> list[tuple[str, str]]:
    """分管区领导, 节点安排 and 计划进度: shown only for a task that has a plan."""
    if view.plan is None:
        return []
    from hedong_cli.tracking.plans import nodes_text

    fields = [(t("pln_col_leader"), view.leader or "")]
    if view.plan.plan.nodes:
        fields.append((t("pln_col_nodes"), nodes_text(view.plan.plan, view.task)))
        fields.append((t("fld_plan_expected"), pct(view.plan_expected_pct)))
    if view.plan.plan.reason:
        fields.append((t("pln_col_reason"), view.plan.plan.reason))
    return fields
