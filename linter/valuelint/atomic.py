"""Writing a file atomically: a temporary file in the same folder, renamed into place.

A reader sees the old file or the new one, never part of either; a run
interrupted while writing leaves the old file as it was.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

__all__ = ["open_atomic", "write_atomic"]


@contextmanager
def open_atomic(
    path: Path, *, durable: bool = True, prefix: str | None = None, suffix: str = ".tmp",
) -> Iterator[TextIO]:
    """A text stream (UTF-8, ``\\n`` line endings) whose content replaces ``path``, through
    a rename, when the ``with`` block ends without an exception; with one, ``path`` is
    left as it was and the temporary file is removed. What is written can be flushed as
    it goes (a report written post by post) and still reaches ``path`` all at once.

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
            yield stream
            if durable:
                stream.flush()
                os.fsync(stream.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def write_atomic(
    path: Path, text: str, *, durable: bool = True, prefix: str | None = None,
    suffix: str = ".tmp",
) -> None:
    """Write ``text`` to ``path`` through a rename (see :func:`open_atomic`)."""
    with open_atomic(path, durable=durable, prefix=prefix, suffix=suffix) as stream:
        stream.write(text)
