"""``hedong serve``: start the web desk (``hedong_cli.web``) on the journal and catalogue in use.

The only module of the command line that imports the web desk, and only when it runs: Starlette, Jinja2
and uvicorn (the ``hedong[web]`` extra) cost ``status`` and the other commands nothing.
"""

import errno
import ipaddress
import socket
from typing import Annotated, Any

import typer

from hedong_cli.cli.app import ConfigOpt, DataOpt, DbOpt, LangOpt, Session, app, session
from hedong_cli.common.errors import HedongError, JournalError
from hedong_cli.common.messages import t


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def bind(host: str, port: int) -> socket.socket:
    """The listening socket, bound here so that a port in use is one line, not uvicorn's traceback."""
    try:
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        # IPPROTO_TCP named, not left 0: asyncio sets TCP_NODELAY only on sockets whose proto says TCP, and without
        # it a keep-alive response (headers, then body) waits ~40 ms for the client's delayed ACK (Nagle).
        sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(128)
    except OSError as exc:
        reason = "EADDRINUSE" if exc.errno == errno.EADDRINUSE else exc.strerror or str(exc)
        raise HedongError(t("serve_port_in_use", port=port, error=reason)) from None
    return sock


# What the desk writes on the server: entries (reports, plans, 退回) and accounts (logins counted, passwords).
DESK_WRITES = (("entries", "INSERT"), ("accounts", "INSERT"), ("accounts", "UPDATE"))


def check_writable(sess: Session) -> None:
    """Open the journal for writing, as every login and report will: a read-only SQLite file or folder, a
    missing folder, or on PostgreSQL a role that is not the office's (the desk writes accounts and acts as each
    unit's role), whose transactions are read-only, or that lacks a right the desk writes with, is one line and
    exit 1 now, not a failure on every request later. Nothing is written to find out (an entry written and
    rolled back would still use up an entry number)."""
    try:
        with sess.writer() as journal:
            if journal.backend == "postgresql":
                if not journal.office:
                    raise JournalError(t("serve_not_office", role=journal.role))
                refused = server_refuses_writes(journal)
                if refused:
                    raise JournalError(t("serve_role_cannot_write", role=journal.role, what=refused))
    except JournalError as exc:
        raise JournalError(t("serve_journal_unwritable", error=exc.message)) from None


def server_refuses_writes(journal: Any) -> str | None:
    """What the server would refuse of the desk's writes ("read-only", "INSERT on entries"); None: nothing."""
    rights = ", ".join(f"has_table_privilege('{table}', '{right}')" for table, right in DESK_WRITES)
    read_only, *granted = journal._rows(f"SELECT current_setting('transaction_read_only'), {rights}")[0]
    if read_only == "on":
        return "read-only"
    missing = [f"{right} ON {table}" for (table, right), ok in zip(DESK_WRITES, granted, strict=True) if not ok]
    return ", ".join(missing) or None


@app.command()
def serve(
    ctx: typer.Context,
    host: Annotated[str, typer.Option("--host", help="Address to listen on; anything but loopback warns.")] = (
        "127.0.0.1"
    ),
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port to listen on.")] = 8650,
    secure_cookie: Annotated[
        bool, typer.Option("--secure-cookie", help="Send the session cookie over HTTPS only (behind TLS).")
    ] = False,
    data: DataOpt = None,
    db: DbOpt = None,
    config: ConfigOpt = None,
    lang: LangOpt = None,
) -> None:
    """Start the web desk where units report and the office reads (hedong[web]).

    \b
    The reporting period and due day (周报: 每周五前, 月报: 每月25日前) come from the settings file's
    `reporting:` key; weekly, due Friday, when it is not set.

    A journal the desk cannot write (a read-only file or folder; on PostgreSQL, a role that is not the
    office's) stops it here, in one line, before it listens: logins and reports would all fail.

    \b
    Examples:
      hedong serve                         http://127.0.0.1:8650, this machine only
      hedong serve --db postgresql://hedong_office@db/hedong --secure-cookie   behind nginx with TLS
    """
    try:
        import uvicorn

        from hedong_cli.web.app import Settings, create_app
    except ImportError:
        raise HedongError(t("serve_no_extra")) from None
    sess = session(ctx, data, db, lang)
    sess.config_flag = config
    sess.env.follow_clock = True  # the desk runs for days: past midnight, entries and periods take the new day
    sess.catalog()  # a broken catalogue stops here, in one line, before the port is taken
    sess.config()  # and a settings file at fault (reporting:, …)
    check_writable(sess)  # and a journal the desk could read but never write
    sock = bind(host, port)
    shown = f"[{host}]" if ":" in host else host
    sess.echo(t("serve_started", url=f"http://{shown}:{port}"))
    if not is_loopback(host):
        sess.echo(t("serve_exposed", host=host), err=True)
    sess.env.out.flush()  # the address is read at once, also through a pipe
    web = create_app(sess, Settings(secure_cookie=secure_cookie))
    server = uvicorn.Server(uvicorn.Config(web, log_level="warning", access_log=False, lifespan="off"))
    try:
        server.run(sockets=[sock])
    finally:
        web.state.desk.close()  # the journals the desk kept open
