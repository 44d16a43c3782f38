"""``hedong catalog draft`` and ``diff`` on the command line: output, summary, and what bad input gets."""

from __future__ import annotations

import builtins
import json
from pathlib import Path

import pytest

from tests.conftest import REPO, Hedong

REPORT = REPO / "data" / "source" / "hedong-2026-work-report.txt"
FIXTURES = REPO / "tests" / "fixtures" / "reports"


def test_draft_to_stdout_passes_check(hedong: Hedong, tmp_path: Path) -> None:
    result = hedong("catalog", "draft", str(REPORT))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("# ") and "\nyear: 2026\n" in result.stdout
    assert "7 个板块、24 个小节" in result.stderr and "待核" in result.stderr
    path = tmp_path / "draft.yaml"
    path.write_text(result.stdout, encoding="utf-8")
    check = hedong("check", "--data", str(path))
    assert check.exit_code == 0, check.stderr


def test_draft_to_file_is_written_whole(hedong: Hedong, tmp_path: Path) -> None:
    out = tmp_path / "targets_2027.yaml"
    result = hedong("catalog", "draft", str(FIXTURES / "dongcheng-2025.txt"), "-o", str(out), "--lang", "en")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert f"written to {out}" in result.stderr and "draft: 1 sections, 1 subsections, 8 tasks" in result.stderr
    assert 'comparator: "<="' in out.read_text(encoding="utf-8")
    assert [p.name for p in tmp_path.iterdir()] == ["targets_2027.yaml"]  # no temp file left behind


def test_section_heading_and_year_options(hedong: Hedong) -> None:
    report = str(FIXTURES / "hongqiao-2024-s3.txt")
    result = hedong("catalog", "draft", report)
    assert result.exit_code == 2 and "重点工作" in result.stderr and "--section-heading" in result.stderr
    result = hedong("catalog", "draft", report, "--section-heading", "（三）")
    assert result.exit_code == 2 and "--year" in result.stderr
    result = hedong("catalog", "draft", report, "--section-heading", "（三）", "--year", "2024")
    assert result.exit_code == 0, result.stderr
    assert '- id: "3"' in result.stdout and '"3.2.7"' in result.stdout
    result = hedong("catalog", "draft", report, "--section-heading", "（九）", "--year", "2024")
    assert result.exit_code == 2 and "（九）" in result.stderr


def _bad(hedong: Hedong, tmp_path: Path, name: str, data: bytes) -> tuple[int, str]:
    path = tmp_path / name
    path.write_bytes(data)
    out = tmp_path / "out.yaml"
    out.write_text("keep me\n", encoding="utf-8")
    result = hedong("catalog", "draft", str(path), "-o", str(out))
    assert out.read_text(encoding="utf-8") == "keep me\n"  # never a half-written output
    assert "Traceback" not in result.stderr and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return result.exit_code, lines[0]


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("notes.txt", "会议纪要\n今天讨论了食堂菜单。\n".encode(), "没有找到重点工作部分"),
        ("empty.txt", b"", "是空的"),
        ("blank.txt", b"  \n\n \n", "是空的"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "不是文本"),
        ("latin1.txt", "Caf\xe9 \xff\xfe report".encode("latin-1") + b"\xff\xff", "既不是 UTF-8"),
        ("report.docx", b"PK\x03\x04 not really a zip", "无法打开 Word"),
    ],
)
def test_bad_input_gets_one_line_and_exit_2(hedong: Hedong, tmp_path: Path, name: str, data: bytes, words: str) -> None:
    status, line = _bad(hedong, tmp_path, name, data)
    assert status == 2 and words in line, line


def test_not_a_report_says_which_headings_were_looked_for(hedong: Hedong, tmp_path: Path) -> None:
    _, line = _bad(hedong, tmp_path, "notes.txt", "会议纪要。\n".encode())
    assert "三、20XX年重点工作" in line and "工作安排" in line


def test_huge_input_is_refused_before_it_is_read(hedong: Hedong, tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(64 * 1024 * 1024)  # sparse: costs no disk and no time
    result = hedong("catalog", "draft", str(path))
    assert result.exit_code == 2 and "MB" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_missing_file(hedong: Hedong, tmp_path: Path) -> None:
    result = hedong("catalog", "draft", str(tmp_path / "nope.txt"))
    assert result.exit_code == 2 and "找不到" in result.stderr


def test_pdf_without_the_extra_names_it(hedong: Hedong, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = builtins.__import__

    def no_pypdf(name: str, *args, **kwargs):
        if name == "pypdf" or name.startswith("pypdf."):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pypdf)
    path = tmp_path / "report.pdf"
    path.write_bytes(b"%PDF-1.4\n%%EOF\n")
    result = hedong("catalog", "draft", str(path))
    assert result.exit_code == 2 and 'pip install "hedong[pdf]"' in result.stderr


def test_bad_pdf_with_the_extra(hedong: Hedong, tmp_path: Path) -> None:
    pytest.importorskip("pypdf")
    path = tmp_path / "report.pdf"
    path.write_bytes(b"%PDF-1.4\nthis is not a pdf body\n")
    result = hedong("catalog", "draft", str(path))
    assert result.exit_code == 2 and "PDF" in result.stderr and "Traceback" not in result.stderr


def test_unwritable_output_leaves_nothing(hedong: Hedong, tmp_path: Path) -> None:
    result = hedong("catalog", "draft", str(REPORT), "-o", str(tmp_path / "missing-dir" / "x.yaml"))
    assert result.exit_code == 1 and "无法写入" in result.stderr
    assert not (tmp_path / "missing-dir").exists()


# -- diff ---------------------------------------------------------------------------------------

CATALOG = """\
year: 2027
sections:
  - id: "1"
    title: 产业
    subsections:
      - id: "1.1"
        title: 招商
        tasks:
          - {{id: "1.1.1", title: 引进首店, text: 引进首店50家以上, kind: quantitative,
             target: {{value: {first}, unit: 家, comparator: ">="}}}}
          - {{id: "1.1.2", title: 建成中心, text: {second}, kind: milestone}}
{extra}"""


def test_diff_lists_added_removed_retexted_and_targets(hedong: Hedong, tmp_path: Path) -> None:
    old = tmp_path / "old.yaml"
    new = tmp_path / "new.yaml"
    old.write_text(CATALOG.format(first=50, second="年内建成中心", extra=""), encoding="utf-8")
    added = '          - {id: "1.1.3", title: 新增任务, text: 新增任务, kind: ongoing}\n'
    new.write_text(CATALOG.format(first=60, second="年内建成服务中心", extra=added), encoding="utf-8")
    result = hedong("catalog", "diff", str(old), str(new))
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines == [
        "~ 1.1.1 改目标 引进首店 50家以上 → 60家以上",
        "~ 1.1.2 改文 建成中心 年内建成中心 → 年内建成服务中心",
        "+ 1.1.3 新增 新增任务",
    ]
    assert "新增 1 项，删除 0 项，改文 1 项，改编号 0 项，改目标 1 项" in result.stderr
    back = hedong("catalog", "diff", str(new), str(old), "--format", "json")
    changes = json.loads(back.stdout)
    assert {c["change"] for c in changes} == {"target", "retexted", "removed"}
    same = hedong("catalog", "diff", str(old), str(old))
    assert same.stdout == "" and "相同" in same.stderr


def test_diff_of_a_broken_catalogue_fails_with_its_line(hedong: Hedong, tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("year: 2027\nsections: [\n", encoding="utf-8")
    result = hedong("catalog", "diff", str(broken), str(REPO / "data" / "targets_2026.yaml"))
    assert result.exit_code == 1 and "broken.yaml:" in result.stderr


def test_diff_reports_a_moved_task_once_not_as_a_cascade(hedong: Hedong, tmp_path: Path) -> None:
    old = tmp_path / "old.yaml"
    new = tmp_path / "new.yaml"
    old.write_text(CATALOG.format(first=50, second="年内建成中心", extra=""), encoding="utf-8")
    # A task inserted at the top moves the two others down by one.
    text = CATALOG.format(first=50, second="年内建成中心", extra="")
    text = text.replace('"1.1.2"', '"1.1.3"').replace('"1.1.1"', '"1.1.2"')
    inserted = '          - {id: "1.1.1", title: 插入, text: 插入的任务, kind: ongoing}\n'
    text = text.replace("        tasks:\n", "        tasks:\n" + inserted)
    new.write_text(text, encoding="utf-8")
    result = hedong("catalog", "diff", str(old), str(new), "--lang", "en")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [
        "+ 1.1.1 added 插入",
        "~ 1.1.2 renumbered 引进首店 1.1.1 → 1.1.2",
        "~ 1.1.3 renumbered 建成中心 1.1.2 → 1.1.3",
    ]


def test_output_over_the_report_is_refused(hedong: Hedong, tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    report.write_bytes((FIXTURES / "dongcheng-2025.txt").read_bytes())
    result = hedong("catalog", "draft", str(report), "-o", str(report))
    assert result.exit_code == 2 and "报告文件本身" in result.stderr
    assert report.read_bytes() == (FIXTURES / "dongcheng-2025.txt").read_bytes()


def test_diff_json_escapes_control_characters_as_every_json_output(hedong: Hedong, tmp_path: Path) -> None:
    old = tmp_path / "old.yaml"
    new = tmp_path / "new.yaml"
    old.write_text(CATALOG.format(first=50, second="年内建成中心", extra=""), encoding="utf-8")
    # A C1 control (CSI, U+009B) in a task's text: json.dumps alone writes it raw, and some terminals act on it.
    new.write_text(CATALOG.format(first=50, second='"年内建成\\x9b2J中心"', extra=""), encoding="utf-8")
    result = hedong("catalog", "diff", str(old), str(new), "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert "\x9b" not in result.stdout and "\\u009b" in result.stdout
    assert json.loads(result.stdout)[0]["new"] == "年内建成\x9b2J中心"
