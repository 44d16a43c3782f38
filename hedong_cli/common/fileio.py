"""Writing output files (``brief -o``, ``export FILE``): the one writer every output goes through.

- A regular file (or a path that does not exist yet) is replaced atomically: a temp file beside
  it, filled and fsynced, then one rename, then an fsync of the folder. A power cut leaves the old
  file or the whole new one, never half a briefing or ledger. An existing file keeps its mode (a
  private 0600 file stays private) and, where the process may set it, its owner.
- A symlink is followed: its target is replaced, and the link stays a link.
- A character device or a FIFO (``/dev/stdout``, a named pipe) is written straight through, since
  renaming over it would replace the device node itself.
- Anything else that is not a regular file (a folder, a socket, a block device) is refused, and so
  is a path that is the journal in use, one of its ``-wal``/``-shm``/``-journal`` files, or the
  catalogue: same device and inode after following links, not the same spelling.

On any failure the temp file is removed and one ``HedongError`` says what went wrong.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable
from pathlib import Path

from hedong_cli.common.errors import HedongError, InputError
from hedong_cli.common.messages import t

# The files SQLite keeps beside a journal; writing over any of them damages the journal.
JOURNAL_SIDE_FILES = ("", "-wal", "-shm", "-journal")


def journal_files(journal: Path) -> list[Path]:
    """The journal and the files SQLite keeps beside it."""
    return [journal.with_name(journal.name + suffix) for suffix in JOURNAL_SIDE_FILES]


def check_output_path(name: Path | str, protected: Iterable[Path] = ()) -> os.stat_result | None:
    """Refuse (exit 2) an output path that is not a file name, not a regular file, or a file in use.

    Returns the target's status (links followed), or None when it does not exist yet.
    """
    if str(name) in ("", ".", "..") or str(name).endswith(os.sep) or Path(name).name in ("", ".", ".."):
        raise InputError(t("out_not_a_file", path=name))
    path = Path(name)
    try:
        status = os.stat(path)  # follows symlinks: what would actually be written
    except FileNotFoundError:
        status = None
    except OSError as exc:
        raise HedongError(t("cannot_write", path=path, error=exc.strerror or exc)) from None
    if status is not None and stat.S_ISDIR(status.st_mode):
        raise InputError(t("out_not_a_file", path=path))
    if status is not None and not (
        stat.S_ISREG(status.st_mode) or stat.S_ISCHR(status.st_mode) or stat.S_ISFIFO(status.st_mode)
    ):
        raise InputError(t("out_not_regular", path=path))
    real = os.path.realpath(path)
    for guarded in protected:
        same_name = os.path.realpath(guarded) == real  # also catches a -wal file that does not exist yet
        try:
            other = os.stat(guarded)
            same_file = status is not None and (other.st_dev, other.st_ino) == (status.st_dev, status.st_ino)
        except OSError:
            same_file = False
        if same_name or same_file:
            raise InputError(t("out_in_use", path=path, file=guarded))
    return status


def write_atomic(path: Path | str, write: Callable[[Path], None] | bytes, *, protected: Iterable[Path] = ()) -> None:
    """Write ``path``: ``write`` is the bytes, or a function that fills the file it is given.

    ``protected`` lists the files in use (the journal and its side files, the catalogue) that
    must never be written over.
    """
    status = check_output_path(path, protected)
    path = Path(path)
    if status is not None and not stat.S_ISREG(status.st_mode):
        _write_through(path, write)
        return
    # Replace the file a symlink points to, not the link; a dangling link gets its target created.
    target = Path(os.path.realpath(path))
    _replace(path, target, write, status)


def _write_through(path: Path, write: Callable[[Path], None] | bytes) -> None:
    """Write to a character device or FIFO as it is: no temp file, no rename."""
    if not isinstance(write, bytes):
        import tempfile

        with tempfile.TemporaryDirectory(prefix="hedong-") as folder:
            staged = Path(folder) / path.name
            write(staged)
            write = staged.read_bytes()
    try:
        with open(path, "wb", buffering=0) as handle:
            view = memoryview(write)
            while view:
                written = handle.write(view)
                view = view[written or len(view) :]
    except OSError as exc:
        raise HedongError(t("cannot_write", path=path, error=exc.strerror or exc)) from None


def _replace(shown: Path, target: Path, write: Callable[[Path], None] | bytes, old: os.stat_result | None) -> None:
    import tempfile  # brings in shutil and random: only when a file is written

    directory = target.parent
    try:
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise HedongError(t("cannot_write", path=shown, error=exc.strerror or exc)) from None
    temp = Path(name)
    try:
        if isinstance(write, bytes):
            with os.fdopen(fd, "wb") as handle:
                handle.write(write)
                handle.flush()
                os.fsync(handle.fileno())
        else:
            os.close(fd)
            write(temp)
            _fsync_path(temp)
        if old is not None:
            os.chmod(temp, stat.S_IMODE(old.st_mode))
            _keep_owner(temp, old)
        else:
            os.chmod(temp, 0o666 & ~_umask())  # mkstemp makes 0600; a new output file is an ordinary document
        os.replace(temp, target)
        _fsync_path(directory, folder=True)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise HedongError(t("cannot_write", path=shown, error=exc.strerror or exc)) from None
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def _keep_owner(temp: Path, old: os.stat_result) -> None:
    """Give the new file the old one's owner and group, where this process may (root, or a group it is in)."""
    if (old.st_uid, old.st_gid) == (os.getuid(), os.getgid()) or not hasattr(os, "chown"):
        return
    for uid, gid in ((old.st_uid, old.st_gid), (-1, old.st_gid)):
        try:
            os.chown(temp, uid, gid)
            return
        except PermissionError:
            continue


def _fsync_path(path: Path, *, folder: bool = False) -> None:
    """fsync a file or, after a rename, its folder, so the new name survives a power cut."""
    flags = os.O_RDONLY | (getattr(os, "O_DIRECTORY", 0) if folder else 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        if folder:
            return  # a platform that cannot open folders (Windows) makes renames durable itself
        raise
    try:
        os.fsync(fd)
    except OSError:
        if not folder:
            raise  # some filesystems refuse fsync on a folder (EINVAL); the file itself must be synced
    finally:
        os.close(fd)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
