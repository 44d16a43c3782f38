"""Reading a report file: plain text (UTF-8, GB18030/GBK, UTF-16), Word (.docx) or PDF (optional extra).

Every failure is one ``InputError`` line: missing, empty, binary, wrongly encoded, too large, or a
Word/PDF file that cannot be opened. python-docx and pypdf are imported only for their formats.
"""

from __future__ import annotations

import stat
from collections.abc import Iterator
from pathlib import Path

from hedong_cli.common.errors import InputError
from hedong_cli.common.messages import t

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


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DOCUMENT_PART = "word/document.xml"
MAX_DOCX_XML_BYTES = 32 * 1024 * 1024  # a 400,000-character report's document.xml is well under 20 MB
MAX_DOCX_RATIO = 100  # real Word text inflates 5-20 times; a bomb inflates hundreds of times
_RATIO_FROM_BYTES = 2 * 1024 * 1024  # below this, inflating costs nothing whatever the ratio


def _read_docx(path: Path) -> str:
    """The text of a Word file, read from its ``document.xml`` as a stream, within size limits.

    The zip directory is checked before anything is inflated (a part larger than ``MAX_DOCX_XML_BYTES``, or
    over 2 MB and inflating more than ``MAX_DOCX_RATIO`` times, is a bomb, not a report); ``zipfile`` stops
    the part at its declared size, and the XML is parsed element by element with entities and DTDs off, so
    memory stays flat. Paragraphs come in document order, a table row as its cells joined by tabs.
    """
    import zipfile

    kind = "Word (.docx)"
    try:
        with zipfile.ZipFile(path) as archive:
            try:
                info = archive.getinfo(_DOCUMENT_PART)
            except KeyError:
                raise InputError(t("draft_bad_file", path=path, kind=kind, error=f"no {_DOCUMENT_PART}")) from None
            _check_docx_part(path, info.file_size, info.compress_size)
            with archive.open(info) as stream:
                return "\n\n".join(_docx_paragraphs(stream, path))
    except InputError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
        raise InputError(t("draft_bad_file", path=path, kind=kind, error=_first_line(exc))) from None
    except Exception as exc:  # lxml and zlib raise their own types on a damaged or truncated part
        raise InputError(t("draft_bad_file", path=path, kind=kind, error=_first_line(exc))) from None


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return (text.splitlines()[0][:200] if text else "") or type(exc).__name__


def _check_docx_part(path: Path, size: int, compressed: int) -> None:
    mib = 1024 * 1024
    if size > MAX_DOCX_XML_BYTES:
        raise InputError(t("draft_docx_too_big", path=path, size=f"{size / mib:,.0f}", limit=MAX_DOCX_XML_BYTES // mib))
    if size > _RATIO_FROM_BYTES and size > MAX_DOCX_RATIO * max(compressed, 1):
        raise InputError(t("draft_docx_ratio", path=path, ratio=size // max(compressed, 1), limit=MAX_DOCX_RATIO))


def _docx_paragraphs(stream: object, path: Path) -> Iterator[str]:
    from lxml import etree

    parser = etree.iterparse(
        stream,
        events=("start", "end"),
        resolve_entities=False,
        load_dtd=False,
        no_network=True,
        huge_tree=False,
    )
    open_paragraphs: list[list[str]] = []  # a text box's paragraph sits inside another paragraph
    rows: list[list[str]] = []  # the cells of the table rows being read (tables nest)
    cells: list[list[str]] = []  # the paragraphs of the cells being read
    total = 0
    for event, element in parser:
        tag = element.tag
        if event == "start":
            if tag == _W + "p":
                open_paragraphs.append([])
            elif tag == _W + "tr":
                rows.append([])
            elif tag == _W + "tc":
                cells.append([])
            continue
        if tag == _W + "t" and open_paragraphs:
            open_paragraphs[-1].append(element.text or "")
        elif tag == _W + "tab" and open_paragraphs:
            open_paragraphs[-1].append("\t")
        elif tag in (_W + "br", _W + "cr") and open_paragraphs:
            open_paragraphs[-1].append("\n")
        elif tag == _W + "p" and open_paragraphs:
            text = "".join(open_paragraphs.pop())
            total += len(text)
            if total > MAX_CHARS:
                raise InputError(t("draft_too_long", path=path, n=f"{total:,}+", max=MAX_CHARS))
            if cells:
                cells[-1].append(text)
            else:
                yield text
        elif tag == _W + "tc" and cells:
            text = "\n".join(cells.pop())
            if rows:
                rows[-1].append(text)
        elif tag == _W + "tr" and rows:
            text = "\t".join(rows.pop())
            if cells:
                cells[-1].append(text)
            else:
                yield text
        if tag in (_W + "p", _W + "tbl"):
            # What has been read is not kept: the element's content, and the siblings read before it.
            element.clear()
            parent = element.getparent()
            while parent is not None and element.getprevious() is not None:
                del parent[0]


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
