"""Reading a report file: plain text (UTF-8, GB18030/GBK, UTF-16), Word (.docx) or PDF (optional extra).

Every failure is one ``InputError`` line: missing, empty, binary, wrongly encoded, too large, or a
Word/PDF file that cannot be opened. python-docx and pypdf are imported only for their formats.
"""

from __future__ import annotations

import stat
from pathlib import Path

from hedong_cli.errors import InputError
from hedong_cli.messages import t

MAX_BYTES = 20 * 1024 * 1024  # a long report as PDF is a few MB; beyond this it is not a report
MAX_CHARS = 400_000  # about twenty times a district report's ~20,000 characters


def read_report(path: Path) -> str:
    """The text of the report at ``path``, or an ``InputError`` that says what is wrong with it."""
    try:
        status = path.stat()
    except FileNotFoundError:
        raise InputError(t("draft_missing", path=path)) from None
    except OSError as exc:
        raise InputError(t("draft_unreadable", path=path, error=exc.strerror or exc)) from None
    if stat.S_ISDIR(status.st_mode):
        raise InputError(t("draft_unreadable", path=path, error="is a directory"))
    if not stat.S_ISREG(status.st_mode):
        # A FIFO waits for a writer and /dev/zero never ends: reading either would hang.
        raise InputError(t("draft_not_regular", path=path))
    size = status.st_size
    if size > MAX_BYTES:
        raise InputError(t("draft_too_large", path=path, mb=MAX_BYTES // (1024 * 1024)))
    suffix = path.suffix.lower()
    if suffix == ".docx":
        text = _read_docx(path)
    elif suffix == ".pdf":
        text = _read_pdf(path)
    else:
        text = _read_text(path)
    if not text.strip():
        raise InputError(t("draft_empty", path=path))
    if len(text) > MAX_CHARS:
        raise InputError(t("draft_too_long", path=path, n=len(text), max=MAX_CHARS))
    return text


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(t("draft_unreadable", path=path, error=exc.strerror or exc)) from None


def decode(data: bytes, path: Path) -> str:
    """UTF-8 (with or without BOM), UTF-16 with a BOM, else GB18030 (a superset of GBK and GB2312)."""
    if not data.strip():
        raise InputError(t("draft_empty", path=path))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 with its BOM: Notepad's "Unicode"
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(t("draft_encoding", path=path)) from None
    if b"\x00" in data[:8192] or data.startswith((b"%PDF", b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        raise InputError(t("draft_binary", path=path))
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f")
        if controls > len(text) // 100:
            raise InputError(t("draft_binary", path=path))
        return text
    raise InputError(t("draft_encoding", path=path))


def _read_text(path: Path) -> str:
    return decode(_read_bytes(path), path)


def _read_docx(path: Path) -> str:
    import zipfile

    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError
    except ImportError:  # pragma: no cover - python-docx is a dependency
        raise InputError(t("draft_docx_missing")) from None
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise InputError(t("draft_bad_file", path=path, kind="Word (.docx)", error=exc)) from None
    lines = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append("\t".join(cell.text for cell in row.cells))
    return "\n\n".join(lines)  # one paragraph each: the blank line tells the drafter so


def _read_pdf(path: Path) -> str:
    try:
        from pypdf import PdfReader
        from pypdf.errors import PyPdfError
    except ImportError:
        raise InputError(t("draft_pdf_extra")) from None
    import logging

    # pypdf logs its repairs ("invalid pdf header", "EOF marker not found") as warnings, which without a
    # logging setup reach stderr as extra lines; a file it cannot read still ends in the one line below.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted:
            raise InputError(t("draft_bad_file", path=path, kind="PDF", error="encrypted"))
        pages = [page.extract_text() or "" for page in reader.pages]
    except InputError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as exc:
        raise InputError(t("draft_bad_file", path=path, kind="PDF", error=exc)) from None
    text = "\n\n".join(pages)
    if not text.strip():
        raise InputError(t("draft_pdf_no_text", path=path))
    return text
