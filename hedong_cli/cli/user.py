"""``hedong user``: the accounts of the web desk (``hedong serve``), kept in the journal's database."""

import sys
from typing import Annotated

import typer

from hedong_cli.cli.app import DbOpt, LangOpt, app, session
from hedong_cli.common.errors import InputError
from hedong_cli.common.messages import t
from hedong_cli.common.textsafe import visible

PasswordStdinOpt = Annotated[
    bool, typer.Option("--password-stdin", help="Read the password from standard input instead.")
]

user_app = typer.Typer(
    name="user",
    help="Accounts of the web desk (hedong serve): add one for a unit or the office, list, reset, disable.",
    no_args_is_help=True,
)
app.add_typer(user_app)


def _password_from_stdin() -> str:
    password = sys.stdin.readline().rstrip("\r\n")
    if not password:
        raise InputError(t("password_stdin_empty"))
    return password


@user_app.command("add")
def add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(metavar="NAME", help="The login name, e.g. shangwu or 张三.")],
    unit: Annotated[
        str | None, typer.Option("--unit", help="The unit it reports for, as in the assignments.", show_default=False)
    ] = None,
    office: Annotated[bool, typer.Option("--office", help="An account of the office (督查室).")] = False,
    password_stdin: PasswordStdinOpt = False,
    db: DbOpt = None,
    lang: LangOpt = None,
) -> None:
    """Add an account for a unit (--unit 区商务局) or the office (--office); print its one-time password.

    The password must be changed at the first login, unless it was given with --password-stdin.
    """
    from hedong_cli.journal import accounts

    sess = session(ctx, None, db, lang)
    if office == (unit is not None):
        raise InputError(t("user_unit_or_office"))
    password = _password_from_stdin() if password_stdin else accounts.new_password()
    with sess.writer() as journal:
        account = accounts.add(journal, name, None if office else unit, password, must_change=not password_stdin)
    who = t("account_office") if account.office else account.unit
    sess.echo(t("user_added", name=account.name, who=who))
    if not password_stdin:
        sess.echo(t("user_one_time_password", password=password))


@user_app.command("list")
def list_accounts(ctx: typer.Context, db: DbOpt = None, lang: LangOpt = None) -> None:
    """List the accounts: name, unit (or the office), state; tab-separated, one a line."""
    from hedong_cli.journal import accounts

    sess = session(ctx, None, db, lang)
    with sess.writer() as journal:
        found = accounts.listing(journal)
    for account in found:
        state = t("account_disabled") if account.disabled else t("account_must_change") if account.must_change else ""
        fields = [account.name, t("account_office") if account.office else account.unit or "", state]
        sess.env.out.write("\t".join(visible(field) for field in fields) + "\n")


@user_app.command("reset")
def reset(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(metavar="NAME")],
    password_stdin: PasswordStdinOpt = False,
    db: DbOpt = None,
    lang: LangOpt = None,
) -> None:
    """Give an account a new one-time password (and unlock it)."""
    from hedong_cli.journal import accounts

    sess = session(ctx, None, db, lang)
    password = _password_from_stdin() if password_stdin else accounts.new_password()
    with sess.writer() as journal:
        accounts.set_password(journal, name, password, must_change=not password_stdin)
    sess.echo(t("user_reset", name=name))
    if not password_stdin:
        sess.echo(t("user_one_time_password", password=password))


@user_app.command("disable")
def disable(
    ctx: typer.Context, name: Annotated[str, typer.Argument(metavar="NAME")], db: DbOpt = None, lang: LangOpt = None
) -> None:
    """Disable an account: it can no longer log in."""
    from hedong_cli.journal import accounts

    sess = session(ctx, None, db, lang)
    with sess.writer() as journal:
        accounts.disable(journal, name)
    sess.echo(t("user_disabled", name=name))
