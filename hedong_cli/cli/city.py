"""``hedong city``: one row per district over one journal holding several districts' catalogues."""

from pathlib import Path
from typing import Annotated

import typer

from hedong_cli.cli.app import DbOpt, LangOpt, app, session
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
from hedong_cli.errors import InputError
from hedong_cli.messages import t

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
    from hedong_cli.catalog_cache import load_catalog
    from hedong_cli.city import CityView, district_row
    from hedong_cli.paths import cache_dir, catalog_path, catalogs_dir
    from hedong_cli.progress import build_report

    sess = session(ctx, None, db, lang)
    check_format(fmt, FORMATS_CITY)
    rules = light_rules(tolerance, stale_days, warn_days)
    environ = sess.env.environ
    if catalogs:
        paths = list(catalogs)
    else:
        folder = catalogs_dir(environ)
        paths = sorted(folder.glob("*.yaml")) if folder.is_dir() else []
        in_use = catalog_path(None, environ).path
        if not any(path.resolve() == in_use.resolve() for path in paths):
            paths.append(in_use)
    loaded = [load_catalog(path, cache_dir(environ)) for path in paths]
    seen: dict[str, Path] = {}
    for catalog in loaded:
        if catalog.key in seen:
            raise InputError(t("city_key_twice", key=catalog.key, first=seen[catalog.key], second=catalog.path))
        seen[catalog.key] = catalog.path
    day = parse_date(as_of) or sess.today
    rows = []
    with sess.reader() as journal:
        for catalog in loaded:
            states = journal.latest(catalog.key, day, [task.id for task in catalog.tasks])
            rows.append(district_row(catalog.key, catalog.path, build_report(catalog, states, day, rules)))
    view = CityView(day, rows)
    from hedong_cli.render import city as render

    if fmt == "json":
        sess.env.out.write(render.city_json(view))
    elif fmt == "csv":
        sess.env.out.write(render.city_csv(view))
    else:
        render.city_table(view, sess.env.out, width, environ)
