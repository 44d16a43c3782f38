"""The documents that leave the office: the Word 督查通报 to GB/T 9704, the printed HTML, the settings file.

Structural checks with python-docx and the package's XML; what the pages look like is checked by
eye through ``docs/render.sh``.
"""

from __future__ import annotations

import re
import struct
import zipfile
import zlib
from pathlib import Path

import pytest

from tests.conftest import Hedong
from tests.test_brief import record_fixture

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
CONFIG = """\
# the office's settings
issuer: 河东区人民政府督查室
printer: 河东区人民政府办公室
copy_to:
  - 区委办公室
  - 区人大常委会办公室
contact: 联系人：督查室　电话：12345678
unit: 河东区人民政府督查室
"""


@pytest.fixture
def office(hedong: Hedong, tmp_path: Path) -> Hedong:
    """The fixture week's journal, with the office's settings file."""
    record_fixture(hedong.db)
    config = tmp_path / "config.yaml"
    config.write_text(CONFIG, encoding="utf-8")
    hedong.extra_env = {"HEDONG_CONFIG": str(config)}
    return hedong


def config_line(where: str) -> str:
    """The settings line of ``hedong where``."""
    return next(line for line in where.splitlines() if line.startswith("config\t"))


def make_docx(hedong: Hedong, path: Path, *args: str) -> Path:
    result = hedong("brief", "--week", "2026-W47", "-f", "docx", "-o", str(path), *args)
    assert result.exit_code == 0, result.stderr
    return path


def parts(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as package:
        return {name: package.read(name).decode("utf-8", "replace") for name in package.namelist()}


def qn(tag: str) -> str:
    prefix, name = tag.split(":")
    assert prefix == "w"
    return W + name


# -- Word: fonts, language, grid, page numbers -----------------------------------------------------


def test_docx_fonts_have_alternates_and_no_japanese_trace(office: Hedong, tmp_path: Path) -> None:
    package = parts(make_docx(office, tmp_path / "b.docx"))
    everything = "\n".join(package.values())
    for trace in ("ja-JP", "Jpan", "ＭＳ", "明朝", "ゴシック"):
        assert trace not in everything, trace
    fonts = dict(re.findall(r'<w:font w:name="([^"]+)"><w:altName w:val="([^"]+)"/>', package["word/fontTable.xml"]))
    assert fonts["仿宋_GB2312"] == "仿宋" and fonts["仿宋"] == "FangSong"  # 仿宋_GB2312 → 仿宋 → FangSong
    assert fonts["方正小标宋简体"] == "宋体" and fonts["宋体"] == "SimSun"
    assert fonts["楷体_GB2312"] == "楷体" and fonts["楷体"] == "KaiTi" and fonts["黑体"] == "SimHei"
    assert 'w:charset w:val="86"' in package["word/fontTable.xml"]  # GB2312
    body, styles = package["word/document.xml"], package["word/styles.xml"]
    used = set(re.findall(r'w:eastAsia="([^"]+)"', body + styles)) - {"zh-CN"}
    assert used <= set(fonts), used - set(fonts)  # every font named has its entry and alternate
    assert re.search(r'<w:themeFontLang w:val="zh-CN" w:eastAsia="zh-CN"', package["word/settings.xml"])
    langs = set(re.findall(r"<w:lang [^>]*>", body + styles))
    assert langs == {'<w:lang w:val="zh-CN" w:eastAsia="zh-CN"/>'}
    assert body.count("<w:lang ") >= len(re.findall(r"<w:t[ >]", body))  # every run of text carries zh-CN
    assert '<a:font script="Hans" typeface="宋体"/>' in package["word/theme/theme1.xml"]


def test_docx_styles_grid_and_page_numbers(office: Hedong, tmp_path: Path) -> None:
    import docx

    from hedong_cli.render.docx import grid_pitches

    path = make_docx(office, tmp_path / "b.docx")
    document = docx.Document(str(path))
    styles = document.styles

    def east_asian(style_name: str) -> str:
        return styles[style_name].element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia"))

    assert east_asian("Normal") == "仿宋_GB2312" and styles["Normal"].font.size.pt == 16  # 三号
    assert east_asian("Heading 1") == "黑体" and east_asian("Heading 2") == "楷体_GB2312"
    assert east_asian("Brief Title") == "方正小标宋简体" and styles["Brief Title"].font.size.pt == 22  # 二号
    # The document grid: 22 lines of 225 mm, 28 characters of 156 mm (charSpace against 三号).
    (grid,) = document.sections[0]._sectPr.findall(qn("w:docGrid"))
    line_pitch, char_space = int(grid.get(qn("w:linePitch"))), int(grid.get(qn("w:charSpace")))
    assert grid.get(qn("w:type")) == "linesAndChars" and (line_pitch, char_space) == grid_pitches()
    assert 22 * line_pitch <= 225 / 25.4 * 1440 < 23 * line_pitch
    char_pitch_pt = 16 + char_space / 4096
    assert 28 * char_pitch_pt <= 156 / 25.4 * 72 < 29 * char_pitch_pt
    # Page numbers: "— N —" in 四号 宋体, odd right and even left, one character (14 pt) in.
    section = document.sections[0]
    assert document.settings.odd_and_even_pages_header_footer
    odd, even = section.footer.paragraphs[0], section.even_page_footer.paragraphs[0]
    assert (odd.alignment, even.alignment) == (2, 0)  # right, left
    assert odd.paragraph_format.right_indent.pt == 14 and even.paragraph_format.left_indent.pt == 14
    for footer in (odd, even):
        xml = footer._p.xml
        assert "PAGE" in xml and 'w:fldCharType="begin"' in xml and footer.text == "— 1 —"
        assert set(re.findall(r'w:eastAsia="([^"]+)"', xml)) - {"zh-CN"} == {"宋体"}
        assert set(re.findall(r'<w:sz w:val="(\d+)"', xml)) == {"28"}
    # 7 mm below the text block: the footer ends 35 - 7 mm from the edge, less one line of 四号.
    assert 21 <= section.footer_distance.mm <= 28 - 4.9 + 0.5


def test_docx_masthead_title_and_colophon(office: Hedong, tmp_path: Path) -> None:
    import docx

    document = docx.Document(str(make_docx(office, tmp_path / "b.docx")))
    paragraphs = document.paragraphs
    issuer = paragraphs[0]
    assert issuer.text == "河东区人民政府督查室" and issuer.runs[0].font.color.rgb == docx.shared.RGBColor(255, 0, 0)
    assert issuer.runs[0]._r.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "方正小标宋简体"
    assert paragraphs[1].text == "第47期"
    office_line = paragraphs[2]
    assert office_line.text == "河东区人民政府督查室\t2026年11月22日"
    separator = office_line._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom"))
    assert separator.get(qn("w:color")) == "FF0000"  # the red line under the 版头
    title = paragraphs[3]
    assert title.text == "河东区2026年政府工作报告\n重点任务推进情况周报（第47期）"
    # 版记: the last table, floated to the foot of the page, from the settings.
    colophon = document.tables[-1]
    assert colophon._tbl.tblPr.find(qn("w:tblpPr")).get(qn("w:tblpYSpec")) == "bottom"
    assert [row.cells[0].text for row in colophon.rows] == [
        "联系人：督查室　电话：12345678",
        "抄送：区委办公室，区人大常委会办公室。",
        "河东区人民政府办公室\t2026年11月22日印发",
    ]


def test_docx_neutral_defaults_leave_empty_colophon_lines_out(office: Hedong, tmp_path: Path) -> None:
    import docx

    config = tmp_path / "printer-only.yaml"
    config.write_text("printer: 河东区人民政府办公室\n", encoding="utf-8")
    document = docx.Document(str(make_docx(office, tmp_path / "p.docx", "--config", str(config))))
    assert document.paragraphs[0].text == "督查通报"  # the neutral 发文机关标志
    assert [row.cells[0].text for row in document.tables[-1].rows] == ["河东区人民政府办公室\t2026年11月22日印发"]
    office.extra_env = {"HEDONG_CONFIG": str(tmp_path / "absent.yaml")}
    assert config_line(office("where").stdout).endswith("($HEDONG_CONFIG, absent)")
    empty = tmp_path / "empty.yaml"
    empty.write_text("# nothing configured yet\n", encoding="utf-8")
    document = docx.Document(str(make_docx(office, tmp_path / "n.docx", "--config", str(empty))))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "抄送" not in text and "印发" not in text and document.paragraphs[2].text == "\t2026年11月22日"
    assert all("抄送" not in cell.text for table in document.tables for row in table.rows for cell in row.cells)


def test_docx_tables_follow_their_content(office: Hedong, tmp_path: Path) -> None:
    import docx

    document = docx.Document(str(make_docx(office, tmp_path / "b.docx")))
    text_width = 156 / 25.4 * 1440
    checked = 0
    for table in document.tables[:-1]:
        grid = [int(col.get(qn("w:w"))) for col in table._tbl.tblGrid.findall(qn("w:gridCol"))]
        assert abs(sum(grid) - text_width) < 30, grid  # the width of the text block
        header = table.rows[0]
        tr_pr = header._tr.trPr
        assert tr_pr.find(qn("w:tblHeader")) is not None and tr_pr.find(qn("w:cantSplit")) is not None
        first = header.cells[0]._tc.tcPr
        assert first.find(qn("w:shd")).get(qn("w:fill")) == "D9D9D9"
        assert all(run.font.bold for cell in header.cells for run in cell.paragraphs[0].runs)
        labels = [cell.text for cell in header.cells]
        if labels[:2] == ["编号", "任务"] or labels[:2] == ["编号", "指标"]:
            checked += 1
            assert len(set(grid)) > 1 and grid[0] < grid[1], labels  # narrow id, wide task
            for row in table.rows[1:]:  # ids never break: no-wrap cells wide enough for the id
                tc_pr = row.cells[0]._tc.tcPr
                assert tc_pr.find(qn("w:noWrap")) is not None
    assert checked >= 4
    dates = [t for t in document.tables if [c.text for c in t.rows[0].cells][:2] == ["日期", "编号"]]
    for table in dates:
        for row in table.rows[1:]:
            assert row.cells[0]._tc.tcPr.find(qn("w:noWrap")) is not None
            assert re.fullmatch(r"\d{4}-\d\d-\d\d", row.cells[0].text)


def test_docx_new_sections_and_rate_targets(office: Hedong, tmp_path: Path) -> None:
    import docx

    document = docx.Document(str(make_docx(office, tmp_path / "b.docx")))
    cells = [[c.text for c in row.cells] for table in document.tables for row in table.rows]
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings[-1] == "八、各单位推进情况"
    units = next(row for row in cells if row[0] == "区商务局")
    assert units[1:6] == ["1", "0", "0", "0", "1"]  # 2.1.3: red
    text = "\n".join(p.text for p in document.paragraphs)
    assert "有红灯任务的单位：区商务局（1项）。" in text and "本周未报送进展的单位：区商务局。" in text
    # 未报送任务 as a table of id, task and lead unit, not a run of bare ids.
    assert ["编号", "任务", "牵头单位"] in cells and ["0.3", "固定资产投资与全市趋势保持一致", ""] in cells
    assert "、0.5、" not in text
    # A rate shows its value against its target, not "97.8%/100.0%".
    gdp = next(row for row in cells if row[0] == "0.1" and len(row) == 7 and "落后" in row[4])
    assert gdp[3] == "4.4%（目标4.5%）"
    assert not any("%/100.0%" in cell for row in cells for cell in row)


def png_pixels(data: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and RGB rows of the PNGs chart_png writes (8-bit RGB, filter 0)."""
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = struct.unpack(">II", data[16:24])
    idat = data.index(b"IDAT")
    length = struct.unpack(">I", data[idat - 4 : idat])[0]
    raw = zlib.decompress(data[idat + 4 : idat + 4 + length])
    stride = 1 + width * 3
    return width, height, [raw[y * stride + 1 : (y + 1) * stride] for y in range(height)]


def test_docx_chart_is_an_image_with_each_rows_own_mark(office: Hedong, tmp_path: Path) -> None:
    from hedong_cli.render.chart_png import BAR, BAR_BOTTOM, MARK, progress_bar

    path = make_docx(office, tmp_path / "b.docx")
    with zipfile.ZipFile(path) as package:
        images = [name for name in package.namelist() if name.startswith("word/media/")]
        body = package.read("word/document.xml").decode("utf-8")
    assert images and all(name.endswith(".png") for name in images)
    assert body.count("<pic:pic") == 6  # the six sections with quantitative tasks (section 4 has none)
    assert "■" not in body and "□" not in body
    # Section 0 mixes rates (100%) and an amount (序时进度 89.3%): its mark is their mean, 96.4%.
    width, _height, rows = png_pixels(progress_bar(94.1, 96.4))
    middle = rows[(BAR_BOTTOM + 10) // 2]
    marks = [x for x in range(width) if middle[3 * x : 3 * x + 3] == bytes(MARK)]
    bar = [x for x in range(width) if middle[3 * x : 3 * x + 3] == bytes(BAR)]
    assert marks and abs(sum(marks) / len(marks) - 0.964 * (width - 1)) < 3
    assert max(bar) < min(marks) and abs(max(bar) - 0.941 * (width - 1)) < 3  # behind its own mark


def test_docx_reprints_the_same_text(office: Hedong, tmp_path: Path) -> None:
    from tests.test_brief import record_later

    first = parts(make_docx(office, tmp_path / "a.docx"))
    record_later(office.db)
    second = parts(make_docx(office, tmp_path / "b.docx"))
    for name in ("word/document.xml", "word/styles.xml", "word/fontTable.xml", "word/footer1.xml"):
        assert first[name] == second[name], name
    md = [office("brief", "--week", "2026-W47").stdout for _ in range(2)]
    assert md[0] == md[1]


# -- HTML print ----------------------------------------------------------------------------------


def test_html_prints_like_the_word_file(office: Hedong) -> None:
    page = office("brief", "--week", "2026-W47", "-f", "html").stdout
    style = page[page.index("<style>") : page.index("</style>")]
    assert re.search(r"@page :right \{ @bottom-right \{ content: \"— \" counter\(page\) \" —\"", style)
    assert re.search(r"@page :left \{ @bottom-left \{ content: \"— \" counter\(page\) \" —\"", style)
    assert "font-size: 16pt" in style and "font-size: 22pt" in style  # 三号 body, 二号 title
    assert "orphans: 3; widows: 3" in style and ".nw { white-space: nowrap; }" in style
    assert "<h1>河东区2026年政府工作报告<br>重点任务推进情况周报（第47期）</h1>" in page  # the chosen break
    assert '<p class="issuer">河东区人民政府督查室</p>' in page and '<p class="number">第47期</p>' in page
    assert "<p><span>抄送：区委办公室，区人大常委会办公室。</span></p>" in page
    assert '<span class="nw">2026年11月22日印发</span>' in page
    # ids, dates and lights never wrap; free text does.
    assert '<tr class="yellow"><td class="nw">0.1</td><td>地区生产总值增长4.5%</td>' in page
    assert '<td class="nw">2026-11-20</td><td class="nw">黄</td>' in page
    assert '<td class="nw">4.4%（目标4.5%）</td>' in page
    # The chart: one marker per row with figures, each at its own expected progress.
    svg = page[page.index("<svg") : page.index("</svg>")]
    markers = re.findall(r'<line x1="([\d.]+)"[^>]*><title>应达进度 ([\d.]+)%</title>', svg)
    assert len(markers) == 6 and {mark for _, mark in markers} == {"96.4", "89.3"}
    assert "…" not in svg  # labels are wrapped, not cut


# -- the settings file -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("issuer: [河东\n", 2, "YAML 格式错误"),
        ("issuer: 督查室\nprinter: 办公室\ncopy_too: [a]\n", 3, "未知的键“copy_to"),
        ("issuer: 督查室\nprinter: 42\n", 2, "“printer”应为文本"),
        ("copy_to: {a: 1}\n", 1, "“copy_to”应为文本列表"),
        ("- 督查室\n", 1, "配置文件应为“键: 值”形式的映射"),
        ("issuer: a\nissuer: b\n", 2, "重复"),
    ],
)
def test_malformed_config_is_file_line_message_exit_2(
    office: Hedong, tmp_path: Path, text: str, line: int, message: str
) -> None:
    config = tmp_path / "bad.yaml"
    config.write_text(text, encoding="utf-8")
    for command in (["brief", "--week", "2026-W47"], ["export", str(tmp_path / "x.xlsx")]):
        result = office(*command, "--config", str(config))
        assert result.exit_code == 2 and result.stdout == ""
        assert result.stderr.startswith(f"hedong: {config}:{line}: ") and message in result.stderr, result.stderr
        assert result.stderr.count("\n") == 1
    assert not (tmp_path / "x.xlsx").exists()


def test_config_lookup_order(office: Hedong, tmp_path: Path) -> None:
    env_config = Path(office.extra_env["HEDONG_CONFIG"])
    assert config_line(office("where").stdout) == f"config\t{env_config}\t($HEDONG_CONFIG)"
    other = tmp_path / "other.yaml"
    other.write_text("issuer: 另一督查室\n", encoding="utf-8")
    assert config_line(office("where", "--config", str(other)).stdout) == f"config\t{other}\t(--config)"
    page = office("brief", "--week", "2026-W47", "-f", "html", "--config", str(other)).stdout
    assert '<p class="issuer">另一督查室</p>' in page  # --config wins over $HEDONG_CONFIG
    missing = office("brief", "--config", str(tmp_path / "nope.yaml"))
    assert missing.exit_code == 2 and missing.stderr == f"hedong: {tmp_path / 'nope.yaml'}:0: 找不到配置文件\n"
    office.extra_env = {}
    default = config_line(office("where").stdout)
    assert (default.startswith("config\t") and default.endswith("config.yaml\t(default, absent)")) or default.endswith(
        "config.yaml\t(default)"
    )


def test_config_unit_names_the_ledger_header(office: Hedong, tmp_path: Path) -> None:
    import openpyxl

    path = tmp_path / "台账.xlsx"
    assert office("export", str(path), "--section", "0").exit_code == 0
    assert openpyxl.load_workbook(path)["汇总"].oddHeader.left.text == "河东区人民政府督查室"
    assert office("export", str(path), "--section", "0", "--unit", "区商务局").exit_code == 2  # no such task
    assert office("export", str(path), "--unit", "区商务局").exit_code == 0
    assert openpyxl.load_workbook(path)["汇总"].oddHeader.left.text == "区商务局"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"issuer: " + b"x" * 70_000 + b"\n", "配置文件超过 64 KiB"),
        ("issuer: 督查室\n".encode("gb18030"), "配置文件不是 UTF-8 编码"),
    ],
)
def test_config_file_that_is_not_a_settings_file(office: Hedong, tmp_path: Path, content: bytes, message: str) -> None:
    config = tmp_path / "odd.yaml"
    config.write_bytes(content)
    result = office("brief", "--week", "2026-W47", "--config", str(config))
    assert result.exit_code == 2 and result.stderr == f"hedong: {config}:0: {message}" + (
        "，不像是配置文件\n" if "KiB" in message else "\n"
    )
    directory = office("brief", "--week", "2026-W47", "--config", str(tmp_path))  # a folder, not a file
    assert directory.exit_code == 2 and directory.stderr.startswith(f"hedong: {tmp_path}:0: 不是普通文件")


def test_units_section_names_red_and_silent_units(office: Hedong) -> None:
    week40 = office("brief", "--week", "2026-W40").stdout  # 2.1.3's report of 2026-09-30 is in week 40
    units = week40[week40.index("## 八、各单位推进情况") :]
    assert "| 区商务局 | 1 | 0 | 0 | 0 | 1 | 0 | 2026-09-30 |" in units
    assert "各单位本周均已报送进展。" in units and "未报送进展的单位" not in units
    week47 = office("brief", "--week", "2026-W47").stdout
    assert "本周未报送进展的单位：区商务局。" in week47
    empty = Hedong(db=office.db.with_name("empty.sqlite"))("brief", "--week", "2026-W47").stdout
    assert "## 八、各单位推进情况\n\n尚未分工到单位。\n" in empty


def test_period_titles_break_at_a_chosen_point_too(office: Hedong, tmp_path: Path) -> None:
    import docx

    page = office("brief", "--quarter", "2026-Q3", "-f", "html").stdout
    assert "<h1>河东区政府工作报告重点任务<br>2026年第三季度推进情况通报（第3期）</h1>" in page
    quarter = tmp_path / "q3.docx"
    result = office("brief", "--quarter", "2026-Q3", "-f", "docx", "-o", str(quarter))
    assert result.exit_code == 0, result.stderr
    paragraphs = docx.Document(str(quarter)).paragraphs
    title = next(p for p in paragraphs if p.style.name == "Brief Title" and "通报" in p.text)
    assert title.text == "河东区政府工作报告重点任务\n2026年第三季度推进情况通报（第3期）"
