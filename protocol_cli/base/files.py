"""Writing files so that a crash never leaves half a file: a temp file, fsync, then a rename."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

TEMP_PREFIX = ".tmp-"


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # some platforms cannot open a folder; the rename is still atomic
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def make_private_dir(folder: Path) -> None:
    """Create folder, and any missing parents, readable only by the user (existing ones are left)."""
    missing = []
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    for path in reversed(missing):
        with contextlib.suppress(FileExistsError):  # another process made it first
            path.mkdir(mode=0o700)


def write_temp(folder: Path, data: bytes, mode: int = 0o600) -> Path:
    """Write data to a new temp file in folder, flushed to disk; the caller renames or links it."""
    fd, name = tempfile.mkstemp(prefix=TEMP_PREFIX, dir=folder)
    try:
        os.fchmod(fd, mode)
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        os.unlink(name)
        raise
    os.close(fd)
    return Path(name)


def replace_atomic(path: Path, data: bytes, mode: int = 0o600) -> None:
    """Replace path with data: readers see the old file or the new one, never a mix."""
    temp = write_temp(path.parent, data, mode)
    try:
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


def create_new(path: Path, data: bytes, mode: int = 0o600) -> None:
    """Create path with data, all or nothing; FileExistsError if it exists (never overwrites)."""
    temp = write_temp(path.parent, data, mode)
    try:
        os.link(temp, path)  # atomic, and fails rather than overwrite
    finally:
        temp.unlink(missing_ok=True)
    _fsync_dir(path.parent)


def write_output(path: Path, data: bytes, mode: int = 0o644) -> None:
    """Write a file the user named (-o/--output) whole or not at all, with one clear error."""
    from protocol_cli.base.errors import ProtocolError

    if path.is_dir():
        raise ProtocolError(f"{path} is a folder; give a file name for --output")
    if not path.parent.is_dir():
        raise ProtocolError(f"cannot write {path}: the folder {path.parent} does not exist")
    try:
        replace_atomic(path, data, mode)
    except OSError as exc:
        raise ProtocolError(f"cannot write {path}: {exc.strerror or exc}") from exc
