"""Build the zh-CN Word template every document starts from: ``hedong_cli/render/templates/gongwen.docx``.

    python scripts/build_docx_template.py [OUT]      default OUT: the shipped template

The template is python-docx's default template with these edits, so the binary in git can be
regenerated and its changes reviewed (``tests/test_docx_template.py`` checks that the shipped file
holds what this script makes):

- Language: python-docx's default is a Japanese-locale Word 2010 file. Its settings declare
  ``w:themeFontLang w:eastAsia="ja-JP"``, its theme maps East Asian text to ＭＳ 明朝 / ＭＳ ゴシック,
  and its font table lists only those and a few Latin faces; Word, WPS and LibreOffice read these
  when a named font is missing, and show Japanese glyph variants. Here: zh-CN in the settings and in
  every ``w:lang`` of the styles, a theme with Chinese faces and no Japanese script font, and a font
  table that gives each official font its alternate (``w:altName``), which Word and WPS use on
  machines without the GB2312 fonts: 仿宋_GB2312 → 仿宋 → FangSong, 方正小标宋简体 → 宋体 → SimSun, …
- Styles of the 通报 (GB/T 9704-2012): docDefaults 仿宋_GB2312 三号 zh-CN; Normal on exact lines of
  the grid's pitch and off the grid (``render.docx`` says why); Brief Title (方正小标宋简体 二号),
  Brief Body (首行缩进两字), Brief Table (五号, single lines), Heading 1 (黑体) and Heading 2 (楷体_GB2312).
- Styles of the 分工方案: Plan Body (仿宋_GB2312 三号 on the default lines, not Normal's grid lines),
  and Plan Title and Plan Table based on it.
- The page: A4 portrait, margins 37/35/28/26 mm, the footer 7 mm below the text block, and the
  document grid of 22 lines × 28 characters (``w:docGrid``).

Page numbers are not in the template: their words come from the message table, in the reader's language.
The zip is written with fixed dates, so the same python-docx gives the same bytes. ``BUILT_FROM`` names the
python-docx whose default template the shipped file was made from; the byte-for-byte test runs only under it.
"""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path
from typing import Any
from xml.sax.saxutils import quoteattr

from lxml import etree

from hedong_cli.render.docx import (
    BODY_FONT,
    H1_FONT,
    H2_FONT,
    HEADING_PT,
    MARGINS_MM,
    PAGE_MM,
    TEMPLATE,
    TITLE_FONT,
    TITLE_PT,
    footer_distance,
    grid_pitches,
)
from hedong_cli.render.docx_base import BODY_PT, LANG, TABLE_PT, fonts_element, lang_element, off_grid

BUILT_FROM = "1.2.0"  # the python-docx release the shipped template was built from: update when rebuilding

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
HEADER_MM = 15
ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # the zip format's earliest date: no build time in the file

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"


def font_table_xml() -> bytes:
    """``word/fontTable.xml``: every font the documents name, with its alternate; GB2312 charset."""
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
    """The theme with its Japanese script fonts dropped and Chinese faces for East Asian text:
    黑体 for headings (majorFont) and 宋体 for the body (minorFont), the usual pair, and 宋体 for
    Simplified Chinese script (Hans) in both."""
    root = etree.fromstring(theme)
    for kind, face in (("majorFont", "黑体"), ("minorFont", "宋体")):
        font = root.find(f".//{{{_A}}}{kind}")
        font.find(f"{{{_A}}}ea").set("typeface", face)
        for script in font.findall(f"{{{_A}}}font"):
            if script.get("script") == "Jpan":
                font.remove(script)
            elif script.get("script") == "Hang":
                hans = etree.Element(f"{{{_A}}}font", script="Hans", typeface="宋体")
                script.addprevious(hans)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def zh_cn_languages(styles: bytes) -> bytes:
    """Word 2010's copy of the styles (``stylesWithEffects.xml``) with every ``w:lang`` zh-CN and
    nothing else, as in the styles themselves (docDefaults)."""
    root = etree.fromstring(styles)
    for lang in root.iter(f"{{{_W}}}lang"):
        lang.attrib.clear()
        lang.set(f"{{{_W}}}val", LANG)
        lang.set(f"{{{_W}}}eastAsia", LANG)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _style(doc: Any, name: str, font: str, size: float, *, base: str | None = "Normal") -> Any:
    """A paragraph style with its font (Latin and East Asian names), size, upright black text and
    zh-CN; based on ``base`` (Normal) unless it is Normal itself, or on nothing when ``base`` is None."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    styles = doc.styles
    style = styles[name] if name in [s.name for s in styles] else styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    if base is not None and name != base:
        style.base_style = styles[base]
    style.font.size = Pt(size)
    style.font.bold = False
    style.font.italic = False
    style.font.color.rgb = RGBColor(0, 0, 0)
    r_pr = style.element.get_or_add_rPr()
    for old in r_pr.findall(qn("w:rFonts")):  # theme fonts there would override the names
        r_pr.remove(old)
    r_pr.insert(0, fonts_element(font))
    for old in r_pr.findall(qn("w:lang")):
        r_pr.remove(old)
    r_pr.append(lang_element())
    return style


def _defaults(doc: Any) -> None:
    """docDefaults: 仿宋_GB2312 三号 zh-CN, so the grid's character pitch is measured against 三号."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    defaults = doc.styles.element.find(qn("w:docDefaults"))
    r_pr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for child in list(r_pr):
        r_pr.remove(child)
    r_pr.append(fonts_element(BODY_FONT))
    for tag in ("w:sz", "w:szCs"):
        size = OxmlElement(tag)
        size.set(qn("w:val"), str(BODY_PT * 2))
        r_pr.append(size)
    r_pr.append(lang_element())


def brief_styles(doc: Any) -> None:
    """The 通报's styles: Normal on the grid's line pitch, title, body, table and the two headings."""
    from docx.enum.text import WD_LINE_SPACING
    from docx.shared import Pt, Twips

    _defaults(doc)
    normal = _style(doc, "Normal", BODY_FONT, BODY_PT)
    normal.paragraph_format.space_before = normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    normal.paragraph_format.line_spacing = Twips(grid_pitches()[0])
    off_grid(normal)
    title = _style(doc, "Brief Title", TITLE_FONT, TITLE_PT)
    title.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    body = _style(doc, "Brief Body", BODY_FONT, BODY_PT)
    body.paragraph_format.first_line_indent = Pt(BODY_PT * 2)  # 首行缩进两字
    body.paragraph_format.widow_control = False  # the body fills each page to its 22nd line
    table = _style(doc, "Brief Table", BODY_FONT, TABLE_PT)
    table.paragraph_format.first_line_indent = Pt(0)
    table.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE  # small print keeps its own height
    for name, font in (("Heading 1", H1_FONT), ("Heading 2", H2_FONT)):
        heading = _style(doc, name, font, HEADING_PT)
        heading.paragraph_format.first_line_indent = Pt(BODY_PT * 2)
        heading.paragraph_format.keep_with_next = True
        heading.paragraph_format.space_before = Pt(6)
        heading.paragraph_format.space_after = Pt(0)


def plan_styles(doc: Any) -> None:
    """The 分工方案's styles. Plan Body is based on nothing, so it keeps the default line spacing
    rather than Normal's grid lines, and the table style's single lines hold in the cells."""
    from docx.shared import Pt

    body = _style(doc, "Plan Body", BODY_FONT, BODY_PT, base=None)
    off_grid(body)  # the landscape page keeps the portrait grid; the plan's lines are its own
    _style(doc, "Plan Title", TITLE_FONT, TITLE_PT, base="Plan Body")
    table = _style(doc, "Plan Table", BODY_FONT, TABLE_PT, base="Plan Body")
    table.paragraph_format.first_line_indent = Pt(0)
    table.paragraph_format.space_after = Pt(0)


def page(doc: Any) -> None:
    """A4 portrait, the GB/T 9704 margins, the footer 7 mm below the text block, the 22 × 28 grid."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm

    section = doc.sections[0]
    section.page_width, section.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    section.footer_distance = footer_distance(MARGINS_MM["bottom"])
    section.header_distance = Mm(HEADER_MM)
    line_pitch, char_space = grid_pitches()
    sect_pr = doc.element.body.find(qn("w:sectPr"))
    for old in sect_pr.findall(qn("w:docGrid")):
        sect_pr.remove(old)
    grid = OxmlElement("w:docGrid")
    grid.set(qn("w:type"), "lines")  # not linesAndChars: LibreOffice then breaks inside figures
    grid.set(qn("w:linePitch"), str(line_pitch))
    grid.set(qn("w:charSpace"), str(char_space))
    sect_pr.append(grid)


def languages(doc: Any) -> None:
    """zh-CN in the settings' theme font languages and in every ``w:lang`` of the styles."""
    from docx.oxml.ns import qn

    lang = doc.settings.element.find(qn("w:themeFontLang"))
    lang.set(qn("w:val"), LANG)
    lang.set(qn("w:eastAsia"), LANG)
    for lang in doc.styles.element.iter(qn("w:lang")):
        for attribute in ("w:val", "w:eastAsia"):
            lang.set(qn(attribute), LANG)


# The parts python-docx keeps as bytes, rewritten in the saved package.
REWRITES = {
    "word/fontTable.xml": lambda _: font_table_xml(),
    "word/theme/theme1.xml": chinese_theme,
    "word/stylesWithEffects.xml": zh_cn_languages,
}


def template_parts() -> dict[str, bytes]:
    """The template's zip members, name → bytes, in the order they are written."""
    import docx

    doc = docx.Document()  # python-docx's default template
    brief_styles(doc)
    plan_styles(doc)
    page(doc)
    languages(doc)
    saved = io.BytesIO()
    doc.save(saved)
    with zipfile.ZipFile(saved) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    for name, rewrite in REWRITES.items():
        parts[name] = rewrite(parts[name])
    return parts


def template_bytes() -> bytes:
    """The template as a .docx file: deflated members, fixed dates."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in template_parts().items():
            member = zipfile.ZipInfo(name, ZIP_DATE)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            package.writestr(member, data)
    return out.getvalue()


def main(argv: list[str]) -> int:
    from hedong_cli.common.fileio import write_atomic

    target = Path(argv[0]) if argv else TEMPLATE
    write_atomic(target, template_bytes())
    print(target)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
