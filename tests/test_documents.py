"""The documents that leave the office: the Word 督查通报 to GB/T 9704, the printed HTML, the settings file.

Structural checks with python-docx and the package's XML; what the pages look like is checked by
eye through ``docs/render.sh``.
"""

from __future__ import annotations

import re
import zipfile
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
    used = set(re.findall(r'w:eastAsia="([^"]+)"', body + styles)) - {"zh-CN", "en-US"}
    assert used <= set(fonts), used - set(fonts)  # every font named has its entry and alternate
    assert re.search(r'<w:themeFontLang w:val="zh-CN" w:eastAsia="zh-CN"', package["word/settings.xml"])
    langs = set(re.findall(r"<w:lang [^>]*>", body + styles))
    assert langs == {'<w:lang w:val="zh-CN" w:eastAsia="zh-CN"/>', '<w:lang w:val="en-US" w:eastAsia="en-US"/>'}
    assert body.count("<w:lang ") >= len(re.findall(r"<w:t[ >]", body))  # every run of text has its language
    # en-US marks only a figure or, in prose, a date (its characters joined by U+2060), so that it is one
    # word that never breaks; all other text is zh-CN.
    from hedong_cli.render.docx_base import DATE, FIGURE, WORD_JOINER

    english = re.findall(r'<w:lang w:val="en-US" w:eastAsia="en-US"/></w:rPr><w:t[^>]*>([^<]*)</w:t>', body)
    assert english and all(FIGURE.fullmatch(text) or DATE.fullmatch(text.replace(WORD_JOINER, "")) for text in english)
    assert any(DATE.fullmatch(text.replace(WORD_JOINER, "")) for text in english)
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
    assert grid.get(qn("w:type")) == "lines" and (line_pitch, char_space) == grid_pitches()
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
    number_line = paragraphs[1]
    assert number_line.text == "第47期\t2026年11月22日"  # the office is the 标志 itself: named once
    separator = number_line._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom"))
    assert separator.get(qn("w:color")) == "FF0000"  # the red line under the 版头
    assert number_line.paragraph_format.left_indent.pt == number_line.paragraph_format.right_indent.pt == 16
    assert paragraphs[2].text == "关于河东区2026年《政府工作报告》\n重点任务第47周推进情况的通报"
    text = "\n".join(p.text for p in paragraphs)
    assert text.count("河东区人民政府督查室") == 1 and text.count("第47期") == 1
    # 版记: frames at the foot of the body's last page, from the settings, then the spacer they hang on.
    framed = [p for p in paragraphs if p._p.pPr is not None and p._p.pPr.find(qn("w:framePr")) is not None]
    assert [p.text for p in framed] == [
        "联系人：督查室　电话：12345678",
        "抄送：区委办公室，区人大常委会办公室。",
        "河东区人民政府办公室\t2026年11月22日印发",
    ]
    tops = [int(p._p.pPr.find(qn("w:framePr")).get(qn("w:y"))) for p in framed]
    height = int(framed[0]._p.pPr.find(qn("w:framePr")).get(qn("w:h")))
    assert tops[-1] + height <= 225 / 25.4 * 1440 and tops == sorted(tops)  # stacked down to the margin
    spacer = framed[-1]._p.getnext()
    assert int(spacer.pPr.find(qn("w:spacing")).get(qn("w:line"))) >= 3 * height  # room for all three
    assert spacer.pPr.find(qn("w:sectPr")) is not None, "the body's section ends on the spacer"


def test_docx_neutral_defaults_leave_empty_colophon_lines_out(office: Hedong, tmp_path: Path) -> None:
    import docx

    config = tmp_path / "printer-only.yaml"
    config.write_text("printer: 河东区人民政府办公室\n", encoding="utf-8")
    document = docx.Document(str(make_docx(office, tmp_path / "p.docx", "--config", str(config))))
    assert document.paragraphs[0].text == "督查通报"  # the neutral 发文机关标志

    def colophon(document: docx.document.Document) -> list[str]:
        return [
            p.text for p in document.paragraphs if p._p.pPr is not None and p._p.pPr.find(qn("w:framePr")) is not None
        ]

    assert colophon(document) == ["河东区人民政府办公室\t2026年11月22日印发"]
    office.extra_env = {"HEDONG_CONFIG": str(tmp_path / "absent.yaml")}
    assert config_line(office("where").stdout).endswith("($HEDONG_CONFIG, absent)")
    empty = tmp_path / "empty.yaml"
    empty.write_text("# nothing configured yet\n", encoding="utf-8")
    document = docx.Document(str(make_docx(office, tmp_path / "n.docx", "--config", str(empty))))
    assert colophon(document) == ["\t2026年11月22日印发"]  # no 抄送 line, never an empty one
    assert document.paragraphs[1].text == "第47期\t2026年11月22日"


def test_docx_tables_follow_their_content(office: Hedong, tmp_path: Path) -> None:
    import docx

    document = docx.Document(str(make_docx(office, tmp_path / "b.docx")))
    text_width = 156 / 25.4 * 1440
    checked = 0
    widths = [(297 - 60) / 25.4 * 1440, text_width]  # 附件1 landscape, 附件2 portrait
    for table, width in zip(document.tables, widths, strict=True):
        grid = [int(col.get(qn("w:w"))) for col in table._tbl.tblGrid.findall(qn("w:gridCol"))]
        assert abs(sum(grid) - width) < 30, grid  # the width of the text block
        header = table.rows[0]
        tr_pr = header._tr.trPr
        assert tr_pr.find(qn("w:tblHeader")) is not None and tr_pr.find(qn("w:cantSplit")) is not None
        first = header.cells[0]._tc.tcPr
        assert first.find(qn("w:shd")).get(qn("w:fill")) == "D9D9D9"
        assert all(run.font.bold for cell in header.cells for run in cell.paragraphs[0].runs)
        labels = [cell.text for cell in header.cells]
        if labels[:2] == ["编号", "任务"]:
            checked += 1
            assert len(set(grid)) > 1 and grid[0] < grid[1], labels  # narrow id, wide task
            for row in table.rows[1:]:  # ids, unit names, figures never break: no-wrap cells
                for column in (0, 2, 3, 4, 5):
                    assert row.cells[column]._tc.tcPr.find(qn("w:noWrap")) is not None
    assert checked == 1


def test_docx_attachments_and_rate_targets(office: Hedong, tmp_path: Path) -> None:
    import docx

    document = docx.Document(str(make_docx(office, tmp_path / "b.docx")))
    cells = [[c.text for c in row.cells] for table in document.tables for row in table.rows]
    labels = [p.text for p in document.paragraphs if p.text in ("附件1", "附件2")]
    assert labels == ["附件1", "附件2"]
    # 附件2: the unit that did not report, its tasks and when it last did.
    assert ["区商务局", "1", "2.1.3 引进各类首店", "9月30日"] in cells
    # A rate shows its value against its target, not "97.8%/100.0%".
    gdp = next(row for row in cells if row[0] == "0.1")
    assert gdp[4] == "4.4%（目标4.5%）"
    assert not any("%/100.0%" in cell for row in cells for cell in row)


def test_docx_reprints_the_same_text(office: Hedong, tmp_path: Path) -> None:
    from tests.test_brief import record_later

    first = parts(make_docx(office, tmp_path / "a.docx"))
    record_later(office.db)
    second = parts(make_docx(office, tmp_path / "b.docx"))
    for name in ("word/document.xml", "word/styles.xml", "word/fontTable.xml", "word/footer1.xml", "docProps/core.xml"):
        assert first[name] == second[name], name
    md = [office("brief", "--week", "2026-W47").stdout for _ in range(2)]
    assert md[0] == md[1]


# -- HTML print ----------------------------------------------------------------------------------


def test_html_prints_like_the_word_file(office: Hedong) -> None:
    page = office("brief", "--week", "2026-W47", "-f", "html").stdout
    style = page[page.index("<style>") : page.index("</style>")]
    assert re.search(r"@page :right \{ @bottom-right \{ content: \"— \" counter\(page\) \" —\"", style)
    assert re.search(r"@page :left \{ @bottom-left \{ content: \"— \" counter\(page\) \" —\"", style)
    assert "font-size: 15.75pt; line-height: 10.2mm" in style and "font-size: 22pt" in style  # the grid
    assert "text-align: justify" in style and ".nw { white-space: nowrap; }" in style
    assert "<h1>关于河东区2026年《政府工作报告》<br>重点任务第47周推进情况的通报</h1>" in page  # the chosen break
    assert '<p class="issuer">河东区人民政府督查室</p>' in page
    assert "<p><span>抄送：区委办公室，区人大常委会办公室。</span></p>" in page
    assert '<span class="nw">2026年11月22日印发</span>' in page
    assert re.search(r'<section class="body" style="min-height: \d+\.\dmm">', page)
    # ids and lights never wrap; free text does.
    assert '<tr class="yellow"><td class="nw">0.1</td><td>地区生产总值增长4.5%</td>' in page
    assert '<td class="nw">4.4%（目标4.5%）</td><td class="nw">黄</td>' in page


# -- the settings file -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("issuer: [河东\n", 2, "YAML 格式错误"),
        ("issuer: 督查室\nprinter: 办公室\ncopy_too: [a]\n", 3, "未知的键“copy_to"),
        ("issuer: 督查室\nunit: 42\n", 2, "“unit”应为文本"),
        ("requirements: {a: 1}\n", 1, "“requirements”应为文本列表"),
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


def test_silent_units_are_named_in_the_body_and_in_attachment_2(office: Hedong) -> None:
    week40 = office("brief", "--week", "2026-W40").stdout  # 2.1.3's report of 2026-09-30 is in week 40
    assert "| 区商务局 | 1 |" not in week40 and "各单位本周均已报送进展。" in week40
    week47 = office("brief", "--week", "2026-W47").stdout
    assert "本周1个单位未报送进展：区商务局（详见附件2）。" in week47.replace("\n", "")
    assert "| 区商务局 | 1 | 2.1.3 引进各类首店 | 9月30日 |" in week47
    empty = Hedong(db=office.db.with_name("empty.sqlite"))("brief", "--week", "2026-W47").stdout
    assert "本期未收到任何单位报送的进展。未报送单位：尚未分工到单位。" in empty


def test_period_titles_break_at_a_chosen_point_too(office: Hedong, tmp_path: Path) -> None:
    import docx

    page = office("brief", "--quarter", "2026-Q3", "-f", "html").stdout
    assert "<h1>关于河东区2026年《政府工作报告》<br>重点任务第三季度推进情况的通报</h1>" in page
    quarter = tmp_path / "q3.docx"
    result = office("brief", "--quarter", "2026-Q3", "-f", "docx", "-o", str(quarter))
    assert result.exit_code == 0, result.stderr
    paragraphs = docx.Document(str(quarter)).paragraphs
    title = next(p for p in paragraphs if p.style.name == "Brief Title" and "关于" in p.text)
    assert title.text == "关于河东区2026年《政府工作报告》\n重点任务第三季度推进情况的通报"
