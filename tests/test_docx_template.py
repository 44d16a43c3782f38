"""The shipped Word template (``hedong_cli/render/templates/gongwen.docx``): what the script makes,
zh-CN throughout with no Japanese trace, the 公文 fonts with their alternates, the styles, and the
A4 page with the GB/T 9704 margins and its 22 × 28 grid. The 分工方案 built on it keeps no grid."""

from __future__ import annotations

import importlib.util
import re
import zipfile
from pathlib import Path
from types import ModuleType

import pytest

from hedong_cli.render.docx import TEMPLATE
from tests.workflow_helpers import ok, workflow_hedong

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "build_docx_template.py"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
JAPANESE_TRACES = ("ja-JP", "Jpan", "ＭＳ", "明朝", "ゴシック")
TWIPS_PER_MM = 1440 / 25.4


@pytest.fixture(scope="module")
def script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_docx_template", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def shipped_parts(path: Path = TEMPLATE) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as package:
        return {name: package.read(name) for name in package.namelist()}


def text_parts(path: Path = TEMPLATE) -> dict[str, str]:
    return {name: data.decode("utf-8") for name, data in shipped_parts(path).items() if not name.endswith(".jpeg")}


def same_python_docx(script: ModuleType) -> None:
    """The byte-for-byte tests compare with python-docx's own default template, which a new release of
    python-docx may change: they run under the release the template was built from, and say so otherwise
    (the other tests check what hedong's edits make, whatever the release)."""
    from importlib.metadata import version

    installed = version("python-docx")
    if installed != script.BUILT_FROM:
        pytest.skip(
            f"the template was built from python-docx {script.BUILT_FROM}, {installed} is installed: "
            "run python scripts/build_docx_template.py, review the diff, and update BUILT_FROM"
        )


def test_the_shipped_template_is_what_the_script_builds(script: ModuleType) -> None:
    same_python_docx(script)
    built, shipped = script.template_parts(), shipped_parts()
    assert list(built) == list(shipped)
    changed = [name for name in built if built[name] != shipped[name]]
    assert not changed, f"{changed} differ: run python scripts/build_docx_template.py and review the diff"
    with zipfile.ZipFile(TEMPLATE) as package:
        assert {member.date_time for member in package.infolist()} == {script.ZIP_DATE}  # no build time


def test_the_script_writes_the_same_bytes_twice(script: ModuleType, tmp_path: Path) -> None:
    same_python_docx(script)
    assert script.main([str(tmp_path / "a.docx")]) == 0 and script.main([str(tmp_path / "b.docx")]) == 0
    assert (tmp_path / "a.docx").read_bytes() == (tmp_path / "b.docx").read_bytes()
    assert shipped_parts(tmp_path / "a.docx") == shipped_parts()


def test_the_template_is_zh_cn_with_no_japanese_trace() -> None:
    package = text_parts()
    for name, text in package.items():
        for trace in JAPANESE_TRACES:
            assert trace not in text, (name, trace)
    for name in ("word/styles.xml", "word/stylesWithEffects.xml"):
        languages = re.findall(r'<w:lang w:val="([^"]+)" w:eastAsia="([^"]+)"', package[name])
        assert languages and set(languages) == {("zh-CN", "zh-CN")}, name
        assert set(re.findall(r"<w:lang [^>]*>", package[name])) == {'<w:lang w:val="zh-CN" w:eastAsia="zh-CN"/>'}
    assert re.search(r'<w:themeFontLang w:val="zh-CN" w:eastAsia="zh-CN"', package["word/settings.xml"])
    theme = package["word/theme/theme1.xml"]
    major, minor = (
        re.search(rf"<a:{kind}>.*?</a:{kind}>", theme, re.S).group(0) for kind in ("majorFont", "minorFont")
    )
    assert '<a:ea typeface="黑体"/>' in major and '<a:ea typeface="宋体"/>' in minor
    assert '<a:font script="Hans" typeface="宋体"/>' in major and '<a:font script="Hans" typeface="宋体"/>' in minor


def test_every_font_the_styles_name_has_its_alternate_down_to_a_common_face() -> None:
    package = text_parts()
    table = package["word/fontTable.xml"]
    alternates = dict(re.findall(r'<w:font w:name="([^"]+)"><w:altName w:val="([^"]+)"/>', table))
    named = set(re.findall(r'w:eastAsia="([^"]+)"', package["word/styles.xml"])) - {"zh-CN"}
    assert {"仿宋_GB2312", "黑体", "楷体_GB2312", "方正小标宋简体"} <= named <= set(alternates)
    common = {"FangSong", "KaiTi", "SimSun", "SimHei"}  # on every Chinese Windows and in WPS
    for font in named:
        chain = [font]
        while chain[-1] in alternates and len(chain) < 5:
            chain.append(alternates[chain[-1]])
        assert chain[-1] in common, chain
    charsets = dict(re.findall(r'<w:font w:name="([^"]+)">.*?<w:charset w:val="([^"]+)"/>', table))
    assert all(charsets[font] == "86" for font in named)  # GB2312


def test_the_styles_carry_the_official_fonts_sizes_and_lines() -> None:
    import docx
    from docx.enum.text import WD_LINE_SPACING
    from docx.shared import Pt

    doc = docx.Document(str(TEMPLATE))
    styles = doc.styles

    def east_asian(name: str) -> str:
        return styles[name].element.rPr.find(f"{W}rFonts").get(f"{W}eastAsia")

    expected = {
        "Normal": ("仿宋_GB2312", 16), "Brief Title": ("方正小标宋简体", 22), "Brief Body": ("仿宋_GB2312", 16),
        "Brief Table": ("仿宋_GB2312", 10.5), "Heading 1": ("黑体", 16), "Heading 2": ("楷体_GB2312", 16),
        "Plan Body": ("仿宋_GB2312", 16), "Plan Title": ("方正小标宋简体", 22), "Plan Table": ("仿宋_GB2312", 10.5),
    }  # fmt: skip
    for name, (font, size) in expected.items():
        assert (east_asian(name), styles[name].font.size) == (font, Pt(size)), name
        assert styles[name].font.color.rgb == docx.shared.RGBColor(0, 0, 0) and not styles[name].font.bold, name
    normal = styles["Normal"].paragraph_format
    assert normal.line_spacing_rule == WD_LINE_SPACING.EXACTLY and normal.space_after == 0
    assert styles["Brief Body"].paragraph_format.first_line_indent == Pt(32)  # 首行缩进两字
    # The plan's styles do not inherit Normal's grid lines: based on nothing, off the grid.
    assert styles["Plan Body"].base_style is None
    assert styles["Plan Body"].element.pPr.find(f"{W}snapToGrid").get(f"{W}val") == "0"
    assert styles["Plan Title"].base_style.name == styles["Plan Table"].base_style.name == "Plan Body"
    defaults = styles.element.find(f"{W}docDefaults").find(f"{W}rPrDefault").find(f"{W}rPr")
    assert defaults.find(f"{W}rFonts").get(f"{W}eastAsia") == "仿宋_GB2312"
    assert defaults.find(f"{W}sz").get(f"{W}val") == "32"  # 三号: the grid's characters are measured on it


def test_the_page_is_a4_with_the_gb_margins_and_a_grid_of_22_lines_by_28_characters() -> None:
    import docx

    doc = docx.Document(str(TEMPLATE))
    (section,) = doc.sections
    lengths = (section.page_width, section.page_height, *(section.top_margin, section.bottom_margin),
               section.left_margin, section.right_margin)  # fmt: skip
    assert [round(length.mm, 1) for length in lengths] == [210, 297, 37, 35, 28, 26]  # stored in twips
    grid = doc.element.body.sectPr.find(f"{W}docGrid")
    assert grid.get(f"{W}type") == "lines"
    text_height = (297 - 37 - 35) * TWIPS_PER_MM
    line_pitch = int(grid.get(f"{W}linePitch"))
    assert 22 * line_pitch <= text_height < 22 * (line_pitch + 1)  # 22 lines fill the text block
    char_pitch_pt = 16 + int(grid.get(f"{W}charSpace")) / 4096  # 三号 plus the grid's spacing
    text_width_pt = (210 - 28 - 26) * TWIPS_PER_MM / 20
    assert 28 * char_pitch_pt <= text_width_pt < 28 * (char_pitch_pt + 1 / 4096)  # 28 characters a line
    # The page number's top 7 mm under the text block: the footer distance leaves it 四号's line.
    assert abs(section.footer_distance.mm - (35 - 7 - 14 * 1.3 * 25.4 / 72)) < 0.05


def test_the_plan_document_is_built_on_the_template_without_its_grid(tmp_path: Path) -> None:
    import docx

    hedong = workflow_hedong(tmp_path)
    ok(hedong("plan", "export", str(tmp_path / "分工方案.docx")))
    path = tmp_path / "分工方案.docx"
    package = text_parts(path)
    for name, text in package.items():
        for trace in JAPANESE_TRACES:
            assert trace not in text, (name, trace)
    assert package["word/fontTable.xml"] == text_parts()["word/fontTable.xml"]
    doc = docx.Document(str(path))
    assert doc.paragraphs[0].style.name == "Plan Body" and doc.paragraphs[1].style.name == "Plan Title"
    grid = doc.element.body.sectPr.find(f"{W}docGrid")
    assert grid.get(f"{W}type") is None  # no grid: LibreOffice would centre the portrait grid's lines
    assert doc.sections[0].page_width > doc.sections[0].page_height
