"""``hedong city``: one row per district over one journal holding several districts' catalogues."""

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from hedong_cli.cli.app import DbOpt, LangOpt, Session, app, session
from hedong_cli.cli.options import (
    AsOfOpt,
    StaleOpt,
    ToleranceOpt,
    WarnOpt,
    WidthOpt,
    check_format,
    light_rules,
    parse_date,
)
from hedong_cli.common.errors import InputError
from hedong_cli.common.messages import t

if TYPE_CHECKING:
    from hedong_cli.tracking.city import CityView
    from hedong_cli.tracking.progress import LightRules

FORMATS_CITY = ("table", "json", "csv")


@app.command()
def city(
    ctx: typer.Context,
    catalogs: Annotated[
        list[Path] | None,
        typer.Option(
            "--data",
            help="A district's catalogue; repeat for each (default: those 'hedong init' stored, and the one in use).",
            show_default=False,
        ),
    ] = None,
    as_of: AsOfOpt = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, json or csv.")] = "table",
    width: WidthOpt = None,
    tolerance: ToleranceOpt = 10.0,
    stale_days: StaleOpt = 28,
    warn_days: WarnOpt = 14,
    db: DbOpt = None,
    lang: LangOpt = None,
) -> None:
    """The city's view: one row per district (one catalogue each, in one journal), from its own report.

    Each row gives the district's tasks, done, green/yellow/red, quantified targets and how many are on
    schedule (达到序时进度), and the tasks with nothing reported yet (未报送). Its figures are those of the
    district's own 'hedong status --data CATALOGUE' on the same date. Without --data the districts are
    the catalogues 'hedong init' stored in the user data folder, and the catalogue in use.

    \b
    Examples:
      hedong city --db postgresql://city@db.tj.gov/hedong
      hedong city --data 南开区2027.yaml --data 河西区2027.yaml --format json
      hedong city --as-of 2027-06-30 --format csv > 半年.csv
    """
    sess = session(ctx, None, db, lang)
    check_format(fmt, FORMATS_CITY)
    rules = light_rules(tolerance, stale_days, warn_days)
    view = city_view(sess, list(catalogs or []), parse_date(as_of) or sess.today, rules)
    from hedong_cli.render import city as render

    if fmt == "json":
        sess.env.out.write(render.city_json(view, sess.env.json_indent()))
    elif fmt == "csv":
        sess.env.out.write(render.city_csv(view))
    else:
        render.city_table(view, sess.env.out, width, sess.env.environ)


def city_view(sess: Session, catalogs: list[Path], day: date, rules: "LightRules") -> "CityView":
    """The districts' rows as of ``day``: each catalogue's own report over the one journal.

    The districts are ``catalogs`` when given, else the catalogues 'hedong init' stored in the user data
    folder and the one in use (``hedong city`` and ``hedong brief --city`` read the same set)."""
    from hedong_cli.catalogue.cache import load_catalog
    from hedong_cli.tracking.city import CityView, district_row
    from hedong_cli.tracking.paths import cache_dir, catalog_path, catalogs_dir
    from hedong_cli.tracking.progress import build_report

    environ = sess.env.environ
    paths = list(catalogs)
    if not paths:
        folder = catalogs_dir(environ)
        paths = sorted(folder.glob("*.yaml")) if folder.is_dir() else []
        in_use = catalog_path(sess.data, environ).path
        if not any(path.resolve() == in_use.resolve() for path in paths):
            paths.append(in_use)
    loaded = [load_catalog(path, cache_dir(environ)) for path in paths]
    seen: dict[str, Path] = {}
    for catalog in loaded:
        if catalog.key in seen:
            raise InputError(t("city_key_twice", key=catalog.key, first=seen[catalog.key], second=catalog.path))
        seen[catalog.key] = catalog.path
    rows = []
    with sess.reader() as journal:
        for catalog in loaded:
            states = journal.latest(catalog.key, day, [task.id for task in catalog.tasks])
            rows.append(district_row(catalog.key, catalog.path, build_report(catalog, states, day, rules)))
    return CityView(day, rows)
