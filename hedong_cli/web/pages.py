"""The handlers of the web desk's pages. Each runs in a worker thread with (desk, request, session, form)
and returns a response; ``app.Desk.page`` has already checked the login, the office's rights and CSRF."""

from __future__ import annotations

import secrets
from dataclasses import replace
from datetime import timedelta
from functools import partial
from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from hedong_cli.common.errors import InputError
from hedong_cli.common.messages import t
from hedong_cli.common.rules import STATUSES
from hedong_cli.documents.labels import deadline_text, detail_fields, pct, reason_words, target_text, value_text
from hedong_cli.journal import accounts
from hedong_cli.tracking.plans import default_due, node_text, nodes_text, plan_entry_text
from hedong_cli.web import desk as work
from hedong_cli.web.security import SESSION_SECONDS, WebSession

if TYPE_CHECKING:
    from hedong_cli.web.app import Desk

STYLE = """
*{box-sizing:border-box}body{margin:0;font:16px/1.6 "Noto Sans CJK SC","Microsoft YaHei",sans-serif;color:#222}
header{background:#8b0000;color:#fff;padding:.5em 1em;display:flex;flex-wrap:wrap;gap:.3em 1em;align-items:center}
header a,header button{color:#fff}header form{margin:0}header button{background:none;border:1px solid #fff}
main{max-width:1200px;margin:0 auto;padding:1em}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #ccc;padding:.3em .5em;text-align:left;
vertical-align:top}th{white-space:nowrap}
.scroll{overflow-x:auto}.error{color:#b00020;font-weight:bold}.bad{outline:2px solid #b00020}
.red{color:#b00020}.yellow{color:#a06000}.green{color:#087f23}
input,select,textarea,button{font:inherit;max-width:100%}textarea{width:100%}
.task{border:1px solid #ccc;padding:.6em;margin:.6em 0}.task h3{margin:.2em 0;font-size:1em}
label{display:block;margin:.2em 0}.fields{display:flex;flex-wrap:wrap;gap:.5em 1em}
.date{white-space:nowrap}
"""


def style(desk: Desk, request: Request, session: WebSession | None, form: dict[str, str]) -> Response:
    return Response(STYLE, media_type="text/css")


# -- login and password -------------------------------------------------------------------------------


def login_form(desk: Desk, request: Request, session: WebSession | None, form: dict[str, str]) -> Response:
    if session is None:
        session = desk.sessions.new()
    response = desk.render("login.html", session=None, csrf=session.csrf, name="")
    desk.start_session(response, session)
    return response


def _address(request: Request) -> str:
    return request.client.host if request.client else "-"


def login(desk: Desk, request: Request, session: WebSession | None, form: dict[str, str]) -> Response:
    assert session is not None
    name = form.get("name", "").strip()[:100]
    address = _address(request)
    if desk.throttle.blocked(address):
        return desk.render("login.html", 429, session=None, csrf=session.csrf, name=name, error=t("web_throttled"))
    with desk.workspace.reader() as journal:  # the hash is slow: the desk's one writer is taken only to count
        account = accounts.login(journal, name, form.get("password", ""), writer=desk.workspace.writer)
    if account is None:
        desk.throttle.failed(address)
        return desk.render("login.html", 401, session=None, csrf=session.csrf, name=name, error=t("web_login_failed"))
    desk.sessions.end(session.token)  # a fresh session at login: a token planted before it is worth nothing
    fresh = desk.sessions.new(
        SESSION_SECONDS,
        account=account.name,
        unit=account.unit,
        office=account.office,
        must_change=account.must_change,
        stamp=accounts.stamp(account),
    )
    response = RedirectResponse("/password" if account.must_change else "/", status_code=303)
    desk.start_session(response, fresh)
    return response


def logout(desk: Desk, request: Request, session: WebSession | None, form: dict[str, str]) -> Response:
    assert session is not None
    desk.sessions.end(session.token)
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie("hedong_session", path="/")
    return response


def password_form(desk: Desk, request: Request, session: WebSession | None, form: dict[str, str]) -> Response:
    return desk.render("password.html", session=session, error=None)


def password(desk: Desk, request: Request, session: WebSession | None, form: dict[str, str]) -> Response:
    assert session is not None and session.account is not None
    new, again = form.get("new", ""), form.get("again", "")
    with desk.workspace.reader() as journal:  # both hashes run with no writer held, as at login
        known = accounts.login(journal, session.account, form.get("old", ""), writer=desk.workspace.writer)
    if known is None:
        return desk.render("password.html", 400, session=session, error=t("web_old_password"))
    if new != again:
        return desk.render("password.html", 400, session=session, error=t("web_passwords_differ"))
    if new == form.get("old", ""):
        return desk.render("password.html", 400, session=session, error=t("web_password_same"))
    try:
        new_hash = accounts.new_password_hash(new)
    except InputError as exc:
        return desk.render("password.html", 400, session=session, error=exc.message)
    with desk.workspace.writer() as journal, journal.atomic():
        # The office may have reset or disabled the account since this request's check: its change stands.
        work.check_holds(journal, session.account, session.stamp)
        accounts.store_password(journal, session.account, new_hash, must_change=False)
    # The account's other sessions (opened with the old password) end; this one goes on under a new token, so a
    # copy of its cookie taken before the change (the reason one changes a password) is out too.
    desk.sessions.end(session.token)
    fresh = desk.sessions.new(
        SESSION_SECONDS,
        account=session.account,
        unit=session.unit,
        office=session.office,
        stamp=accounts.stamp(replace(known, password_hash=new_hash)),
    )
    fresh.forms, fresh.receipts = session.forms, session.receipts  # a report form opened before still submits
    response = RedirectResponse("/", status_code=303)
    desk.start_session(response, fresh)
    return response


# -- a unit's tasks and its report ----------------------------------------------------------------------


def _unit_page(
    desk: Desk, session: WebSession, status: int = 200, form_id: str | None = None, **extra: Any
) -> Response:
    """The unit's tasks and its report form; ``form_id``: one made by a caller that holds the session's lock."""
    workspace = desk.workspace
    report = workspace.report(workspace.today)
    assert session.unit is not None
    views = work.unit_views(report, session.unit)
    period = work.reporting_window(workspace)
    missing = {m.unit for m in work.missing_units(workspace, report, period)}
    context = {
        "session": session,
        "views": views,
        "period": period,
        "reported": session.unit not in missing,
        "sent_back": work.sent_back(workspace, views, period.start - timedelta(days=31)),
        "form_id": form_id or session.new_form(),
        "statuses": STATUSES,
        "typed": {},
        "errors": {},
        "target_text": target_text,
        "value_text": value_text,
        "pct": pct,
        "node_text": node_text,
        "deadline_text": deadline_text,  # the 完成时限 in force, and the reason for the light, as hedong show says
        "reason_words": reason_words,
        "year": workspace.catalog().year,
        **extra,
    }
    return desk.render("unit.html", status, **context)


def home(desk: Desk, request: Request, session: WebSession | None, form: dict[str, str]) -> Response:
    assert session is not None
    if session.office:
        return RedirectResponse("/office", status_code=303)
    return _unit_page(desk, session)


def report(desk: Desk, request: Request, session: WebSession | None, form: dict[str, str]) -> Response:
    assert session is not None
    if session.office or session.unit is None:
        raise work.Forbidden(t("web_units_only"))
    form_id = form.get("form", "")
    workspace = desk.workspace
    with session.lock:  # a double submit waits here, then finds the first one's receipt
        if form_id in session.receipts:
            return desk.render("receipt.html", session=session, entries=session.receipts[form_id], again=True)
        if form_id not in session.forms:
            raise InputError(t("web_form_stale"))
        current = workspace.report(workspace.today)
        author = work.web_author(session.account or "", session.unit)
        typed = work.read_report(form, current, session.unit, workspace.today, author)
        if typed.errors:
            retry = secrets.token_urlsafe(16)
            session.forms.add(retry)  # the lock is held: not session.new_form()
            first = next(iter(typed.errors.values()))
            error = t("web_form_errors", first=first)
            return _unit_page(desk, session, 400, retry, typed=typed.typed, errors=typed.errors, error=error)
        entries = work.record(workspace, session.unit, typed.rows, account=session.account or "", stamp=session.stamp)
        session.forms.discard(form_id)
        session.receipts[form_id] = entries
    return desk.render("receipt.html", session=session, entries=entries, again=False)


# -- every account: a task ------------------------------------------------------------------------------


def task(desk: Desk, request: Request, session: WebSession | None, form: dict[str, str]) -> Response:
    return _task_page(desk, request, session)


def _task_page(desk: Desk, request: Request, session: WebSession | None, status: int = 200, **extra: Any) -> Response:
    """任务详情: every field, the plan, the history; and, for its lead unit, the plan change form."""
    workspace = desk.workspace
    view = _view(desk, request.path_params["task_id"])
    if view is None:
        return _unknown_task(desk, request)
    with workspace.reader() as journal:
        history = journal.history(workspace.catalog().key, task_id=view.task.id)
        _, based_on = work.plan_in_force(journal, workspace.catalog().key, view.task.id, workspace.today)
    unit = session.unit if session else None
    plan = view.plan.plan if view.plan is not None else None
    typed = {"due": plan.due.isoformat() if plan and plan.due else "", "reason": ""}
    typed["nodes"] = nodes_text(plan, view.task, "\n") if plan else ""
    context = {
        "session": session,
        "view": view,
        "history": history,
        "target_text": target_text,
        "value_text": value_text,
        "pct": pct,
        "plan_entry_text": plan_entry_text,
        "node_text": node_text,
        "fields": detail_fields(view, workspace.catalog().year),  # as hedong show gives them
        "light_label": t("col_light"),
        "due_default": default_due(view.task, workspace.catalog().year).isoformat(),  # what a blank due means
        "may_write": work.writes(view, unit),
        "may_plan": work.may_plan(view, unit),
        "plan_typed": {**typed, **extra.pop("plan_typed", {})},
        "based_on": based_on,  # the plan entry the form starts from: a change made meanwhile is refused
        **extra,
    }
    return desk.render("task.html", status, **context)


def _view(desk: Desk, task_id: str) -> Any:
    """The task's view in today's report; None for an id the catalogue lacks."""
    workspace = desk.workspace
    if task_id not in workspace.catalog().by_id:
        return None
    return next(view for view in workspace.report(workspace.today).views if view.task.id == task_id)


def _unknown_task(desk: Desk, request: Request) -> Response:
    return desk.error(request, 404, t("unknown_task", id=request.path_params["task_id"][:40]))


def plan(desk: Desk, request: Request, session: WebSession | None, form: dict[str, str]) -> Response:
    """A lead unit changes its task's plan, with its reason; a refused change keeps what was typed."""
    assert session is not None
    if session.office or session.unit is None:
        raise work.Forbidden(t("web_units_only"))
    view = _view(desk, request.path_params["task_id"])
    if view is None:
        return _unknown_task(desk, request)
    account = session.account or ""
    author = work.web_author(account, session.unit)
    try:
        entry = work.plan_change(
            desk.workspace, view, session.unit, form, account=account, stamp=session.stamp, author=author
        )
    except work.FieldError as exc:
        status = 409 if isinstance(exc, work.PlanMoved) else 400
        typed = {key: form.get(key, "")[: work.MAX_NODES_TEXT] for key in ("due", "nodes", "reason")}
        return _task_page(
            desk, request, session, status, plan_typed=typed, plan_error=exc.message, plan_field=exc.field
        )
    in_words = partial(plan_entry_text, task=view.task)  # nodes with the target's unit: 10家
    return desk.render("receipt.html", session=session, entries=[entry], again=False, plan_entry_text=in_words)


# -- the office -------------------------------------------------------------------------------------------


def overview(desk: Desk, request: Request, session: WebSession | None, form: dict[str, str]) -> Response:
    report_now = desk.workspace.report(desk.workspace.today)
    flagged = [view for view in report_now.views if view.light in ("red", "yellow")]
    # the reason beside each light in the words hedong status and hedong show use
    context = {"report": report_now, "flagged": flagged, "pct": pct, "reason_words": reason_words}
    return desk.render("office.html", session=session, **context)


def units(desk: Desk, request: Request, session: WebSession | None, form: dict[str, str]) -> Response:
    from hedong_cli.tracking.units import scorecard

    card = scorecard(desk.workspace.report(desk.workspace.today))
    return desk.render("units.html", session=session, card=card)


def missing(desk: Desk, request: Request, session: WebSession | None, form: dict[str, str]) -> Response:
    workspace = desk.workspace
    period = work.reporting_window(workspace)
    found = work.missing_units(workspace, workspace.report(workspace.today), period)
    return desk.render("missing.html", session=session, missing=found, period=period)


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
DOWNLOADS = {"ledger.xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "plan.docx": DOCX}


def downloads(desk: Desk, request: Request, session: WebSession | None, form: dict[str, str]) -> Response:
    briefs = work.briefing_periods(desk.workspace)
    return desk.render("downloads.html", session=session, names=list(DOWNLOADS), briefs=briefs)


def download(desk: Desk, request: Request, session: WebSession | None, form: dict[str, str]) -> Response:
    """A document built in memory from the report: the name picks a builder from a fixed list, never a file."""
    name = request.path_params["name"]
    workspace = desk.workspace
    if name in work.BRIEFS:
        period = work.briefing_periods(workspace).get(name)
        if period is None:
            return desk.error(request, 404, t("web_not_found"))
        data, media_type = work.briefing_docx(workspace, period), DOCX
        filename = f"{period.start.isoformat()}-{period.end.isoformat()}-brief.docx"
        return _attachment(data, media_type, filename)
    if name not in DOWNLOADS:
        return desk.error(request, 404, t("web_not_found"))
    report_now = workspace.report(workspace.today)
    if name == "ledger.xlsx":
        from hedong_cli.documents.ledger import build_ledger
        from hedong_cli.render.ledger_xlsx import ledger_xlsx

        data = ledger_xlsx(build_ledger(report_now, None), header_unit=workspace.config().unit or None)
    else:
        from hedong_cli.documents.plan_table import build_plan_table
        from hedong_cli.render.plan_doc import plan_docx

        data = plan_docx(build_plan_table(report_now))
    return _attachment(data, DOWNLOADS[name], f"{workspace.today.isoformat()}-{name}")


def _attachment(data: bytes, media_type: str, filename: str) -> Response:
    return Response(data, media_type=media_type, headers={"Content-Disposition": f'attachment; filename="{filename}"'})


def retract_form(desk: Desk, request: Request, session: WebSession | None, form: dict[str, str]) -> Response:
    workspace = desk.workspace
    with workspace.reader() as journal:
        recent = [e for e in journal.history(workspace.catalog().key, limit=50) if e.kind == "update"]
    return desk.render("retract.html", session=session, recent=recent, error=None)


def retract(desk: Desk, request: Request, session: WebSession | None, form: dict[str, str]) -> Response:
    assert session is not None
    account = session.account or ""
    author = work.web_author(account, None)
    entry = work.retract(
        desk.workspace,
        form.get("entry", "").strip(),
        form.get("reason", ""),
        author,
        account=account,
        stamp=session.stamp,
    )
    return desk.render("receipt.html", session=session, entries=[entry], again=False)
