"""The web desk's routes: Starlette, Jinja2 templates with autoescape, no JavaScript needed.

Every handler is one of three kinds: a page anyone may open (login), a page for a logged-in account (a unit's
tasks, a task), a page for the office. Failures become one Chinese line on a page with the status that fits
(400 bad input, 403 not allowed, 404 unknown, 503 journal unreachable, 500 otherwise), never a traceback.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from hedong_cli.common.errors import HedongError, InputError, JournalError
from hedong_cli.common.figures import plain_number
from hedong_cli.common.messages import light_name, status_name, t
from hedong_cli.tracking.workspace import Workspace
from hedong_cli.web import desk, pages
from hedong_cli.web.security import COOKIE, HEADERS, SESSION_SECONDS, AddressThrottle, Sessions, WebSession
from hedong_cli.web.shared import SharedWorkspace

log = logging.getLogger("hedong.web")
MAX_BODY = 2 * 1024 * 1024  # a whole unit's report with long notes fits; anything larger is refused unread
# Requests handled at once. The event loop hands each to one of up to 40 worker threads (Starlette's default);
# with 40 at work, every thread that waits for the server (a journal's round trip, above all the one writer's,
# which the other writes queue behind) waits again for the interpreter's lock behind all the others. Past this
# many, a request waits here, asleep: measured under 40 reports at once (bench/RESULTS.md, issue 19).
WORKERS = 8


@dataclass
class Settings:
    secure_cookie: bool = False  # behind TLS (nginx): the cookie is sent over HTTPS only


@dataclass(frozen=True)
class Rights:
    """What a page asks of a logged-in session beyond its login."""

    office: bool = False  # an office account's page
    allow_must_change: bool = False  # open before the first login's password change (the change itself)


class WebError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def create_app(workspace: Workspace, settings: Settings | None = None) -> Starlette:
    """The desk on ``workspace``'s catalogue and journal; its journals stay open until ``app.state.desk.close()``."""
    desk_app = Desk(SharedWorkspace.around(workspace), settings or Settings())
    routes = [
        Route("/", desk_app.page(pages.home), methods=["GET"]),
        Route("/login", desk_app.page(pages.login_form, public=True), methods=["GET"]),
        Route("/login", desk_app.page(pages.login, public=True), methods=["POST"]),
        Route("/logout", desk_app.page(pages.logout), methods=["POST"]),
        Route("/password", desk_app.page(pages.password_form, allow_must_change=True), methods=["GET"]),
        Route("/password", desk_app.page(pages.password, allow_must_change=True), methods=["POST"]),
        Route("/report", desk_app.page(pages.report), methods=["POST"]),
        Route("/task/{task_id}", desk_app.page(pages.task), methods=["GET"]),
        Route("/task/{task_id}/plan", desk_app.page(pages.plan), methods=["POST"]),
        Route("/office", desk_app.page(pages.overview, office=True), methods=["GET"]),
        Route("/office/units", desk_app.page(pages.units, office=True), methods=["GET"]),
        Route("/office/missing", desk_app.page(pages.missing, office=True), methods=["GET"]),
        Route("/office/downloads", desk_app.page(pages.downloads, office=True), methods=["GET"]),
        Route("/office/download/{name}", desk_app.page(pages.download, office=True), methods=["GET"]),
        Route("/office/retract", desk_app.page(pages.retract_form, office=True), methods=["GET"]),
        Route("/office/retract", desk_app.page(pages.retract, office=True), methods=["POST"]),
        Route("/style.css", desk_app.page(pages.style, public=True), methods=["GET"]),
    ]
    app = Starlette(routes=routes)
    app.add_exception_handler(404, desk_app.not_found)
    app.add_exception_handler(405, desk_app.not_found)
    app.state.desk = desk_app
    return app


class Desk:
    """The state every request shares: the workspace (open journals, the report), the sessions, the throttle
    and the templates."""

    def __init__(self, workspace: SharedWorkspace, settings: Settings) -> None:
        self.workspace = workspace
        self.settings = settings
        self.sessions = Sessions()
        self.throttle = AddressThrottle()
        self.working = threading.BoundedSemaphore(WORKERS)
        self.templates = Environment(
            loader=PackageLoader("hedong_cli.web", "templates"), autoescape=select_autoescape(default=True)
        )
        self.templates.globals.update(t=t, light_name=light_name, status_name=status_name, plain_number=plain_number)

    def close(self) -> None:
        """Close the journals the desk keeps open (when the server stops)."""
        self.workspace.close()

    # -- the request's frame ----------------------------------------------------------------------------

    def page(
        self,
        handler: Callable[..., Response],
        *,
        public: bool = False,
        office: bool = False,
        allow_must_change: bool = False,
    ) -> Callable[[Request], Awaitable[Response]]:
        async def endpoint(request: Request) -> Response:
            try:
                form = await read_form(request) if request.method == "POST" else {}
                session = self.sessions.get(request.cookies.get(COOKIE))
                if not public and (session is None or session.account is None):
                    return RedirectResponse("/login", status_code=303)
                if request.method == "POST" and (session is None or not session.csrf_ok(form.get("csrf"))):
                    raise WebError(403, t("web_csrf"))  # login too: its form has a session of its own
                rights = None if public else Rights(office, allow_must_change)
                response = await run_in_threadpool(self.handle, handler, request, session, form, rights)
            except WebError as exc:
                response = self.error(request, exc.status, exc.message)
            except desk.Forbidden as exc:
                response = self.error(request, 403, exc.message)
            except JournalError as exc:
                log.warning("journal: %s", exc.message)
                response = self.error(request, 503, t("web_journal_down"))
            except HedongError as exc:
                response = self.error(request, 400, exc.message)
            except Exception:
                log.exception("internal error on %s", request.url.path)
                response = self.error(request, 500, t("web_internal"))
            for name, value in HEADERS.items():
                response.headers[name] = value
            return response

        return endpoint

    def handle(
        self,
        handler: Callable[..., Response],
        request: Request,
        session: WebSession | None,
        form: dict[str, str],
        rights: Rights | None,
    ) -> Response:
        """Run ``handler`` in this worker thread as one request of the shared workspace; with ``rights`` (a page
        for a logged-in account), only while the session's account holds and has those rights; and only once
        fewer than ``WORKERS`` others are at work."""
        with self.working, self.workspace.request():
            if rights is not None:
                assert session is not None
                if not self.account_holds(session):
                    self.sessions.end(session.token)
                    return RedirectResponse("/login", status_code=303)
                if session.must_change and not rights.allow_must_change:
                    return RedirectResponse("/password", status_code=303)
                if rights.office and not session.office:
                    raise WebError(403, t("web_office_only"))
            return handler(self, request, session, form)

    def account_holds(self, session: WebSession) -> bool:
        """Whether the session's account is still as it was at login: not disabled, its password not reset.

        ``hedong user disable`` and ``user reset`` run in another process and cannot reach the sessions in this
        one's memory, so every request of a logged-in session reads its account's row (one primary-key read on a
        journal the desk keeps open) and compares it with the session's stamp. Read on every request rather
        than every N seconds: a disabled account's next request is already logged out, and the read costs about
        as much as the journal state every page asks for anyway (bench/RESULTS.md)."""
        from hedong_cli.journal import accounts

        with self.workspace.reader() as journal:
            found = accounts.get(journal, session.account or "")
        return accounts.holds(found, session.stamp)

    def render(self, template: str, status: int = 200, **context: Any) -> HTMLResponse:
        return HTMLResponse(self.templates.get_template(template).render(**context), status_code=status)

    def error(self, request: Request, status: int, message: str) -> HTMLResponse:
        session = self.sessions.get(request.cookies.get(COOKIE))
        return self.render("error.html", status, message=" ".join(message.split()), session=session)

    async def not_found(self, request: Request, exc: Exception) -> Response:
        response = self.error(request, 404, t("web_not_found"))
        for name, value in HEADERS.items():
            response.headers[name] = value
        return response

    def start_session(self, response: Response, session: WebSession) -> None:
        response.set_cookie(
            COOKIE,
            session.token,
            max_age=SESSION_SECONDS,
            httponly=True,
            samesite="lax",
            secure=self.settings.secure_cookie,
            path="/",
        )


async def read_form(request: Request) -> dict[str, str]:
    """The urlencoded form of a POST, at most MAX_BODY bytes; a field given twice keeps its first value."""
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > MAX_BODY):
        raise WebError(413, t("web_too_large"))
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY:
            raise WebError(413, t("web_too_large"))
    try:
        pairs = parse_qsl(body.decode("utf-8"), keep_blank_values=True, max_num_fields=desk.MAX_FORM_FIELDS)
    except (UnicodeDecodeError, ValueError):
        raise InputError(t("web_bad_form")) from None
    form: dict[str, str] = {}
    for key, value in pairs:
        form.setdefault(key, value)
    return form
