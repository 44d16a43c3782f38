"""Attacks on the settings file's ``reporting:`` block: every one is one ``FILE:LINE: message`` line, exit 2 on
the command line, and ``hedong serve`` refuses to start (it never listens)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from hedong_cli.common.config import parse_config
from hedong_cli.common.errors import InputError
from tests.conftest import TODAY, Hedong, installed_hedong

BAD = [
    # wrong types
    ("reporting: [month, 25]\n", 1),
    ("reporting: 25\n", 1),
    ("reporting: true\n", 1),
    ("reporting:\n  period: [month]\n", 2),
    ("reporting:\n  period: {month: 25}\n", 2),
    ("reporting:\n  period: 7\n", 2),
    ("reporting:\n  period: Month\n", 2),
    ("reporting:\n  period: month\n  due_day: null\n", 3),
    ("reporting:\n  period: month\n  due_day: [25]\n", 3),
    ("reporting:\n  period: month\n  due_day: 25.0\n", 3),
    ("reporting:\n  period: month\n  due_day: 25日\n", 3),
    # YAML tags
    ("reporting:\n  period: month\n  due_day: !!float 25\n", 3),
    ("reporting:\n  period: month\n  due_day: !!python/object/apply:os.system [echo hi]\n", 3),
    ("reporting: !!python/name:os.system\n", 1),
    ("reporting:\n  period: !!binary bW9udGg=\n", 2),
    ("reporting: !custom {period: month}\n", 1),
    ("reporting:\n  period: !!str month\n  due_day: !!str 25\n", 3),
    # anchors, aliases, merge keys (an alias is refused at the line of its anchor, before it is expanded)
    ("issuer: &p month\nreporting:\n  period: *p\n", 1),
    ("series: &r {week: {first: 1}}\nreporting: *r\n", 1),
    ("reporting:\n  <<: {period: month, due_day: 25}\n", 2),
    ("a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nreporting: [*b, *b, *b]\n", 1),
    # huge numbers
    ("reporting:\n  period: month\n  due_day: " + "9" * 400 + "\n", 3),
    ("reporting:\n  period: month\n  due_day: 1e400\n", 3),
    ("reporting:\n  period: week\n  due_weekday: -9223372036854775809\n", 3),
    # days and weekdays out of range, a weekday as a word
    ("reporting:\n  period: month\n  due_day: 0\n", 3),
    ("reporting:\n  period: month\n  due_day: 32\n", 3),
    ("reporting:\n  period: month\n  due_day: -1\n", 3),
    ("reporting:\n  period: week\n  due_weekday: friday\n", 3),
    ("reporting:\n  period: week\n  due_weekday: 五\n", 3),
    ("reporting:\n  period: week\n  due_weekday: '5'\n", 3),
    ("reporting:\n  period: week\n  due_weekday: 0\n", 3),
    # a key twice
    ("reporting:\n  period: month\n  period: week\n", 3),
]


def settings(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(("text", "line"), BAD)
def test_a_bad_reporting_block_is_one_line_naming_its_file_and_line(tmp_path: Path, text: str, line: int) -> None:
    path = settings(tmp_path, text)
    with pytest.raises(InputError) as caught:
        parse_config(text, path)
    message = caught.value.message
    assert message.startswith(f"{path}:{line}: "), message
    assert "\n" not in message and len(message) < 400 and "Traceback" not in message


@pytest.mark.parametrize(("text", "line"), [BAD[0], BAD[12], BAD[17], BAD[21], BAD[27]])
def test_the_command_line_says_it_in_one_line_and_exits_2(hedong: Hedong, tmp_path: Path, text: str, line: int) -> None:
    path = settings(tmp_path, text)
    result = hedong("brief", "--config", str(path))
    assert result.exit_code == 2, result.output
    assert result.stderr.count("\n") == 1 and f"{path}:{line}: " in result.stderr, result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize(("text", "line"), [BAD[1], BAD[12], BAD[18], BAD[26]])
def test_serve_refuses_to_start_on_a_bad_reporting_block(hedong: Hedong, tmp_path: Path, text: str, line: int) -> None:
    assert hedong("update", "2.1.3", "--note", "x").exit_code == 0  # a journal the desk could write
    path = settings(tmp_path, text)
    env = {"HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "HEDONG_LANG": "zh", "HEDONG_TODAY": TODAY.isoformat()}
    command = [installed_hedong(), "serve", "--port", "1", "--db", str(hedong.db), "--config", str(path)]
    run = subprocess.run(command, capture_output=True, text=True, timeout=60, env=env)  # port 1: it must not bind
    assert run.returncode == 2 and run.stdout == "", (run.returncode, run.stdout, run.stderr)
    assert run.stderr.count("\n") == 1 and f"{path}:{line}: " in run.stderr, run.stderr
