"""Ledger (台账) files: CSV written here, xlsx in ``render.ledger_xlsx``; CSV and xlsx read back here.

Writing: every text cell passes ``neutralise_formula`` (OWASP CSV-injection guard), so a note that
begins with =, +, -, @, a tab or a carriage return shows as text and never runs; reading undoes it
with ``restore_formula`` (in ``ledger.cell_text``), so the round trip is exact. The writers return
bytes; ``fileio.write_atomic`` puts them on disk (atomically) or on a pipe.

openpyxl is imported only by the function that needs it.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import stat
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from hedong_cli.common.errors import InputError
from hedong_cli.common.messages import t
from hedong_cli.common.textsafe import neutralise_formula
from hedong_cli.documents.ledger import Formula, Ledger, Sheet, xml_safe

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted OOXML and legacy .xls are OLE2 compound files
ZIP_MAGIC = b"PK"
# Import limits, stated in the refusal messages (and docs/robustness.md). A real ledger of the 2026
# report is about 130 rows and well under 1 MiB; a 100,000-row ledger is about 60 MiB of xlsx XML.
# Beyond these a file is a mistake or a zip bomb, and reading on would cost minutes or gigabytes.
MAX_IMPORT_MIB = 256  # uncompressed: the CSV file, or all the parts of an xlsx added up
MAX_IMPORT_ROWS = 200_000  # rows with content, over all sheets
MIB = 1024 * 1024


def safe_cell(value: object) -> object:
    """A value ready for a spreadsheet cell: text made XML-legal and guarded against formulas."""
    if isinstance(value, str):
        return neutralise_formula(xml_safe(value))
    return value


# -- writing ---------------------------------------------------------------------------------------


def ledger_csv(ledger: Ledger) -> str:
    """All sheets' rows under one header; text guarded against formulas. Callers add the BOM for files."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(ledger.header)
    for sheet in ledger.sheets:
        for row in sheet.rows:
            writer.writerow(["" if cell is None else safe_cell(cell) for cell in row])
    return buffer.getvalue()


def csv_bytes(ledger: Ledger) -> bytes:
    """The CSV file's bytes. UTF-8 with a BOM: without it Excel reads the file in the local code page
    and garbles Chinese."""
    return ledger_csv(ledger).encode("utf-8-sig")


# -- reading ---------------------------------------------------------------------------------------


def read_ledger(path: Path) -> list[Sheet]:
    """The sheets of a filled ledger (.xlsx or .csv), every row read into memory (small files, tests)."""
    with open_ledger(path) as sheets:
        return [Sheet(sheet.name, list(sheet.rows)) for sheet in sheets]


@contextmanager
def open_ledger(path: Path) -> Iterator[list[Sheet]]:
    """The sheets of a filled ledger (.xlsx or .csv), their rows read one by one while the caller
    goes through them, so memory stays flat with the file's size. A damaged file raises one clear
    ``InputError``, before the first row or when its row is reached.

    Only a regular file is read (a FIFO would block, ``/dev/zero`` never ends), and only up to the
    import limits: ``MAX_IMPORT_MIB`` uncompressed and ``MAX_IMPORT_ROWS`` rows. An xlsx's size is
    checked from its zip directory before anything is inflated; ``zipfile`` then stops any part at
    its declared size, so a zip bomb is refused in milliseconds.
    """
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".xlsm", ".csv"):
        raise InputError(t("ldg_import_ext", path=path))
    try:
        mode = os.stat(path).st_mode  # follows links: a link to /dev/zero is a device
    except FileNotFoundError:
        raise InputError(t("ldg_not_found", path=path)) from None
    except OSError as exc:
        raise InputError(t("ldg_unreadable", path=path, error=exc.strerror or exc)) from None
    if not stat.S_ISREG(mode):
        raise InputError(t("imp_not_regular", path=path))
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
            size = os.fstat(handle.fileno()).st_size
    except OSError as exc:
        raise InputError(t("ldg_unreadable", path=path, error=exc.strerror or exc)) from None
    if head.startswith(OLE2_MAGIC):
        raise InputError(t("ldg_encrypted", path=path))
    if suffix == ".csv":
        if head.startswith(ZIP_MAGIC):
            raise InputError(t("ldg_bad_csv", path=path, error="zip / xlsx"))
        _check_size(path, size)
        yield [Sheet(None, _csv_rows(path, _csv_encoding(path)))]
        return
    _check_zip_size(path)
    workbook = _open_workbook(path)
    try:
        counter = _RowCounter(path)
        yield [Sheet(ws.title, _xlsx_rows(path, ws, counter)) for ws in workbook.worksheets]
    finally:
        workbook.close()


class _RowCounter:
    """Counts rows with content over all sheets and stops at ``MAX_IMPORT_ROWS``."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.count = 0

    def add(self) -> None:
        if self.count >= MAX_IMPORT_ROWS:
            raise InputError(t("imp_too_many_rows", path=self.path, limit=f"{MAX_IMPORT_ROWS:,}"))
        self.count += 1


def _check_size(path: Path, size: int) -> None:
    if size > MAX_IMPORT_MIB * MIB:
        raise InputError(t("imp_too_big", path=path, limit=MAX_IMPORT_MIB, size=f"{size / MIB:,.0f}"))


def _check_zip_size(path: Path) -> None:
    """Refuse an xlsx whose parts add up to more than the limit, from the zip directory alone."""
    try:
        with zipfile.ZipFile(path) as archive:
            total = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputError(t("ldg_not_xlsx", path=path, error=detail[:200])) from None
    _check_size(path, total)


def _open_workbook(path: Path) -> Any:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        # read_only: rows are parsed from the sheet XML as they are asked for, never all at once.
        return load_workbook(path, read_only=True, data_only=False)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, TypeError, OSError, EOFError) as exc:
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputError(t("ldg_not_xlsx", path=path, error=detail[:200])) from None
    except Exception as exc:  # lxml and zlib raise their own types on damaged parts
        raise InputError(t("ldg_not_xlsx", path=path, error=type(exc).__name__)) from None


def _xlsx_rows(path: Path, ws: Any, counter: _RowCounter) -> Iterator[tuple[int, list[object]]]:
    try:
        # read-only iter_rows yields every row from the first, empty ones too, so the count is the row number
        for number, row in enumerate(ws.iter_rows(min_row=1), start=1):
            cells: list[object] = []
            for cell in row:
                value = getattr(cell, "value", None)
                if getattr(cell, "data_type", None) == "f" and isinstance(value, str):
                    value = Formula(value)
                cells.append(None if value == "" else value)
            if not _blank(cells):
                counter.add()
                yield number, _trimmed(cells)
    except InputError:
        raise
    except Exception as exc:  # a part that only fails when its rows are parsed
        raise InputError(t("ldg_not_xlsx", path=path, error=type(exc).__name__)) from None


def _csv_encoding(path: Path) -> str:
    """UTF-8 (with or without BOM), else GB18030, which Excel's "CSV" saves in a Chinese locale.

    Checked in one streaming pass before any row is read, so a file that turns out not to be UTF-8
    halfway through is never half planned in one encoding. NUL bytes mean UTF-16 or binary.
    """
    for encoding in ("utf-8-sig", "gb18030"):
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            with path.open("rb") as handle:
                while chunk := handle.read(1 << 20):
                    if "\x00" in decoder.decode(chunk):
                        raise InputError(t("ldg_bad_encoding", path=path))
                decoder.decode(b"", final=True)
            return encoding
        except UnicodeDecodeError:
            continue
    raise InputError(t("ldg_bad_encoding", path=path))


def _csv_rows(path: Path, encoding: str) -> Iterator[tuple[int, list[object]]]:
    counter = _RowCounter(path)
    # The csv module's default field limit (131,072 characters) is below what a file within the import
    # limit may hold; the note limit is checked per cell afterwards, with sheet and row.
    csv.field_size_limit(max(csv.field_size_limit(), MAX_IMPORT_MIB * MIB))
    try:
        with path.open(encoding=encoding, newline="") as handle:
            for number, record in enumerate(csv.reader(handle), start=1):
                cells: list[object] = [cell if cell != "" else None for cell in record]
                if not _blank(cells):
                    counter.add()
                    yield number, _trimmed(cells)
    except csv.Error as exc:
        raise InputError(t("ldg_bad_csv", path=path, error=exc)) from None
    except OSError as exc:
        raise InputError(t("ldg_unreadable", path=path, error=exc.strerror or exc)) from None


def _blank(cells: list[object]) -> bool:
    return all(cell is None or (isinstance(cell, str) and not cell.strip()) for cell in cells)


def _trimmed(cells: list[object]) -> list[object]:
    while cells and cells[-1] is None:
        cells.pop()
    return cells
