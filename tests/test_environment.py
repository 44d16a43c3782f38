"""The language is part of the ``Environment`` a command runs in, and each context speaks its own."""

from __future__ import annotations

import contextvars
from pathlib import Path

from typer.testing import CliRunner

from hedong_cli.cli import app
from hedong_cli.common.env import Environment
from hedong_cli.common.messages import get_lang, t


def test_the_language_comes_from_the_environment() -> None:
    assert Environment(environ={}).lang == "zh"
    assert Environment(environ={"HEDONG_LANG": "en"}).lang == "en"
    assert Environment(environ={"HEDONG_LANG": "en"}, lang="zh").lang == "zh"


def test_a_command_speaks_the_language_of_the_environment_it_is_given(tmp_path: Path) -> None:
    environ = {"HEDONG_DB": str(tmp_path / "journal.sqlite")}
    english = CliRunner().invoke(app, ["show", "9.9.9"], obj=Environment(environ=environ, lang="en"))
    chinese = CliRunner().invoke(app, ["show", "9.9.9"], obj=Environment(environ=environ))
    assert english.exit_code == chinese.exit_code == 2
    assert "9.9.9" in english.stderr and "unknown task" in english.stderr.lower()
    assert chinese.stderr == "hedong: 未知的任务编号 9.9.9\n"
    # --lang on the command line still wins over the environment's language
    chosen = CliRunner().invoke(app, ["show", "9.9.9", "--lang", "zh"], obj=Environment(environ=environ, lang="en"))
    assert chosen.stderr == chinese.stderr


def test_two_contexts_do_not_share_a_language() -> None:
    # What a web face needs: a request served in its own context speaks its own language, whatever
    # another request activated meanwhile.
    def speak(lang: str) -> tuple[str, str]:
        Environment(environ={}, lang=lang).activate()
        return get_lang(), t("interrupted")

    english = contextvars.copy_context().run(speak, "en")
    chinese = contextvars.copy_context().run(speak, "zh")
    assert english == ("en", "interrupted") and chinese == ("zh", "已中断")
