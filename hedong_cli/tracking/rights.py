"""Who may write a task: the one rule of every face, and of the server's row-level security.

A unit reports (an ``update``: value, status, note) on a task the journal assigns to it, as lead or partner,
and changes the plan (a ``plan``) only of a task it leads. The assignment is the journal's: the newest live
``assign`` entry of the task (``hedong assign``). A catalogue's ``lead:`` field names a task's lead in the
tables until it is first assigned, but gives no unit the right to write it: a server journal cannot see the
catalogue (docs/server.md), and a desk on SQLite follows the same rule, so a unit has the same rights on both.

Who uses it: the web desk's form (which tasks a unit's page offers; ``web/desk.py``) and its write, checked
again inside the write's transaction (``refused``), so a reassignment between the page and the write holds.
On PostgreSQL the same rule is the policy ``entries_unit_write`` (``journal/pg_security.py``, migration 7),
which also decides what ``hedong update`` and ``hedong plan`` of a unit's own role may write (the command line
has no rule of its own: on SQLite it writes as whoever may open the file). ``tests/test_rights.py`` checks that
this predicate and the policy agree on the same cases.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from hedong_cli.journal.entry import TaskState
    from hedong_cli.tracking.progress import TaskView

WRITES = ("update", "plan")  # what a unit writes; assign and the office's 退回 are the office's alone
# The day the server reads a task's assignment on: the newest live one, whatever its date (the policy's
# ``hedong_task_units`` orders by date and id and takes the first). ``Journal.latest`` on this day does the same.
SERVER_DAY = date.max


@dataclass(frozen=True)
class Assignment:
    """The units the journal names for a task: its lead, and its partners (配合单位). No lead: unassigned."""

    lead: str | None = None
    partners: tuple[str, ...] = ()

    @classmethod
    def of(cls, state: TaskState | None) -> Assignment:
        """The assignment a task's journal state holds (``Journal.latest``)."""
        if state is None or not state.lead:
            return cls()
        return cls(state.lead, tuple(state.partners))

    @classmethod
    def of_view(cls, view: TaskView) -> Assignment:
        """The journal's assignment behind a report's view (not the catalogue's default lead it also shows)."""
        return cls(view.lead, tuple(view.partners)) if view.assigned else cls()


def may_write(assignment: Assignment, unit: str | None, kind: str = "update") -> bool:
    """Whether ``unit`` may write an entry of ``kind`` on a task with this ``assignment``."""
    if not unit or not assignment.lead:
        return False
    if kind == "plan":
        return unit == assignment.lead
    if kind == "update":
        return unit == assignment.lead or unit in assignment.partners
    return False


def refused(journal: Any, catalog: str, unit: str, rows: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The first of ``rows`` that ``unit`` may not write, its assignment read in ``journal`` as the server
    reads it (call it inside the write's transaction); None when every row may be written."""
    states = journal.latest(catalog, SERVER_DAY, sorted({row["task_id"] for row in rows}))
    for row in rows:
        if not may_write(Assignment.of(states.get(row["task_id"])), unit, row.get("kind") or "update"):
            return row
    return None
