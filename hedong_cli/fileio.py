"""Writing output files atomically: a temp file beside the target, then one rename.

Readers see the old file or the whole new one, never a half-written briefing or ledger; on any
failure the temp file is removed and one ``HedongError`` says what went wrong.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from hedong_cli.errors import HedongError
from hedong_cli.messages import t


def write_atomic(path: Path, write: Callable[[Path], None] | bytes) -> None:
    """Write ``path``: ``write`` is the bytes, or a function that fills the temp file it is given."""
    import tempfile  # brings in shutil and random: only when a file is written

    directory = path.parent if str(path.parent) else Path(".")
    try:
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
        os.close(fd)
    except OSError as exc:
        raise HedongError(t("cannot_write", path=path, error=exc.strerror or exc)) from None
    temp = Path(name)
    try:
        if isinstance(write, bytes):
            with temp.open("wb") as handle:
                handle.write(write)
                handle.flush()
                os.fsync(handle.fileno())
        else:
            write(temp)
        os.chmod(temp, 0o666 & ~_umask())  # mkstemp makes 0600; an output file is an ordinary document
        os.replace(temp, path)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise HedongError(t("cannot_write", path=path, error=exc.strerror or exc)) from None
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
