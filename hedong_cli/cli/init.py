"""``hedong init REPORT``: from a work report to a working tracker in one command.

It drafts the catalogue (``hedong_cli.catalogue.draft``), checks it, prints the summary and the ``# 待核``
count, keeps the catalogue in the user data folder (``catalogs/KEY.yaml``), names it in the settings file
(``catalog:``) and makes the journal ready. Nothing is stored until every check has passed, and the
journal's entries are never touched: several catalogues live in one journal, each under its own key.
"""

import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from hedong_cli.cli.app import ConfigOpt, DbOpt, LangOpt, app, session
from hedong_cli.common.errors import InputError
from hedong_cli.common.messages import t

if TYPE_CHECKING:
    from hedong_cli.catalogue.model import Catalog
    from hedong_cli.cli.app import Session

# A key becomes a file name: letters (any script), digits, '-', '_' and '.' stay; anything else is '-'.
_UNSAFE_IN_KEY = re.compile(r"[^\w.-]+")
REVIEW_MARK = "# 待核"


@app.command()
def init(
    ctx: typer.Context,
    report: Annotated[Path, typer.Argument(help="The work report: .txt (UTF-8 or GB18030/GBK), .docx or .pdf.")],
    db: DbOpt = None,
    config: ConfigOpt = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace the catalogue already configured without asking.")
    ] = False,
    year: Annotated[
        int | None, typer.Option("--year", help="The catalogue year, when the report does not make it clear.")
    ] = None,
    lang: LangOpt = None,
) -> None:
    """Start tracking a work report: draft its catalogue, check it, make it the one in use, ready the journal.

    The catalogue is kept as catalogs/KEY.yaml in the user data folder and named by catalog: in the
    settings file (--data and $HEDONG_DATA still come first; 'hedong where' says which is in use and why).
    Its key is the district and year (南开区2027), so several districts share one journal without mixing
    entries; a key already used in the journal by another catalogue is refused. Review the # 待核 marks
    in the stored file before relying on the figures.

    \b
    Examples:
      hedong init 南开区2027年政府工作报告.docx
      hedong init report.txt --db postgresql://office@db.city.gov/hedong
      hedong init report-2027.pdf --force         replace the catalogue configured before
    """
    from hedong_cli.catalogue.draft import draft_catalog, read_report
    from hedong_cli.catalogue.model import load_catalog, parse_yaml, validate
    from hedong_cli.common.config import (
        ConfigLocation,
        config_path,
        configured_catalog,
        parse_config,
        read_config_text,
        with_catalog,
        without_catalog,
    )
    from hedong_cli.common.fileio import journal_files, write_atomic
    from hedong_cli.tracking.paths import catalogs_dir

    sess = session(ctx, None, db, lang)
    environ = sess.env.environ
    draft = draft_catalog(read_report(report), source_name=report.name, year=year)
    shipped = shipped_for(draft.yaml, draft.year)
    key = catalog_key(draft.yaml, report, draft.year)
    text = with_key(draft.yaml, key)
    target = stored_path(catalogs_dir(environ), key)
    catalog = validate(parse_yaml(text), target)  # the check: the draft must load as the file it becomes
    settings = config_path(config, environ)
    settings_text = read_config_text(ConfigLocation(settings.path, "default")) or ""
    parse_config(settings_text, settings.path)  # a broken settings file is reported now, before anything is stored
    current = configured_catalog(settings)
    if shipped is not None and current is not None and current.resolve() == shipped.path.resolve():
        current = None  # already the shipped catalogue: nothing is replaced
    if current is not None and not force and not _confirmed(t("init_replace", path=current)):
        raise InputError(t("init_configured", path=current, config=settings.path))
    _ready_journal(sess)  # first: a server's journal can be read only once its schema exists
    if shipped is not None:
        # The report of the catalogue shipped with hedong: its reviewed catalogue is used, under its own key,
        # so the entries recorded against it stay visible. No draft is stored, and the settings name no
        # catalogue: the default is the shipped one wherever an upgrade installs it (a path written here
        # would point into the old installation).
        if settings.path.is_file():
            write_atomic(settings.path, without_catalog(settings_text).encode("utf-8"))
        sess.echo(t("check_ok", path=shipped.path, sections=len(shipped.sections), tasks=len(shipped.tasks)))
        sess.echo(t("init_shipped", region=shipped.source.get("region"), year=shipped.year, path=shipped.path))
        sess.echo(t("init_done", key=shipped.key, config=settings.path, journal=sess.journal_path()))
        if environ.get("HEDONG_DATA"):
            sess.echo(t("init_env_wins", path=environ["HEDONG_DATA"]), err=True)
        return
    _refuse_key_collision(sess, catalog, target)
    previous = target.with_name(target.name + ".previous")
    if target.is_file() and target.read_text(encoding="utf-8") != text:
        write_atomic(previous, target.read_bytes())  # a reviewed copy is never lost to a new draft
    target.parent.mkdir(parents=True, exist_ok=True)
    journal = sess.journal_target().path
    write_atomic(target, text.encode("utf-8"), protected=journal_files(journal) if journal else [])
    settings.path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(
        settings.path,
        with_catalog(settings_text, target).encode("utf-8"),
    )
    stored = load_catalog(target)
    sess.echo(t("check_ok", path=target, sections=len(stored.sections), tasks=len(stored.tasks)))
    sess.echo(t("draft_summary", **draft.summary()))
    sess.echo(t("init_review", n=text.count(REVIEW_MARK), path=target))
    sess.echo(t("init_done", key=stored.key, config=settings.path, journal=sess.journal_path()))
    if environ.get("HEDONG_DATA"):
        sess.echo(t("init_env_wins", path=environ["HEDONG_DATA"]), err=True)


def shipped_for(yaml_text: str, year: int) -> "Catalog | None":
    """The catalogue shipped with hedong when the drafted report is its report (the same region and year),
    else None. Its key (``2026``) is kept: a draft keyed 河东区2026 would not see the entries recorded
    against the shipped catalogue, and the shipped one is the reviewed copy of the same report."""
    from hedong_cli.catalogue.model import load_catalog, parse_yaml
    from hedong_cli.common.errors import CatalogError
    from hedong_cli.tracking.paths import shipped_catalog

    data = parse_yaml(yaml_text)
    source = data.get("source") if isinstance(data, dict) else None
    region = str(source.get("region") or "").strip() if isinstance(source, dict) else ""
    path = shipped_catalog()
    if not region or not path.is_file():
        return None
    try:
        shipped = load_catalog(path)
    except CatalogError:
        return None
    same = str(shipped.source.get("region") or "").strip() == region and shipped.year == year
    return shipped if same else None


def catalog_key(yaml_text: str, report: Path, year: int) -> str:
    """The key a drafted catalogue is kept under: its district and year (南开区2027); without a district,
    the report's file name (with the year when the name lacks it)."""
    from hedong_cli.catalogue.model import parse_yaml

    data = parse_yaml(yaml_text)
    source = data.get("source") if isinstance(data, dict) else None
    region = str(source.get("region") or "").strip() if isinstance(source, dict) else ""
    if data.get("key"):
        return str(data["key"])
    base = region or _UNSAFE_IN_KEY.sub("-", report.stem).strip("-.") or "catalog"
    return base if str(year) in base else f"{base}{year}" if region else f"{base}-{year}"


def stored_path(folder: Path, key: str) -> Path:
    """Where the catalogue of ``key`` is kept: always a file directly inside ``folder``, whatever the key
    holds (a region drafted from a report's text may hold '/', '..' or control characters)."""
    name = _UNSAFE_IN_KEY.sub("-", key).strip("-.")[:100] or "catalog"
    return folder / f"{name}.yaml"


def with_key(yaml_text: str, key: str) -> str:
    """The drafted YAML with ``key:`` after its ``year:`` line (unless it has one already)."""
    import json

    if re.search(r"^key\s*:", yaml_text, re.MULTILINE):
        return yaml_text
    return re.sub(
        r"^(year:.*)$",
        lambda m: f"{m.group(1)}\nkey: {json.dumps(key, ensure_ascii=False)}",
        yaml_text,
        count=1,
        flags=re.M,
    )


def _confirmed(question: str) -> bool:
    """Ask at a terminal; a script (no terminal) is never asked, and needs --force."""
    if not (sys.stdin is not None and sys.stdin.isatty()):
        return False
    return typer.confirm(question, default=False)


def _refuse_key_collision(sess: "Session", catalog: "Catalog", target: Path) -> None:
    """One key, one catalogue: refuse a key whose entries in the journal, or whose stored file, belong to
    another catalogue (another district's report, or task ids this draft does not have)."""
    from hedong_cli.catalogue.model import load_catalog
    from hedong_cli.common.errors import CatalogError

    if target.is_file():
        try:
            other = load_catalog(target)
        except CatalogError:
            other = None
        same = ("region", "report", "doc_no")
        if other is not None and any(other.source.get(k) != catalog.source.get(k) for k in same):
            raise InputError(t("init_key_taken_file", key=catalog.key, path=target))
    with sess.reader() as journal:
        mentioned = journal.task_ids(catalog.key)
    strangers = sorted(task_id for task_id in mentioned if task_id not in catalog.by_id)
    if strangers:
        raise InputError(
            t("init_key_taken", key=catalog.key, journal=sess.journal_path(), n=len(strangers), id=strangers[0])
        )


def _ready_journal(sess: "Session") -> None:
    """Create the journal (a SQLite file) or its schema on a server (as ``hedong db init`` does)."""
    target = sess.journal_target()
    if target.url is None:
        sess.writer().close()
        return
    from hedong_cli.journal.postgres import PostgresJournal

    with PostgresJournal.connect(target.url, sess.env.environ) as journal:
        journal.init_schema()
