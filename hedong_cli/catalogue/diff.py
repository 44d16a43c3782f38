"""What changed between two catalogues: added, removed, retexted and renumbered tasks, and changed targets.

Tasks are paired first by id and text together, then by text alone (a task that moved: the journal knows it by
its old id, so the move is reported), then by id alone (the same task, reworded). What is left was added or
removed. An office uses this when it corrects a draft, and when a report is revised.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from hedong_cli.catalogue.model import Catalog, Task, TaskTarget

KINDS = ("added", "removed", "retexted", "renumbered", "target")


@dataclass(frozen=True)
class Change:
    kind: str  # one of KINDS
    task_id: str  # the new id; the old one for a removed task
    title: str
    old: str | None = None
    new: str | None = None

    def as_json(self) -> dict[str, Any]:
        return {"change": self.kind, "id": self.task_id, "title": self.title, "old": self.old, "new": self.new}


def _id_order(task_id: str) -> tuple[int, ...]:
    return tuple(int(part) if part.isdigit() else 0 for part in task_id.split("."))


def diff(old: Catalog, new: Catalog, target_text: Callable[[TaskTarget | None], str]) -> list[Change]:
    """The changes from ``old`` to ``new``, in id order; ``target_text`` renders a target for people."""
    pairs: list[tuple[Task, Task]] = []
    old_left = dict(old.by_id)
    new_left = dict(new.by_id)
    for task_id, task in list(old_left.items()):
        twin = new_left.get(task_id)
        if twin is not None and twin.text == task.text:
            pairs.append((task, twin))
            del old_left[task_id], new_left[task_id]
    by_text: dict[str, list[Task]] = {}
    for task in new_left.values():
        by_text.setdefault(task.text, []).append(task)
    for task_id, task in list(old_left.items()):
        moved = by_text.get(task.text)
        if moved:
            twin = moved.pop(0)
            pairs.append((task, twin))
            del old_left[task_id], new_left[twin.id]
    for task_id, task in list(old_left.items()):
        twin = new_left.pop(task_id, None)
        if twin is not None:
            pairs.append((task, twin))
            del old_left[task_id]
    changes: list[Change] = []
    for before, after in pairs:
        if before.id != after.id:
            changes.append(Change("renumbered", after.id, after.title, old=before.id, new=after.id))
        if before.text != after.text:
            changes.append(Change("retexted", after.id, after.title, old=before.text, new=after.text))
        if before.target != after.target:
            old_target, new_target = target_text(before.target), target_text(after.target)
            changes.append(Change("target", after.id, after.title, old=old_target, new=new_target))
    changes += [Change("added", task.id, task.title, new=task.text) for task in new_left.values()]
    changes += [Change("removed", task.id, task.title, old=task.text) for task in old_left.values()]
    changes.sort(key=lambda change: (_id_order(change.task_id), KINDS.index(change.kind)))
    return changes
