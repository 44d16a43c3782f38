"""What changed between two catalogues: added, removed and retexted tasks, and changed targets.

Tasks are paired by id, the catalogue's own key. An office uses this when it corrects a draft, and when a
report is revised.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from hedong_cli.catalog import Catalog, Task


@dataclass(frozen=True)
class Change:
    kind: str  # "added", "removed", "retexted", "target"
    task_id: str
    title: str
    old: str | None = None
    new: str | None = None

    def as_json(self) -> dict[str, Any]:
        return {"change": self.kind, "id": self.task_id, "title": self.title, "old": self.old, "new": self.new}


def _id_order(task_id: str) -> tuple[int, ...]:
    return tuple(int(part) if part.isdigit() else 0 for part in task_id.split("."))


def diff(old: Catalog, new: Catalog, target_text: Any) -> list[Change]:
    """The changes from ``old`` to ``new``, in id order; ``target_text`` renders a target for people."""
    changes: list[Change] = []
    for task_id in sorted(set(old.by_id) | set(new.by_id), key=_id_order):
        before: Task | None = old.by_id.get(task_id)
        after: Task | None = new.by_id.get(task_id)
        if before is None and after is not None:
            changes.append(Change("added", task_id, after.title, new=after.text))
        elif after is None and before is not None:
            changes.append(Change("removed", task_id, before.title, old=before.text))
        elif before is not None and after is not None:
            if before.text != after.text:
                changes.append(Change("retexted", task_id, after.title, old=before.text, new=after.text))
            if before.target != after.target:
                old_target, new_target = target_text(before.target), target_text(after.target)
                changes.append(Change("target", task_id, after.title, old=old_target, new=new_target))
    return changes
