"""``hedong catalog draft`` and ``hedong catalog diff``: next year's catalogue from the report's text."""

from pathlib import Path
from typing import Annotated

import typer

from hedong_cli.cli.app import LangOpt, app, session
from hedong_cli.common.messages import t

catalog_app = typer.Typer(
    name="catalog",
    help=(
        "Draft a catalogue from a work report, and compare catalogues.\n\n"
        "\b\nExamples:\n"
        "  hedong catalog draft report-2027.txt -o targets_2027.yaml\n"
        "  hedong catalog diff targets_2027.yaml targets_2027_reviewed.yaml"
    ),
    no_args_is_help=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(catalog_app)


@catalog_app.command()
def draft(
    ctx: typer.Context,
    report: Annotated[Path, typer.Argument(help="The work report: .txt (UTF-8 or GB18030/GBK), .docx or .pdf.")],
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="Write the catalogue here (atomically) instead of to stdout."),
    ] = None,
    year: Annotated[
        int | None, typer.Option("--year", help="The catalogue year, when the report does not make it clear.")
    ] = None,
    section_heading: Annotated[
        str | None,
        typer.Option("--section-heading", help="Start the key-work part at the paragraph that begins with TEXT."),
    ] = None,
    lang: LangOpt = None,
) -> None:
    """Draft a catalogue from a government work report; every uncertain choice is marked # 待核.

    The draft passes `hedong check` as it is. Review the # 待核 comments, then use it with --data or
    HEDONG_DATA. A summary goes to stderr.

    \b
    Examples:
      hedong catalog draft report-2027.txt -o targets_2027.yaml
      hedong catalog draft report-2027.docx > targets_2027.yaml
      hedong catalog draft excerpt.txt --section-heading "（三）" --year 2024
      hedong check --data targets_2027.yaml
    """
    from hedong_cli.catalogue.draft import draft_catalog, read_report

    sess = session(ctx, lang=lang)
    if output is not None and output.exists() and report.exists() and output.samefile(report):
        from hedong_cli.common.errors import InputError

        raise InputError(t("draft_output_is_input", path=output))
    text = read_report(report)
    result = draft_catalog(text, source_name=report.name, year=year, section_heading=section_heading)
    if output is None:
        sess.env.out.write(result.yaml)
        sess.env.out.flush()
    else:
        from hedong_cli.common.fileio import write_atomic

        write_atomic(output, result.yaml.encode("utf-8"), protected=sess.protected_files())
        sess.echo(t("draft_written", path=output), err=True)
    sess.echo(t("draft_summary", **result.summary()), err=True)


@catalog_app.command()
def diff(
    ctx: typer.Context,
    old: Annotated[Path, typer.Argument(help="The earlier catalogue (e.g. the draft).")],
    new: Annotated[Path, typer.Argument(help="The later catalogue (e.g. the reviewed one).")],
    output_format: Annotated[str, typer.Option("--format", help="text (default) or json.")] = "text",
    lang: LangOpt = None,
) -> None:
    """List what changed between two catalogues: added, removed, retexted, renumbered tasks; changed targets.

    \b
    Examples:
      hedong catalog diff targets_2027.yaml targets_2027_reviewed.yaml
      hedong catalog diff data/targets_2026.yaml targets_2026_revised.yaml --format json
    """
    from hedong_cli.catalogue.diff import KINDS
    from hedong_cli.catalogue.diff import diff as catalog_diff
    from hedong_cli.catalogue.model import load_catalog
    from hedong_cli.common.errors import InputError
    from hedong_cli.documents.labels import target_text

    sess = session(ctx, lang=lang)
    if output_format not in ("text", "json"):
        raise InputError(t("bad_format", fmt=output_format, allowed="text, json"))
    changes = catalog_diff(load_catalog(old), load_catalog(new), lambda target: target_text(target) or t("no_figure"))
    if output_format == "json":
        from hedong_cli.common.textsafe import dumps_json

        # A catalogue's text is data as a note is: control characters (C1 included) escaped, as every JSON output.
        sess.env.out.write(dumps_json([c.as_json() for c in changes], indent=sess.env.json_indent()) + "\n")
        return
    for change in changes:
        label = t(f"diff_{change.kind}")
        if change.kind == "added":
            line = f"+ {change.task_id} {label} {change.title}"
        elif change.kind == "removed":
            line = f"- {change.task_id} {label} {change.title}"
        else:
            line = f"~ {change.task_id} {label} {change.title} {change.old} → {change.new}"
        sess.echo(line)
    counts = {kind: sum(1 for c in changes if c.kind == kind) for kind in KINDS}
    sess.echo(t("diff_summary", **counts) if changes else t("diff_none"), err=True)
