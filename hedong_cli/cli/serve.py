"""``hedong serve``: start the web desk (``hedong_cli.web``) on the journal and catalogue in use.

The only module of the command line that imports the web desk, and only when it runs: Starlette, Jinja2
and uvicorn (the ``hedong[web]`` extra) cost ``status`` and the other commands nothing.
"""

import errno
import ipaddress
import socket
from typing import Annotated

import typer

from hedong_cli.cli.app import ConfigOpt, DataOpt, DbOpt, LangOpt, app, session
from hedong_cli.common.errors import HedongError, InputError
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
        sock = socket.socket(family, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(128)
    except OSError as exc:
        reason = "EADDRINUSE" if exc.errno == errno.EADDRINUSE else exc.strerror or str(exc)
        raise HedongError(t("serve_port_in_use", port=port, error=reason)) from None
    return sock


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
    period: Annotated[str, typer.Option("--period", help="Reporting period: week (due Friday) or month (25th).")] = (
        "week"
    ),
    data: DataOpt = None,
    db: DbOpt = None,
    config: ConfigOpt = None,
    lang: LangOpt = None,
) -> None:
    """Start the web desk where units report and the office reads (hedong[web]).

    \b
    Examples:
      hedong serve                         http://127.0.0.1:8650, this machine only
      hedong serve --db postgresql://hedong_office@db/hedong --secure-cookie   behind nginx with TLS
    """
    if period not in ("week", "month"):
        raise InputError(t("serve_bad_period", period=period))
    try:
        import uvicorn

        from hedong_cli.web.app import Settings, create_app
    except ImportError:
        raise HedongError(t("serve_no_extra")) from None
    sess = session(ctx, data, db, lang)
    sess.config_flag = config
    sess.catalog()  # a broken catalogue stops here, in one line, before the port is taken
    with sess.reader():
        pass  # and an unreadable journal too
    sock = bind(host, port)
    shown = f"[{host}]" if ":" in host else host
    sess.echo(t("serve_started", url=f"http://{shown}:{port}"))
    if not is_loopback(host):
        sess.echo(t("serve_exposed", host=host), err=True)
    sess.env.out.flush()  # the address is read at once, also through a pipe
    web = create_app(sess, Settings(secure_cookie=secure_cookie, period=period))
    server = uvicorn.Server(uvicorn.Config(web, log_level="warning", access_log=False, lifespan="off"))
    try:
        server.run(sockets=[sock])
    finally:
        web.state.desk.close()  # the journals the desk kept open
