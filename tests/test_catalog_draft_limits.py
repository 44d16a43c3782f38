"""What a hostile report file may cost the drafter: zip bombs, huge or truncated Word XML, entity tricks,
and sentences built to make drafting slow. Each is refused with one line and exit 2, or drafted in linear time
(the timing itself is measured by ``bench/draft_time.py``, not here)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hedong_cli.catalogue import draft as catalog_draft
from hedong_cli.catalogue.draft import emit, read_report, reading, tasks
from hedong_cli.catalogue.draft.emit import scalar
from hedong_cli.catalogue.draft.tasks import block_tasks
from hedong_cli.common.errors import InputError
from tests.conftest import Hedong

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
REPORT_XML = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}><w:body>'
    "<w:p><w:r><w:t>三、2026年重点工作</w:t></w:r></w:p>"
    "<w:p><w:r><w:t>（一）加快产业发展。</w:t></w:r></w:p>"
    "<w:p><w:r><w:t>新增企业10家以上</w:t></w:r><w:r><w:tab/><w:t>，年内建成产业园。</w:t></w:r></w:p>"
    "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>指标</w:t></w:r></w:p></w:tc>"
    "<w:tc><w:p><w:r><w:t>目标</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
    "</w:body></w:document>"
)


def _docx(path: Path, document: bytes | None = None, *, chunks: list[bytes] | None = None) -> Path:
    """A minimal Word file whose document.xml is ``document`` (or ``chunks`` streamed into it)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        if chunks is None:
            archive.writestr("word/document.xml", document if document is not None else REPORT_XML.encode())
        else:
            with archive.open("word/document.xml", "w", force_zip64=True) as part:
                for chunk in chunks:
                    part.write(chunk)
    return path


def _one_line(hedong: Hedong, path: Path) -> str:
    result = hedong("catalog", "draft", str(path))
    assert result.exit_code == 2, (result.exit_code, result.stderr)
    assert "Traceback" not in result.stderr and "内部错误" not in result.stderr and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_docx_is_read_in_document_order_with_tabs_and_table_rows(tmp_path: Path) -> None:
    text = read_report(_docx(tmp_path / "r.docx"))
    assert text.split("\n\n") == [
        "三、2026年重点工作",
        "（一）加快产业发展。",
        "新增企业10家以上\t，年内建成产业园。",
        "指标\t目标",
    ]


def test_docx_bomb_by_ratio_is_refused_before_parsing(hedong: Hedong, tmp_path: Path) -> None:
    # 8 MB of empty paragraphs deflate to a few kilobytes: inflating them hundreds of times over is a bomb.
    head = f"<w:document {W}><w:body>".encode()
    path = _docx(tmp_path / "bomb.docx", chunks=[head, *([b"<w:p/>" * 100_000] * 14), b"</w:body></w:document>"])
    assert path.stat().st_size < 100_000
    line = _one_line(hedong, path)
    assert "压缩炸弹" in line and "bomb.docx" in line


def test_docx_bomb_by_size_is_refused_before_parsing(hedong: Hedong, tmp_path: Path) -> None:
    head = f"<w:document {W}><w:body>".encode()
    size = reading.MAX_DOCX_XML_BYTES + 1024
    block = b"<w:p/>" * 170_000  # about 1 MB
    path = _docx(tmp_path / "big.docx", chunks=[head, *([block] * (size // len(block) + 1)), b"</w:body></w:document>"])
    line = _one_line(hedong, path)
    assert "超过 32 MB 的上限" in line


def test_truncated_document_xml_is_one_line_exit_2(hedong: Hedong, tmp_path: Path) -> None:
    path = _docx(tmp_path / "cut.docx", REPORT_XML.encode()[:-60])
    line = _one_line(hedong, path)
    assert "无法打开 Word" in line and "cut.docx" in line


def test_docx_without_document_xml(hedong: Hedong, tmp_path: Path) -> None:
    path = tmp_path / "empty.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
    assert "word/document.xml" in _one_line(hedong, path)


def test_entities_in_document_xml_are_not_expanded(tmp_path: Path) -> None:
    # "Billion laughs": nested entities that would expand to gigabytes if resolved.
    dtd = '<!DOCTYPE d [<!ENTITY a "哈哈哈哈哈哈哈哈哈哈">' + "".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8)
    )
    body = "<w:body><w:p><w:r><w:t>&i;</w:t></w:r></w:p></w:body>"
    xml = f'<?xml version="1.0"?>{dtd}]><w:document {W}>{body}</w:document>'
    try:
        text = read_report(_docx(tmp_path / "laughs.docx", xml.encode()))
    except InputError:
        return  # refused: as good as unexpanded
    assert len(text) < 1000


def test_docx_over_the_character_limit_stops_while_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reading, "MAX_CHARS", 20)
    with pytest.raises(InputError, match="超过上限 20"):
        read_report(_docx(tmp_path / "r.docx"))


def test_many_measured_clauses_in_one_sentence_stay_apart() -> None:
    # The slow case of old: one sentence of many measured clauses. Each clause is its own task and target.
    found = block_tasks("新增企业1家以上，" * 300, 2026, opening=False)
    assert len(found) == 300
    assert all(task.target is not None and task.target.value == 1 for task in found)
    assert all(task.title == "新增企业" for task in found)


def test_shared_clause_title_still_found_in_a_long_sentence() -> None:
    sentence = "新增企业1家以上，" * 50 + "推动12个、55万平方米项目完工"
    found = block_tasks(sentence, 2026, opening=False)
    assert [t.title for t in found[-2:]] == ["推动项目完工", "推动项目完工"]
    assert [t.target.unit for t in found[-2:] if t.target] == ["个", "万平方米"]


def test_text_with_more_tasks_than_a_report_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tasks, "MAX_TASKS", 50)
    monkeypatch.setattr(catalog_draft, "MAX_TASKS", 50)
    text = "三、2026年重点工作\n（一）加快发展\n1.壮大企业。" + "新增企业1家以上，" * 200 + "。"
    with pytest.raises(InputError, match="超过 50 项"):
        catalog_draft.draft_catalog(text, source_name="r", year=2026)


_ALPHABET = "河东区新增企业家个、，。：；“”《》（）—·％－1234567890.%-abcXYZ :#'\"\\\n\t\u3000\u202e\ufeff"


@given(st.text(alphabet=_ALPHABET, min_size=1, max_size=12))
def test_plain_scalars_are_written_as_pyyaml_writes_them(text: str) -> None:
    import yaml

    assert yaml.safe_load(scalar(text)) == text
    if emit._PLAIN_RE.fullmatch(text):
        dumped = yaml.safe_dump(text, allow_unicode=True, width=1_000_000).removesuffix("\n...\n").rstrip("\n")
        assert scalar(text) == dumped


def test_a_zip_directory_that_understates_the_size_is_cut_at_the_stated_size(hedong: Hedong, tmp_path: Path) -> None:
    # The directory says 2,000 bytes; the part inflates to megabytes. zipfile stops at the stated size and the
    # check that follows fails: one line, nothing parsed beyond what was declared.
    head = f"<w:document {W}><w:body>".encode()
    with zipfile.ZipFile(tmp_path / "liar.docx", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", head + b"<w:p/>" * 500_000 + b"</w:body></w:document>")
    path = tmp_path / "liar.docx"
    data = bytearray(path.read_bytes())
    name = b"word/document.xml"
    for signature, size_offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        position = 0
        while (position := data.find(signature, position)) >= 0:
            name_offset = 30 if signature == b"PK\x03\x04" else 46
            if data[position + name_offset : position + name_offset + len(name)] == name:
                data[position + size_offset : position + size_offset + 4] = (2000).to_bytes(4, "little")
            position += 4
    path.write_bytes(bytes(data))
    with zipfile.ZipFile(path) as archive:
        assert archive.getinfo("word/document.xml").file_size == 2000
    line = _one_line(hedong, path)
    assert "无法打开 Word" in line
