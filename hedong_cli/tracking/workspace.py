"""What every face works with: the environment plus the chosen catalogue, journal and settings.

The command line (``cli.app.Session``) and the web desk (``web``) both open the same ``Workspace``, so both
read the same catalogue, write the same journal and compute every figure in the one way, ``report``. Nothing
here imports typer, rich or a web framework.
"""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path
from typing import Any

from hedong_cli.common.env import Environment
from hedong_cli.common.errors import InputError, JournalError
from hedong_cli.common.messages import t
from hedong_cli.common.textsafe import has_undecodable


class Workspace:
    """The environment plus the catalogue (``--data``), journal (``--db``) and settings file (``--config``).

    A plain class, not a dataclass, as ``Environment`` is (created at every start-up)."""

    def __init__(
        self, env: Environment, data: Path | None = None, db: str | None = None, config_flag: Path | None = None
    ) -> None:
        self.env = env
        self.data = data
        self.db = db
        self.config_flag = config_flag
        self._catalog: Any = None

    def __repr__(self) -> str:
        return f"{type(self).__name__}(data={self.data!r}, db={self.db!r}, config_flag={self.config_flag!r})"

    @property
    def today(self) -> date:
        return self.env.current_day()

    def catalog(self) -> Any:
        if self._catalog is None:
            from hedong_cli.catalogue.cache import load_catalog
            from hedong_cli.tracking.paths import cache_dir, catalog_path

            self._catalog = load_catalog(catalog_path(self.data, self.env.environ).path, cache_dir(self.env.environ))
        return self._catalog

    def config(self) -> Any:
        """The office's settings (``hedong_cli.common.config``): --config, $HEDONG_CONFIG, the user config file."""
        from hedong_cli.common.config import config_path, load_config

        return load_config(config_path(self.config_flag, self.env.environ))

    def _journal_location(self) -> Any:
        from hedong_cli.tracking.paths import journal_path

        return journal_path(self.db, self.env.environ)

    def journal_target(self) -> Any:
        """The journal chosen by --db, $HEDONG_DB or the default: a ``hedong_cli.journal.JournalLocation``."""
        return self._journal_location().target

    def journal_path(self) -> str:
        """The journal as messages name it: the file's path, or the server's URL without a password."""
        return self._journal_location().target.shown()

    def reader(self) -> Any:
        from hedong_cli.journal import open_reader

        located = self._journal_location()
        path = located.target.path
        if path is not None and located.origin != "default" and not path.parent.is_dir():
            # A folder named by --db or $HEDONG_DB that does not exist is a typo, not an empty journal.
            raise JournalError(t("db_dir_missing", path=path.parent))
        return open_reader(located.target, self.env.environ)

    def writer(self) -> Any:
        from hedong_cli.journal import open_writer

        self._check_user_variables()
        located = self._journal_location()
        path = located.target.path
        if path is not None and located.origin == "default":
            # The per-user data folder is hedong's own: create it on the first write.
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise JournalError(t("db_cannot_open", path=path, error=exc)) from None
        return open_writer(located.target, self.env.environ)

    def protected_files(self) -> list[Path]:
        """Files no output may be written over: the journal, the files SQLite keeps beside it, the catalogue."""
        from hedong_cli.common.fileio import journal_files
        from hedong_cli.tracking.paths import catalog_path

        journal = self.journal_target().path  # None: a server journal, which no output file can be
        return [*(journal_files(journal) if journal else []), catalog_path(self.data, self.env.environ).path]

    def write_output(self, path: Path | str, data: bytes) -> None:
        """Write a whole output file; ``-`` is standard output, for every format (docx and xlsx too)."""
        if str(path) == "-":
            out = self.env.out
            out.flush()
            binary = getattr(out, "buffer", None)
            if binary is None:  # a text-only stream (a test's StringIO): text formats only
                out.write(data.decode("utf-8"))
                return
            binary.write(data)
            binary.flush()
            return
        from hedong_cli.common.fileio import write_atomic

        write_atomic(path, data, protected=self.protected_files())

    def _check_user_variables(self) -> None:
        """Before a write: the variable that names the author must be text (UTF-8), or nothing is written."""
        for name in ("HEDONG_USER", "USER", "USERNAME"):
            value = self.env.environ.get(name)
            if value:
                if has_undecodable(value):
                    raise InputError(t("not_utf8_env", name=name))
                return  # the first one set is the author (Environment.user)

    def history(self, since: date, until: date, *, newest_first: bool = True) -> list[Any]:
        """The catalogue's entries effective from ``since`` to ``until`` (retractions too, each entry knowing what
        retracted it): ``Journal.history`` on a reader."""
        with self.reader() as journal:
            return journal.history(self.catalog().key, since=since, until=until, newest_first=newest_first)

    def report(self, as_of: date, rules: Any = None, journal: Any = None) -> Any:
        """The one way every face computes figures: catalogue + journal state → ``build_report``.

        ``journal``: an open journal to read (inside its write transaction, for ``import``); else a reader.
        """
        from hedong_cli.tracking.progress import build_report

        catalog = self.catalog()
        ids = [task.id for task in catalog.tasks]
        if journal is not None:
            return build_report(catalog, journal.latest(catalog.key, as_of, ids), as_of, rules)
        with self.reader() as reader:
            states = reader.latest(catalog.key, as_of, ids)
        return build_report(catalog, states, as_of, rules)


def parse_value(task: Any, text: str) -> float:
    """A number as people type it ("1,200", "4.5%", "32家"), read the same way as a ledger cell."""
    from hedong_cli.common.figures import parse_number

    value = parse_number(text, task.target.unit if task.target else None)
    if value is None:
        raise InputError(t("value_not_number", value=text))
    return value


def check_value(task: Any, value: float) -> float:
    """``value`` if the task has a number target and the value fits it (finite, within MAX_VALUE, not below
    zero unless a rate); else an ``InputError``. Every face records values through this."""
    from hedong_cli.common.figures import plain_number
    from hedong_cli.common.rules import MAX_VALUE, value_limit_text

    if task.target is None:
        raise InputError(t("value_not_quant", id=task.id))
    if not math.isfinite(value):
        raise InputError(t("bad_rate" if task.target.is_rate else "bad_value", value=value))
    # A rate (unit %) may fall below zero; an amount cannot.
    if value < 0 and not task.target.is_rate:
        raise InputError(t("bad_value", value=plain_number(value)))
    if abs(value) > MAX_VALUE:
        raise InputError(t("value_too_big", value=plain_number(value), limit=value_limit_text()))
    return float(value)
