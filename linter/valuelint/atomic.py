"""Writing a file atomically: a temporary file in the same folder, renamed into place.

A reader sees the old file or the new one, never part of either; a run
interrupted while writing leaves the old file as it was.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

__all__ = ["write_atomic"]


def write_atomic(
    path: Path, text: str, *, durable: bool = True, prefix: str | None = None,
    suffix: str = ".tmp",
) -> None:
    """Write ``text`` (UTF-8, ``\\n`` line endings) to ``path`` through a rename.

    The file keeps the permissions of the one it replaces (a new one gets the
    usual ``0o666`` less the umask). ``durable`` flushes the data to disk
    before the rename, for files a user asked for; a cache entry that can be
    rebuilt skips it. The temporary file is named ``prefix`` (default:
    ``.NAME.``), random letters and ``suffix``.
    """
    folder = path.parent if str(path.parent) else Path(".")
    try:
        mode = path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    handle, temp = tempfile.mkstemp(
        prefix=f".{path.name}." if prefix is None else prefix, suffix=suffix, dir=folder)
    try:
        os.chmod(temp, mode)
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            if durable:
                stream.flush()
                os.fsync(stream.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
