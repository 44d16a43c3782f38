"""The city view behind ``hedong city``: one row per district over one journal. Pure: it only reads Reports.

Each catalogue in the journal (its own key) is one district. Its row is the headline of its own
``progress.build_report``, so a district's figures here equal those of its own ``hedong status``:
tasks, done, green/yellow/red, the quantified targets and how many are on schedule (达到序时进度), and
the tasks with nothing reported yet (未报送: no entry on or before the date).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from hedong_cli.tracking.progress import Report


@dataclass(frozen=True)
class DistrictRow:
    key: str  # the catalogue key its entries are kept under
    region: str  # source.region; "" when the catalogue does not say
    year: int
    catalog: Path
    expected_pct: float
    tasks: int
    done: int
    green: int
    yellow: int
    red: int
    quantitative: int
    on_schedule: int
    not_reported: int

    @property
    def not_reported_pct(self) -> float:
        return round(self.not_reported / self.tasks * 100, 1) if self.tasks else 0.0

    @property
    def green_pct(self) -> float:
        return round(self.green / self.tasks * 100, 1) if self.tasks else 0.0

    @property
    def red_pct(self) -> float:
        return round(self.red / self.tasks * 100, 1) if self.tasks else 0.0

    @property
    def name(self) -> str:
        """How the row is labelled: the district, else the catalogue key."""
        return self.region or self.key

    def as_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "region": self.region or None,
            "year": self.year,
            "catalog": str(self.catalog),
            "expected_pct": self.expected_pct,
            "tasks": self.tasks,
            "done": self.done,
            "green": self.green,
            "yellow": self.yellow,
            "red": self.red,
            "quantitative": self.quantitative,
            "on_schedule": self.on_schedule,
            "not_reported": self.not_reported,
            "not_reported_pct": self.not_reported_pct,
        }


def district_row(key: str, catalog: Path, report: Report) -> DistrictRow:
    """One district's row, every figure from its report's summary (the one ``status`` prints)."""
    summary = report.summary
    return DistrictRow(
        key=key,
        region=report.region,
        year=report.year,
        catalog=catalog,
        expected_pct=report.expected_pct,
        tasks=summary.total,
        done=summary.by_status["done"],
        green=summary.by_light["green"],
        yellow=summary.by_light["yellow"],
        red=summary.by_light["red"],
        quantitative=summary.quantitative,
        on_schedule=summary.on_schedule,
        not_reported=sum(1 for view in report.views if view.updated is None),
    )


@dataclass(frozen=True)
class CityView:
    as_of: date
    rows: list[DistrictRow]

    @property
    def total(self) -> dict[str, int]:
        fields = ("tasks", "done", "green", "yellow", "red", "quantitative", "on_schedule", "not_reported")
        return {name: sum(getattr(row, name) for row in self.rows) for name in fields}

    def as_json(self) -> dict[str, Any]:
        total: dict[str, Any] = dict(self.total)
        total["not_reported_pct"] = round(total["not_reported"] / total["tasks"] * 100, 1) if total["tasks"] else 0.0
        return {"as_of": self.as_of.isoformat(), "districts": [row.as_json() for row in self.rows], "total": total}

    @property
    def ranked(self) -> list[DistrictRow]:
        """The districts as the city 通报's 附件 ranks them: the share of tasks on green (done included)
        highest first, then the share red lowest, then the share not reported lowest, then by name."""
        return sorted(self.rows, key=lambda r: (-r.green_pct, r.red_pct, r.not_reported_pct, r.name, r.key))

    @property
    def labelled(self) -> bool:
        """Districts of different years side by side (a rare mix): each is named with its year."""
        return len({row.year for row in self.rows}) > 1

    def label(self, row: DistrictRow) -> str:
        return f"{row.name}（{row.year}）" if self.labelled else row.name
