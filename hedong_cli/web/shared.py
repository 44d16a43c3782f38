"""What the web desk's requests share: journals kept open, and the report, kept until the journal changes.

A command opens its journal, reads or writes, and closes it; a server that did so for every request paid for
it on every page (SQLite: the file's checks, and a checkpoint on the last close; PostgreSQL: a new connection,
its authentication and hedong's checks of the schema and the role). ``SharedWorkspace`` is the workspace the
desk's pages use: ``reader()`` and ``writer()`` lend a journal from a pool, and ``report()`` builds the report
(``progress.build_report``, the one way figures are made) only when the journal's state has changed since it
was last built for that day. The state is asked of the journal on every page (``Journal.state``: the count and
newest id of the catalogue's entries), so an entry written by anyone, the command line included, shows on the
next page.

Why a pool of journals rather than psycopg_pool: the desk needs journals, not connections: on both backends
(SQLite gains as much as PostgreSQL), with hedong's checks done once per connection. A journal goes back to the
pool only when ``Journal.reusable`` says nothing of its request carries over (no transaction open; on
PostgreSQL, a writer's session is back in the role it connected as: ``SET LOCAL ROLE`` ends with the write's
transaction, and a connection where a role outlived it is closed).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

from hedong_cli.tracking.workspace import Workspace

READERS = 4  # pages read with a few journals at once; more only wait for the interpreter's lock
# One writer: writes queue here, in order, instead of in SQLite's busy handler or PostgreSQL's advisory lock,
# both of which wait by sleeping in growing steps; the journal's own lock still orders writes across processes.
WRITERS = 1
WAIT_S = 10.0  # a request that waited this long for a pooled journal opens one of its own (kept if there is room)
KEPT = 16  # reports and history windows for a few days; a newer state of the same one replaces the older


class JournalPool:
    """Journals opened by ``open_journal``, lent one request at a time, at most ``size`` kept open.

    Each lease gets a journal no other thread holds; the pool keeps it open afterwards only when it is
    ``reusable`` (a journal that failed or kept a transaction or a role is closed, and a new one opened next
    time). When all ``size`` are lent, a request waits for one, at most ``wait`` seconds, then opens its own.
    """

    def __init__(
        self, open_journal: Callable[[], Any], size: int, *, wait: float = WAIT_S, check_role: bool = False
    ) -> None:
        self._open_journal = open_journal
        self.size = size
        self._check_role = check_role  # for journals that write: a write may act as a unit's role
        self._wait = wait
        self._idle: list[Any] = []
        self._lent = 0
        self._closed = False
        self._changed = threading.Condition()

    @contextmanager
    def lease(self) -> Iterator[Any]:
        journal = self._take()
        try:
            yield journal
        finally:
            self._give_back(journal)

    def _take(self) -> Any:
        with self._changed:
            deadline = time.monotonic() + self._wait
            while not self._idle and self._lent >= self.size:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    break  # open one beyond the size rather than fail the page
                self._changed.wait(remaining)
            self._lent += 1
            if self._idle:
                return self._idle.pop()
        try:
            return self._open_journal()
        except BaseException:
            with self._changed:
                self._lent -= 1
                self._changed.notify()
            raise

    def _give_back(self, journal: Any) -> None:
        try:
            keep = journal.opened and journal.reusable() and (not self._check_role or journal.role_kept())
        except Exception:  # a connection that cannot even say: closed, as one that failed
            keep = False
        with self._changed:
            self._lent -= 1
            self._changed.notify()
            if keep and not self._closed and len(self._idle) < self.size:
                self._idle.append(journal)
                return
        journal.close()

    def close(self) -> None:
        """Close the idle journals; the ones lent now are closed when they come back."""
        with self._changed:
            self._closed = True
            idle, self._idle = self._idle, []
        for journal in idle:
            journal.close()


class StateCache:
    """Values worked out from the journal (a report, a window of its history), each kept with the journal's
    state it was read at and given again while the state stays the same. One thread works out a missing value;
    the others asking for the same one wait for it rather than work it out too."""

    def __init__(self, keep: int = KEPT) -> None:
        self._keep = keep
        self._values: dict[tuple[Hashable, tuple[int, int]], Any] = {}
        self._lock = threading.Lock()
        self._working = threading.Lock()

    def get(self, what: Hashable, state: tuple[int, int], work_out: Callable[[], Any]) -> Any:
        key = (what, state)
        with self._lock:
            if key in self._values:
                return self._values[key]
        with self._working:
            with self._lock:
                if key in self._values:  # worked out by the thread this one waited for
                    return self._values[key]
            value = work_out()
            with self._lock:
                for older in [known for known in self._values if known[0] == what]:
                    del self._values[older]  # the same value at an older state: never asked for again
                while len(self._values) >= self._keep:
                    del self._values[next(iter(self._values))]
                self._values[key] = value
        return value


class SharedWorkspace(Workspace):
    """The web desk's workspace: pooled journals and values kept by journal state (see the module's text)."""

    def __init__(
        self,
        env: Any,
        data: Any = None,
        db: str | None = None,
        config_flag: Any = None,
        *,
        readers: int = READERS,
        writers: int = WRITERS,
    ) -> None:
        super().__init__(env, data, db, config_flag)
        self.readers = readers
        self.writers = writers
        # Readers are never switched to a unit's role (only ``desk.record`` does, on a writer): their return
        # asks the server nothing; a writer's return checks the role.
        self._reader_pool = JournalPool(super().reader, readers)
        self._writer_pool = JournalPool(super().writer, writers, check_role=True)
        self._kept = StateCache()
        self._request = threading.local()

    @classmethod
    def around(cls, workspace: Workspace, **sizes: int) -> SharedWorkspace:
        """A shared workspace on the same catalogue, journal and settings as ``workspace``."""
        shared = cls(workspace.env, workspace.data, workspace.db, workspace.config_flag, **sizes)
        shared._catalog = workspace._catalog  # already loaded and checked by ``hedong serve``
        return shared

    def reader(self) -> Any:
        return self._reader_pool.lease()

    @contextmanager
    def writer(self) -> Iterator[Any]:
        try:
            with self._writer_pool.lease() as journal:
                yield journal
        finally:
            self._request.state = None  # this request may have written: what it reads next is read anew

    @contextmanager
    def request(self) -> Iterator[None]:
        """One request, in the thread that serves it: the journal's state is asked once, at its first read,
        and again only after a write (the frame of every page: ``app.Desk.page``)."""
        self._request.state = None
        try:
            yield
        finally:
            self._request.state = None

    def state(self) -> tuple[int, int]:
        """The journal's state (``Journal.state``) for this request."""
        known = getattr(self._request, "state", None)
        if known is None:
            with self.reader() as journal:
                known = journal.state(self.catalog().key)
            self._request.state = known
        return known

    # The state is read before the value: a value worked out a moment later may hold an entry more, never one
    # less, than its state says; the next request then sees a newer state and works it out again.

    def report(self, as_of: date, rules: Any = None, journal: Any = None) -> Any:
        """``Workspace.report``, built again only when the journal's state differs from the last build's."""
        if rules is not None or journal is not None:
            return super().report(as_of, rules, journal)
        return self._kept.get(("report", as_of), self.state(), lambda: Workspace.report(self, as_of))

    def history(self, since: date, until: date, *, newest_first: bool = True) -> list[Any]:
        """``Workspace.history``, read again only when the journal's state has changed. The list is shared:
        callers only read it."""
        return self._kept.get(
            ("history", since, until, newest_first),
            self.state(),
            lambda: Workspace.history(self, since, until, newest_first=newest_first),
        )

    def close(self) -> None:
        self._reader_pool.close()
        self._writer_pool.close()
