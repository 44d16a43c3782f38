"""Shared formatting of numbers, targets and labels, used by every renderer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hedong_cli.common.figures import number
from hedong_cli.common.messages import get_lang, light_name, status_name, t

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
