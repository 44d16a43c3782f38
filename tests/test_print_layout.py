"""The 台账 and the 分工方案 as printed: rendered by LibreOffice from a realistic journal on the shipped
catalogue (``tests/realistic_journal.py``, rendered by ``tests/render_pages.py``), and checked on the PDF, page by page.

What the PDF must show: no page holding only the 填报 block; the ledger's and the form's text at 9 pt or
more; every task's text whole, inside its own row (a row too short draws its last lines over the row
below, clipped: the text is still in the PDF, so the check is on where it lies); the page header and
the 第 N 页 共 M 页 footer on every page; the 调整说明 of every moved deadline.

Skipped, saying why, where LibreOffice or pdftotext is missing.
"""

from __future__ import annotations

import math
import re
import shutil
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from hedong_cli.catalogue.model import load_catalog
from tests.conftest import CATALOG as CATALOG_FILE
from tests.conftest import Hedong
from tests.realistic_journal import PLANS, record_realistic
from tests.render_pages import soffice, to_pdfs
from tests.workflow_helpers import ok

pytestmark = pytest.mark.skipif(
    soffice() is None or shutil.which("pdftotext") is None,
    reason="needs LibreOffice (soffice) and poppler-utils (pdftotext) to render the documents",
)
OFFICE = "河东区人民政府督查室"
MIN_PT = 9.0
ID = re.compile(r"^\d+(\.\d+)+$")


@dataclass(frozen=True)
class Box:
    """A word, or a line of words joined without their spaces, where pdftotext found it on the page."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float


@dataclass(frozen=True)
class Page:
    height: float
    lines: list[Box]
    words: list[Box]

    @property
    def text(self) -> str:
        return "".join(line.text for line in self.lines)


def read_pages(pdf: Path) -> list[Page]:
    """Every page's lines and words, from ``pdftotext -bbox-layout``."""
    import subprocess

    xhtml = subprocess.run(
        ["pdftotext", "-bbox-layout", str(pdf), "-"], check=True, capture_output=True, timeout=60
    ).stdout
    tag = "{http://www.w3.org/1999/xhtml}"

    def box(element: ET.Element, text: str) -> Box:
        return Box(text, *(float(element.get(key, 0)) for key in ("xMin", "yMin", "xMax", "yMax")))

    pages = []
    for page in ET.fromstring(xhtml).iter(f"{tag}page"):
        lines, words = [], []
        for line in page.iter(f"{tag}line"):
            found = [box(word, word.text or "") for word in line.iter(f"{tag}word")]
            words += found
            lines.append(box(line, "".join(word.text for word in found)))
        pages.append(Page(float(page.get("height", 0)), lines, words))
    return pages


def text_sizes(pdf: Path) -> list[Counter[float]]:
    """The size (points, as printed: the page's scale included) of every character, page by page."""
    import pypdf

    sizes = []
    for page in pypdf.PdfReader(pdf).pages:
        counter: Counter[float] = Counter()

        def visit(text: str, cm: list[float], tm: list[float], font: object, size: float, c: Counter = counter) -> None:
            if text.strip():
                matrix = pypdf.mult(tm, cm)
                c[round(size * math.hypot(matrix[2], matrix[3]), 1)] += len(text.strip())

        page.extract_text(visitor_text=visit)
        sizes.append(counter)
    return sizes


def squeeze(text: str) -> str:
    return "".join(text.split())


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The documents of a realistic journal as PDF: the all-units ledger, the 分工方案 form and document."""
    folder = tmp_path_factory.mktemp("print")
    record_realistic(folder / "journal.sqlite")
    (folder / "config.yaml").write_text(f"unit: {OFFICE}\n", encoding="utf-8")
    hedong = Hedong(db=folder / "journal.sqlite", extra_env={"HEDONG_CONFIG": str(folder / "config.yaml")})
    ok(hedong("export", str(folder / "ledger.xlsx"), "-q"))
    ok(hedong("plan", "export", str(folder / "plan-form.xlsx")))
    ok(hedong("plan", "export", str(folder / "plan-doc.docx")))
    names = {"ledger": "ledger.xlsx", "form": "plan-form.xlsx", "doc": "plan-doc.docx"}
    pdfs = to_pdfs([folder / file for file in names.values()], folder)  # one LibreOffice start for all
    return dict(zip(names, pdfs, strict=True))


def footer_top(page: Page) -> float:
    (footer,) = [line for line in page.lines if re.fullmatch(r"第\d+页共\d+页", line.text)]
    return footer.y0


def test_no_page_holds_only_the_filing_block(rendered: dict[str, Path]) -> None:
    pages = read_pages(rendered["ledger"])
    filing = {"填报单位", "填报人", "联系电话", "审核人"}
    holding = [page for page in pages if filing & {word.text for word in page.words}]
    assert len(holding) == 1, "the 填报 block is on one page"
    (page,) = holding
    tasks = len(load_catalog(CATALOG_FILE).tasks)
    assert "推进台账" in page.text and f"任务{tasks}项" in page.text  # with the title and the figures, not alone


@pytest.mark.parametrize("document", ["ledger", "form"])
def test_the_data_prints_at_9_pt_or_more(rendered: dict[str, Path], document: str) -> None:
    sizes = text_sizes(rendered[document])
    assert len(sizes) > 5
    for number, counter in enumerate(sizes, start=1):
        assert counter and min(counter) >= MIN_PT, (number, counter)


@pytest.mark.parametrize("document", ["ledger", "form"])
def test_every_page_has_the_unit_above_and_its_number_below(rendered: dict[str, Path], document: str) -> None:
    pages = read_pages(rendered[document])
    for number, page in enumerate(pages, start=1):
        texts = {line.text for line in page.lines}
        assert f"第{number}页共{len(pages)}页" in texts, number
        (header,) = [word for word in page.words if word.text == OFFICE]
        assert header.y1 < 60 and footer_top(page) > page.height - 60  # in the margins, not in the table


def columns(page: Page, first_row: float) -> list[float]:
    """The centres of the table's columns, from its header row just above the first task row (a
    header's text is centred in its cell; a header wrapped onto two lines is one column)."""
    centres: list[float] = []
    header = [w for w in page.words if first_row - 45 < w.y0 < first_row - 2 and w.x1 - w.x0 < 100]
    for word in sorted(header, key=lambda w: w.x0):
        centre = (word.x0 + word.x1) / 2
        if not centres or centre - centres[-1] > 6:
            centres.append(centre)
    return centres


def edges(centres: list[float], widths: list[float]) -> list[float]:
    """The columns' left edges (and the table's right edge) on the page, from the header centres and the
    sheet's column widths. A spreadsheet prints a column ``k × (width + c)`` points wide, for its own
    k and c; the distance between two centres gives both, by least squares over every pair."""
    steps = zip(widths, widths[1:], centres, centres[1:], strict=False)  # each column with the next
    pairs = [((a + b) / 2, right - left) for a, b, left, right in steps]
    mean_x = sum(x for x, _ in pairs) / len(pairs)
    mean_y = sum(y for _, y in pairs) / len(pairs)
    k = sum((x - mean_x) * (y - mean_y) for x, y in pairs) / sum((x - mean_x) ** 2 for x, _ in pairs)
    c = mean_y / k - mean_x
    result = [centres[0] - k * (widths[0] + c) / 2]
    for width in widths:
        result.append(result[-1] + k * (width + c))
    return result


def cell_text(words: list[Box], left: float, right: float) -> str:
    """The text of the cell between ``left`` and ``right`` among a row's words, in reading order, without
    spaces."""
    cell = [w for w in words if left - 1 <= w.x0 < right - 1]
    return "".join(w.text for w in sorted(cell, key=lambda w: (round(w.y0), w.x0)))


def printed_rows(pdf: Path, first: str, widths: list[float], wanted: tuple[int, ...]) -> dict[str, list[str]]:
    """Task id → the text of the ``wanted`` columns of its row, read from the table of every page whose
    header starts with ``first`` (the first column's title, or its first line); and, on
    the way, asserts that no word of a row reaches below the row's bottom (the next row's top, or the
    footer). A row too short leaves its last lines there, clipped but still in the PDF."""
    printed: dict[str, list[str]] = {}
    for number, page in enumerate(read_pages(pdf), start=1):
        ids = sorted((w for w in page.words if ID.fullmatch(w.text) and w.x0 < 110), key=lambda w: w.y0)
        if not ids or not any(w.text.startswith(first) for w in page.words if w.y0 < ids[0].y0):
            continue  # the ledger's summary sheet
        centres = columns(page, ids[0].y0)
        assert len(centres) == len(widths), (number, centres)
        lefts = edges(centres, widths)
        tops = [word.y0 - 2 for word in ids] + [footer_top(page)]
        for word, top, bottom in zip(ids, tops, tops[1:], strict=False):
            inside = [w for w in page.words if top <= w.y0 < bottom]
            low = [w.text for w in inside if w.y1 > bottom + 1]
            assert not low, (number, word.text, low)
            printed[word.text] = [cell_text(inside, lefts[index], lefts[index + 1]) for index in wanted]
    return printed


def test_every_task_is_whole_and_inside_its_row(rendered: dict[str, Path]) -> None:
    """Each ledger row's 任务内容 and 进展情况, read from the page, are the cells' text whole: the task's
    text, and the note as the sheet holds it (a note longer than the highest row is cut there, saying so)."""
    import openpyxl

    from hedong_cli.documents.ledger import COLUMNS, INDEX

    tasks = load_catalog(CATALOG_FILE).tasks
    workbook = openpyxl.load_workbook(rendered["ledger"].with_suffix(".xlsx"), read_only=True)
    notes = {}
    for ws in workbook.worksheets[1:]:
        for row in ws.iter_rows(min_row=2, values_only=True):
            notes[row[INDEX["id"]]] = row[INDEX["note"]] or ""
    workbook.close()
    assert any("……（全文" in note for note in notes.values()), "the fixture has a note too long for a row"
    shown = [float(column.width) for column in COLUMNS if column.kind != "code"]  # the check code is hidden
    printed = printed_rows(rendered["ledger"], "任务编", shown, (1, 8))
    assert sorted(printed) == sorted(task.id for task in tasks)
    for task in tasks:
        assert printed[task.id] == [squeeze(task.text), squeeze(notes[task.id])], task.id


def test_every_row_of_the_plan_form_is_whole(rendered: dict[str, Path]) -> None:
    from hedong_cli.documents.plan_table import COLUMN_KEYS
    from hedong_cli.render.plan_doc import XLSX_WIDTHS

    tasks = load_catalog(CATALOG_FILE).tasks
    widths = [float(XLSX_WIDTHS[key]) for key in COLUMN_KEYS]
    printed = printed_rows(rendered["form"], "序号", widths, (2, 8))  # 目标任务, 调整说明
    assert sorted(printed) == sorted(task.id for task in tasks)
    reasons = {task_id: reason or "" for task_id, _due, _leader, _nodes, reason in PLANS}
    for task in tasks:
        assert printed[task.id] == [squeeze(task.text), squeeze(reasons.get(task.id, ""))], task.id


def test_the_plan_document_holds_every_task_and_every_reason(rendered: dict[str, Path]) -> None:
    pages = read_pages(rendered["doc"])
    text = squeeze("".join(page.text for page in pages))
    catalog = load_catalog(CATALOG_FILE)
    assert all(squeeze(task.text) in text for task in catalog.tasks)
    assert "完成时限调整说明" in text
    for task_id, _due, _leader, _nodes, reason in PLANS:
        if reason:
            assert squeeze(reason) in text, task_id
    last = pages[-1].text
    assert "完成时限调整说明" in squeeze(last) or len(pages) > 1
    sizes = text_sizes(rendered["doc"])
    assert all(min(counter) >= MIN_PT for counter in sizes if counter)
