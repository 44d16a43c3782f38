"""Writing a drafted catalogue as YAML in hedong's own layout, with its ``# 待核`` and baseline comments.

Scalars are quoted by PyYAML's own emitter, so any text the report holds comes out as valid YAML.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

from hedong_cli.common.messages import t

if TYPE_CHECKING:
    from hedong_cli.catalogue.draft import DraftCatalog, DraftSection
    from hedong_cli.catalogue.draft.tasks import DraftTask


# Text that PyYAML writes plain as it is: opening with a CJK ideograph (so no number, boolean, date or
# indicator), then only ideographs, CJK and full-width punctuation, Latin letters, digits and . % -. No
# space, colon or hash, so no ": " or " #"; no control, bidi or BOM character.
_CJK = "\u4e00-\u9fff"
_PLAIN_RE = re.compile(rf"[{_CJK}][{_CJK}\u3001-\u303f\uff01-\uffe5\u2014\u2018\u2019\u201c\u201d\u00b7A-Za-z0-9.%-]*")


def scalar(value: object) -> str:
    if isinstance(value, bool) or value is None:
        raise TypeError(value)
    if isinstance(value, (int, float)):
        return str(int(value)) if float(value).is_integer() else repr(float(value))
    text = str(value)
    if text in (">=", "=", ">", "<="):
        return f'"{text}"'
    if _PLAIN_RE.fullmatch(text):
        return text  # the emitter's answer, without its cost (a long report has thousands of scalars)
    import yaml

    dumped = yaml.safe_dump(text, allow_unicode=True, width=1_000_000, default_style=None)
    plain = dumped.removesuffix("\n...\n").rstrip("\n")
    # Quoted the way the shipped catalogue quotes ("%"): a JSON string is a valid YAML double-quoted one.
    return plain if plain == text else json.dumps(text, ensure_ascii=False)


def _comment(text: str) -> str:
    return " ".join(text.split())  # a comment is one line, whatever the report's quote holds


def note_text(note: str) -> str:
    name, _, detail = note.partition(":")
    return t(name, words=detail) if detail else t(name)


def _task_lines(task: DraftTask, task_id: str, indent: str) -> list[str]:
    lines = []
    for note in task.notes:
        lines.append(f"{indent}# 待核：{_comment(note_text(note))}")
    lines += [
        f'{indent}- id: "{task_id}"',
        f"{indent}  title: {scalar(task.title)}",
        f"{indent}  text: {scalar(task.text)}",
        f"{indent}  kind: {task.kind}",
    ]
    if task.target is not None:
        target = task.target
        parts = [f"value: {scalar(target.value)}"]
        if target.max is not None:
            parts.append(f"max: {scalar(target.max)}")
        parts += [f"unit: {scalar(target.unit)}", f"comparator: {scalar(target.comparator)}"]
        lines.append(f"{indent}  target: {{{', '.join(parts)}}}")
    if task.baseline_note is not None:
        lines.append(f"{indent}  # 待核：{_comment(note_text(task.baseline_note))}")
        for rival in task.baseline_rivals:
            lines.append(f"{indent}  #   {_comment(rival)}")
    if task.baseline is not None:
        value, unit, year, quote = task.baseline
        lines.append(f"{indent}  # {year}：{_comment(quote)}")
        lines.append(f"{indent}  baseline: {{value: {scalar(value)}, unit: {scalar(unit)}, year: {year}}}")
    if task.due is not None:
        lines.append(f'{indent}  due: "{task.due.isoformat()}"')
    return lines


def _section_lines(section: DraftSection) -> list[str]:
    lines = [f'  - id: "{section.id}"', f"    title: {scalar(section.title)}"]
    notes = [*section.notes, *([] if section.tasks or section.subsections else ["draft_note_no_tasks"])]
    lines[:0] = [f"  # 待核：{note_text(note)}" for note in notes]
    if section.tasks:
        prefix = section.id if section.id == "0" else f"{section.id}.0"
        lines.append("    tasks:")
        for n, task in enumerate(section.tasks, start=1):
            lines += _task_lines(task, f"{prefix}.{n}", "      ")
    if section.subsections:
        lines.append("    subsections:")
        for index, (title, tasks) in enumerate(section.subsections, start=1):
            sub_id = f"{section.id}.{index}"
            lines += [f'      - id: "{sub_id}"', f"        title: {scalar(title)}"]
            if not tasks:
                lines.append("        # 待核：" + t("draft_note_no_tasks"))
                lines.append("        tasks: []")
                continue
            lines.append("        tasks:")
            for n, task in enumerate(tasks, start=1):
                lines += _task_lines(task, f"{sub_id}.{n}", "          ")
    return lines


def _source_lines(draft: DraftCatalog) -> list[str]:
    """The report's region, title, document number and notice title, each only as the report states it."""
    source = draft.source
    notes = dict(source.notes)
    report = source.report
    if report is None:
        report, notes["report"] = draft.source_name, "draft_note_report_file"
    lines = []
    for key, value in (
        ("region", source.region),
        ("report", report),
        ("doc_no", source.doc_no),
        ("title", source.title),
    ):
        if key in notes:
            lines.append(f"  # 待核：{_comment(note_text(notes[key]))}")
        if value is not None:
            lines.append(f"  {key}: {scalar(value)}")
        elif key == "region":
            lines.append(f"  # 待核：{t('draft_note_region_missing')}")
    return lines


def to_yaml(draft: DraftCatalog) -> str:
    lines = [
        f"# {t('draft_header', source=_comment(draft.source_name), year=draft.year)}",
        f"# {t('draft_header_review')}",
        *(f"# 待核：{note_text(note)}" for note in draft.notes),
        f"year: {draft.year}",
        "source:",
        *_source_lines(draft),
        f"  drafted_by: {scalar('hedong catalog draft')}",
        "sections:",
    ]
    for section in draft.sections:
        lines += _section_lines(section)
    return "\n".join(lines) + "\n"
