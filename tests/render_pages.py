"""Documents as their readers see them: Word and Excel through LibreOffice, HTML through headless
Chromium (without the browser's own header and footer), each to PDF, then to text with positions
(pdftotext) or to PNG pages (pdftoppm, 70 dpi). The page tests and ``docs/render.sh`` use it.

    python -m tests.render_pages OUTDIR FILE...     every FILE (.docx, .xlsx, .html) to OUTDIR/NAME.pdf
                                                    and OUTDIR/NAME-N.png

The documents name the fonts an office PC has (仿宋_GB2312, 方正小标宋简体, 黑体, 楷体_GB2312, 宋体, 等线).
Without them, LibreOffice and Chromium substitute one sans face for all of them; fontconfig is told
which Noto face stands in for each (serif for 仿宋/宋体/楷体, sans for 黑体/等线), so that the pages
look as they will on an office PC. (pdffonts names every Noto CJK subset "jp": LibreOffice names
subsets after the collection's first face, whichever face it draws from.)
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

FONT_STAND_INS = {
    "Noto Serif CJK SC": ("仿宋_GB2312", "仿宋", "FangSong", "楷体_GB2312", "楷体", "KaiTi", "方正小标宋简体", "宋体",
                          "SimSun"),
    "Noto Sans CJK SC": ("黑体", "SimHei", "等线", "DengXian"),
}  # fmt: skip


def soffice() -> str | None:
    """The LibreOffice binary, or None (the page tests then skip, saying so)."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def pdftotext() -> str | None:
    return shutil.which("pdftotext")


def fonts_conf(folder: Path) -> Path:
    """A fontconfig file in ``folder`` that maps each office font to its Noto stand-in."""
    lines = [
        '<?xml version="1.0"?>',
        '<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">',
        "<fontconfig>",
        '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>',
    ]
    for face, names in FONT_STAND_INS.items():
        for name in names:
            lines.append(
                f'  <alias binding="same"><family>{name}</family><prefer><family>{face}</family></prefer></alias>'
            )
    lines.append("</fontconfig>")
    path = folder / "fonts.conf"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _env(folder: Path) -> dict[str, str]:
    return dict(os.environ, FONTCONFIG_FILE=str(fonts_conf(folder)))


def to_pdfs(documents: list[Path], folder: Path, timeout: float = 240) -> list[Path]:
    """``documents`` (xlsx or docx, each with its own name stem) converted by one LibreOffice run into
    ``folder``; returns the PDFs' paths, in order."""
    binary = soffice()
    if binary is None:
        raise RuntimeError("LibreOffice (soffice) is not installed")
    profile = folder / "lo-profile"
    subprocess.run(
        [binary, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(folder), *map(str, documents)],
        check=True, capture_output=True, timeout=timeout, env=_env(folder),
    )  # fmt: skip
    pdfs = [folder / (document.stem + ".pdf") for document in documents]
    missing = [pdf.name for pdf in pdfs if not pdf.exists()]
    if missing:
        raise RuntimeError(f"LibreOffice wrote no {', '.join(missing)}")
    return pdfs


def to_pdf(document: Path, folder: Path) -> Path:
    """One document converted by LibreOffice into ``folder``; returns the PDF's path."""
    return to_pdfs([document], folder)[0]


def html_to_pdf(page: Path, folder: Path, timeout: float = 120) -> Path:
    """``page`` printed by headless Chromium to ``folder/NAME.pdf`` (NAME: the page's stem)."""
    binary = chromium()
    if binary is None:
        raise RuntimeError("Chromium is not installed")
    pdf = folder / (page.stem + ".pdf")
    subprocess.run(
        [binary, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
         f"--user-data-dir={folder / 'chromium-profile'}", f"--print-to-pdf={pdf}", page.resolve().as_uri()],
        check=True, capture_output=True, timeout=timeout, env=_env(folder),
    )  # fmt: skip
    return pdf


def to_png(pdf: Path, prefix: Path, first: int | None = None, last: int | None = None) -> list[Path]:
    """The PDF's pages as PNG at 70 dpi (pdftoppm), named ``prefix-N.png``."""
    pages = ["-f", str(first)] if first else []
    pages += ["-l", str(last)] if last else []
    subprocess.run(["pdftoppm", "-png", "-r", "70", *pages, str(pdf), str(prefix)], check=True, timeout=120)
    return sorted(prefix.parent.glob(prefix.name + "-*.png"))


def words(pdf: Path) -> list[list[tuple[float, float, str]]]:
    """Per page, its words as (yMin, yMax, text), from pdftotext -bbox."""
    out = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True, timeout=60
    ).stdout
    result: list[list[tuple[float, float, str]]] = []
    for line in out.splitlines():
        if "<page " in line:
            result.append([])
        found = re.search(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<', line)
        if found and result:
            result[-1].append((float(found.group(1)), float(found.group(2)), found.group(3)))
    return result


def render(folder: Path, documents: list[Path]) -> dict[Path, list[Path]]:
    """Every document to PDF (one LibreOffice run for the office files) and PNG pages, in ``folder``."""
    office = [document for document in documents if document.suffix in (".docx", ".xlsx")]
    pdfs = dict(zip(office, to_pdfs(office, folder), strict=True)) if office else {}
    pdfs.update({page: html_to_pdf(page, folder) for page in documents if page.suffix == ".html"})
    return {document: to_png(pdfs[document], folder / document.stem) for document in documents if document in pdfs}


if __name__ == "__main__":
    out = Path(sys.argv[1])
    for document, pngs in render(out, [Path(name) for name in sys.argv[2:]]).items():
        print(f"{document.name}: {len(pngs)} pages")
