"""``hedong checkin``: the weekly check-in, asked task by task at a terminal or read from piped answers.

It is the one command that holds a conversation, so its prompts, their retries and the cleaning of what
a person types (escape sequences, control characters) live here, apart from the file-based workflow in
``cli.workflow`` whose options (``--by``, ``--date``) and unit lookup it shares.
"""

import contextlib
import sys
from typing import Annotated, Any

import typer

from hedong_cli.cli.app import DataOpt, DbOpt, LangOpt, Session, app, session
from hedong_cli.cli.entries import check_value, entry_date, progress_line, recorded_author
from hedong_cli.cli.options import UnitOpt, parse_status, sections_of
from hedong_cli.cli.workflow import ByOpt, DateOpt, unit_views
from hedong_cli.common.errors import Declined, InputError, Interrupted
from hedong_cli.common.messages import STATUS_NAMES, get_lang, light_name, status_name, t
from hedong_cli.tracking.progress import TaskView


def clean_answer(text: str) -> str:
    """An answer as it may be stored: terminal escape sequences, control and bidi characters removed (the
    rule a note obeys at every entry point, ``rules.strip_unsafe``; an answer is one line)."""
    from hedong_cli.common.rules import strip_unsafe

    return strip_unsafe(text)


def _line_editing(sess: Session) -> bool:
    """At a terminal, answers are read with the standard ``readline`` module: CJK-aware backspace, arrow
    keys, and the answers of this session as history. It costs about 1 ms to import, where prompt_toolkit
    would add a dependency and about 100 ms of start-up. Where it is missing (Windows), ``input`` still
    edits the line through the console."""
    if not (sys.stdin is not None and sys.stdin.isatty() and sess.env.out is sys.stdout and sys.stdout.isatty()):
        return False
    with contextlib.suppress(ImportError):
        import readline  # noqa: F401  (importing it is what turns line editing on for input())
    return True


def _ask(sess: Session, prompt: str) -> str:
    """One answer after a prompt, with line editing at a terminal; EOF (Ctrl-D, or the end of piped input)
    raises EOFError. Escape sequences and control characters are removed, and the person is told so."""
    if _line_editing(sess):
        line = input(prompt)
    else:
        sess.env.out.write(prompt)
        sess.env.out.flush()
        line = sys.stdin.readline()
        if not line:
            raise EOFError
        line = line.rstrip("\r\n")
    cleaned = clean_answer(line)
    if cleaned != line:
        sess.echo(t("chk_stripped"))
    return cleaned


def _ask_value(sess: Session, view: TaskView) -> float | None:
    from hedong_cli.common.figures import number, parse_number

    task = view.task
    assert task.target is not None
    while True:
        text = _ask(sess, t("chk_ask_value", unit=task.target.unit, current=number(view.value) or "—"))
        if not text.strip():
            return None
        value = parse_number(text, task.target.unit)
        try:
            if value is None:
                raise InputError(t("ldg_not_number", column=t("ldg_col_new_value"), value=text))
            return check_value(task, value)
        except InputError as exc:
            sess.echo(t("chk_retry", error=exc.message))


def _ask_status(sess: Session, view: TaskView) -> str | None:
    choices = "/".join(names[0 if get_lang() == "zh" else 1] for names in STATUS_NAMES.values())
    while True:
        text = _ask(sess, t("chk_ask_status", choices=choices, current=status_name(view.status)))
        if not text.strip():
            return None
        try:
            return parse_status(text)
        except InputError as exc:
            sess.echo(t("chk_retry", error=exc.message))


def _ask_note(sess: Session) -> str:
    from hedong_cli.common.rules import check_note

    while True:
        note = _ask(sess, t("chk_ask_note"))
        try:
            return check_note(note)
        except InputError as exc:
            sess.echo(t("chk_retry", error=exc.message))


def _print_with_light(sess: Session, message: str, light: str) -> None:
    from rich.text import Text

    from hedong_cli.render.console import LIGHT_STYLES, finish, make_console, user_text

    before, _, after = message.partition("\0")
    console = make_console(sess.env.out, None, sess.env.environ)
    console.print(
        Text.assemble(user_text(before), user_text(light_name(light), LIGHT_STYLES[light]), user_text(after)),
        overflow="ignore",
        crop=False,
        soft_wrap=True,
    )
    finish(console)


def _show_task(sess: Session, view: TaskView, index: int, count: int, elapsed: float) -> None:
    from hedong_cli.documents.labels import pct, target_text, value_text

    task = view.task
    sess.echo(t("chk_task", i=index, n=count, id=task.id, title=task.title))
    # A task's own expected progress (100% for rates); 序时进度 itself for tasks without a number.
    expected = pct(view.expected_pct if view.expected_pct is not None else elapsed)
    light = "\0"  # stands for the light in the message, which is then coloured as in ``hedong status``
    if task.target is not None:
        facts = t(
            "chk_facts",
            target=target_text(task.target),
            value=value_text(view) or "—",
            pct=pct(view.progress_pct),
            expected=expected,
            light=light,
            status=status_name(view.status),
        )
    else:
        facts = t("chk_facts_plain", expected=expected, light=light, status=status_name(view.status))
    _print_with_light(sess, facts, view.light)
    if view.note:
        sess.echo(t("chk_last_note", date=view.updated.isoformat() if view.updated else "", note=view.note))
    else:
        sess.echo(t("chk_no_note"))


@app.command()
def checkin(
    ctx: typer.Context,
    unit: UnitOpt = None,
    section: Annotated[
        str | None, typer.Option("--section", "-s", help="One section: 0-6.", show_default=False)
    ] = None,
    on: DateOpt = None,
    by: ByOpt = None,
    data: DataOpt = None,
    db: DbOpt = None,
    lang: LangOpt = None,
) -> None:
    """Weekly check-in: walk one unit's or one section's tasks and record each answer at once.

    For each task it shows the target, the last value and note, 序时进度 and the light, then asks for
    the new value, status and note; Enter keeps the current one. Each answered task is saved
    (its own transaction) before the next question. Ctrl-C or Ctrl-D stops: what was saved stays,
    and it says how many (exit status 130 after Ctrl-C, 1 after end of input).

    \b
    Examples:
      hedong checkin --unit 区商务局
      hedong checkin --section 2 --by 督查室
    """
    sess = session(ctx, data, db, lang)
    if unit is not None and section is not None:
        raise InputError(t("chk_both_scope"))
    if unit is None and section is None:
        raise InputError(t("chk_need_scope"))
    author = recorded_author(sess, by)  # before the first question, not after the first answer
    catalog = sess.catalog()
    sections = sections_of([section], [s.id for s in catalog.sections]) if section is not None else None
    effective = entry_date(on, sess, catalog.year)
    report = sess.report(effective)
    views = unit_views(report, unit, sections)
    scope = t("chk_scope_unit", unit=unit.strip()) if unit else t("chk_scope_section", section=section)
    sess.echo(t("chk_header", scope=scope, n=len(views), pct=f"{report.expected_pct:.1f}"))
    saved = unchanged = 0
    try:
        with sess.writer() as journal:
            for index, view in enumerate(views, start=1):
                sess.echo("")
                _show_task(sess, view, index, len(views), report.expected_pct)
                value = _ask_value(sess, view) if view.task.target is not None else None
                status = _ask_status(sess, view)
                note = _ask_note(sess)
                change = _changed(view, value, status, note if note.strip() else None)
                if change is None:
                    unchanged += 1
                    sess.echo(t("chk_unchanged"))
                    continue
                entry = journal.append(catalog.key, view.task.id, effective=effective, author=author, **change)
                saved += 1
                sess.echo(t("chk_saved", entry=entry.id) + "  " + progress_line(_after(sess, view, effective)))
    except (KeyboardInterrupt, EOFError) as exc:
        sess.echo("")
        stopped = Interrupted if isinstance(exc, KeyboardInterrupt) else Declined
        raise stopped(t("chk_stopped", saved=saved, n=len(views))) from None
    sess.echo("")
    sess.echo(t("chk_finished", saved=saved, same=unchanged))


def _changed(view: TaskView, value: float | None, status: str | None, note: str | None) -> dict[str, Any] | None:
    """The fields that differ from the task's current state, or None when nothing does."""
    change = {
        "value": value if value is not None and value != view.value else None,
        "status": status if status is not None and status != view.status else None,
        "note": note if note is not None and note != (view.note or "") else None,
    }
    return change if any(v is not None for v in change.values()) else None


def _after(sess: Session, view: TaskView, effective: Any) -> TaskView:
    from hedong_cli.cli.entries import task_view

    return task_view(sess, view.task, max(effective, sess.today))
