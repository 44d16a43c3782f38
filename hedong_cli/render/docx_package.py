"""The parts of a Word package that python-docx's default template gets wrong for a Chinese document.

The template is a Japanese-locale Word 2010 file: its settings declare ``w:themeFontLang
w:eastAsia="ja-JP"``, its theme maps East Asian text to ＭＳ 明朝 / ＭＳ ゴシック, and its font table
lists only those and a few Latin faces. Word, WPS and LibreOffice read these when a named font is
missing, so the text falls back to a Japanese face and shows Japanese glyph variants. This module
rewrites them: zh-CN everywhere, a theme with Chinese faces, and a font table that gives each
official font its alternates (``w:altName``), which Word and WPS use on machines without the
GB2312 fonts: 仿宋_GB2312 → 仿宋 → FangSong, 方正小标宋简体 → 宋体 → SimSun, and so on.
"""

from __future__ import annotations

import re
from typing import Any
from xml.sax.saxutils import quoteattr

LANG = "zh-CN"

# (font, its alternate, generic family). Each alternate has its own entry further down the chain.
FONT_CHAIN: tuple[tuple[str, str, str], ...] = (
    ("仿宋_GB2312", "仿宋", "modern"),
    ("仿宋", "FangSong", "modern"),
    ("楷体_GB2312", "楷体", "modern"),
    ("楷体", "KaiTi", "modern"),
    ("方正小标宋简体", "宋体", "roman"),
    ("宋体", "SimSun", "roman"),
    ("黑体", "SimHei", "modern"),
    ("Times New Roman", "Liberation Serif", "roman"),
)

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def font_table_xml() -> bytes:
    """``word/fontTable.xml``: every font the document names, with its alternate; GB2312 charset."""
    fonts = []
    for name, alternate, family in FONT_CHAIN:
        charset = "00" if name.isascii() else "86"  # 86: GB2312
        fonts.append(
            f"<w:font w:name={quoteattr(name)}><w:altName w:val={quoteattr(alternate)}/>"
            f'<w:charset w:val="{charset}"/><w:family w:val="{family}"/><w:pitch w:val="variable"/></w:font>'
        )
    xml = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:fonts xmlns:w="{_W}">{"".join(fonts)}</w:fonts>'
    return xml.encode("utf-8")


def chinese_theme(theme: bytes) -> bytes:
    """The theme with its Japanese script fonts dropped and Chinese faces for East Asian text."""
    text = theme.decode("utf-8")
    text = re.sub(r'\s*<a:font script="Jpan" typeface="[^"]*"/>', "", text)
    # majorFont (headings) first, then minorFont (body): 黑体 and 宋体, the usual Chinese pair.
    faces = iter(("黑体", "宋体"))
    text = re.sub(r'<a:ea typeface=""/>', lambda _: f'<a:ea typeface="{next(faces, "宋体")}"/>', text)
    text = re.sub(
        r'(<a:font script="Hang" typeface="[^"]*"/>)',
        lambda m: f'<a:font script="Hans" typeface="{"宋体"}"/>' + m.group(1),
        text,
    )
    return text.encode("utf-8")


def fix_package(doc: Any) -> None:
    """Rewrite the font table, theme and settings of ``doc`` (a python-docx Document) for zh-CN."""
    from docx.oxml.ns import qn

    for part in doc.part.package.iter_parts():
        name = str(part.partname)
        if name == "/word/fontTable.xml":
            part._blob = font_table_xml()
        elif name.startswith("/word/theme/") and name.endswith(".xml"):
            part._blob = chinese_theme(part.blob)
        elif name == "/word/stylesWithEffects.xml":  # Word 2010's copy of the styles: same language
            zh_cn = f'<w:lang w:val="{LANG}" w:eastAsia="{LANG}"/>'.encode()
            part._blob = re.sub(rb"<w:lang [^>]*/>", zh_cn, part.blob)
    settings = doc.settings.element
    lang = settings.find(qn("w:themeFontLang"))
    if lang is not None:
        lang.set(qn("w:val"), LANG)
        lang.set(qn("w:eastAsia"), LANG)
    for lang in doc.styles.element.iter(qn("w:lang")):
        for attribute in ("w:val", "w:eastAsia"):
            lang.set(qn(attribute), LANG)
