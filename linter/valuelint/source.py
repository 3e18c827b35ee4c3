"""Reading a post from disk: size limit, binary detection, decoding.

Every problem is an :class:`InputError` with a one-line message that says what
is wrong; the caller names the file.
"""

from __future__ import annotations

import codecs
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = [
    "InputError",
    "decode",
    "listed_path",
    "paths_remembered",
    "read_bytes",
    "read_file",
    "read_text",
    "relative_within",
    "resolved",
]


class InputError(Exception):
    """A file cannot be linted; the message says why, in one line."""


def _looks_like_utf16(data: bytes) -> bool:
    """True when every other byte of the start is NUL and no other is, as in UTF-16 text."""
    sample = data[: min(len(data), 4096) // 2 * 2]
    even, odd = sample[0::2], sample[1::2]
    return len(sample) >= 4 and any(
        not zeros.strip(b"\0") and b"\0" not in text for zeros, text in ((even, odd), (odd, even))
    )


def decode(data: bytes) -> str:
    """Decode a post's bytes: UTF-8 (BOM or not) or UTF-16 with a BOM."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError("not valid UTF-16 text") from None
        if "\0" in text:
            raise InputError("binary file (contains NUL characters), not Markdown text")
        return text
    if b"\0" in data:
        if _looks_like_utf16(data):
            raise InputError("UTF-16 text without a byte-order mark; save the file as UTF-8")
        raise InputError("binary file (contains NUL bytes), not Markdown text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x} on line {line}); "
            "save the file as UTF-8"
        ) from None


_KINDS = (
    (stat.S_ISFIFO, "a named pipe"), (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
)
# Opening a named pipe for reading waits for a writer; without blocking it does not.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)


def read_file(path: Path, max_bytes: int) -> bytes:
    """A post's bytes, at most ``max_bytes + 1`` of them; raises :class:`InputError`.

    Only a regular file is read: a folder, a named pipe, a socket or a device
    is refused without waiting on it, and a file over ``max_bytes`` is refused
    before any of it is read. The checks are made on the file opened, not on
    its name, so a file swapped for something else meanwhile is refused too.
    """
    try:
        handle = os.open(path, _OPEN_FLAGS)
    except FileNotFoundError:
        raise InputError("no such file or directory") from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}") from None
    try:
        _check_opened(handle, max_bytes)
        with os.fdopen(handle, "rb", closefd=False) as stream:
            return stream.read(max_bytes + 1)
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}") from None
    finally:
        os.close(handle)


def _check_opened(handle: int, max_bytes: int) -> None:
    info = os.fstat(handle)
    if stat.S_ISDIR(info.st_mode):
        raise InputError("is a directory, not a Markdown file")
    if not stat.S_ISREG(info.st_mode):
        kind = next((name for test, name in _KINDS if test(info.st_mode)), "not a file")
        raise InputError(f"is {kind}, not a regular file; valuelint reads only files")
    if info.st_size > max_bytes:
        raise InputError(
            f"file is {info.st_size / 1e6:.1f} MB, over the {max_bytes / 1e6:g} MB limit "
            "(max-file-size-mb)"
        )


def read_text(path: Path, max_bytes: int) -> str:
    """The decoded text of a post; raises :class:`InputError`."""
    return read_bytes(read_file(path, max_bytes), max_bytes)


def read_bytes(data: bytes, max_bytes: int) -> str:
    """The decoded text of a post's bytes (from a file or stdin); raises :class:`InputError`."""
    if len(data) > max_bytes:
        raise InputError(f"input is over the {max_bytes / 1e6:g} MB limit (max-file-size-mb)")
    text = decode(data)
    if not text.strip():
        raise InputError("file is empty")
    return text


#: Paths already resolved in this command's run (see :func:`paths_remembered`).
_remembered: dict[Path, Path] | None = None


@contextmanager
def paths_remembered() -> Iterator[None]:
    """Within this block each path is resolved once: one command's run, during which
    the folders it reads do not change under it. Finding files, matching ``include``
    and ``exclude``, finding each file's configuration and grouping a site's posts all
    resolve the same paths."""
    global _remembered
    outer = _remembered
    if outer is None:
        _remembered = {}
    try:
        yield
    finally:
        _remembered = outer


def listed_path(folder: Path, name: str) -> tuple[Path, bool]:
    """A name listed in ``folder``: its path, and whether it is a folder.

    Within :func:`paths_remembered`, an entry that is not a symbolic link is
    remembered as resolving to ``resolved(folder) / name``: one ``lstat``, not
    one per folder above it.
    """
    path = folder / name
    remembered = _remembered
    try:
        status = os.lstat(path)
    except OSError:
        return path, path.is_dir()
    if stat.S_ISLNK(status.st_mode):
        return path, path.is_dir()
    if remembered is not None and path not in remembered:
        remembered[path] = resolved(folder) / name
    return path, stat.S_ISDIR(status.st_mode)


def relative_within(path: Path, folder: Path) -> str | None:
    """``path`` from ``folder``, with ``/`` separators (``.`` for the folder itself), or
    None when it is not inside. Both are absolute and resolved: the text is compared,
    without building the path's parents (except on Windows, where names compare
    without regard to case)."""
    if os.name == "nt":
        try:
            return path.relative_to(folder).as_posix()
        except ValueError:
            return None
    inside, base = str(path), str(folder)
    if inside == base:
        return "."
    prefix = base if base.endswith("/") else base + "/"
    return inside[len(prefix):] if inside.startswith(prefix) else None


def resolved(path: Path) -> Path:
    """``path`` made absolute with its symbolic links followed where they can be.

    A symbolic-link loop (``RuntimeError`` before Python 3.13, ``OSError``
    since) or a folder that cannot be read leaves the path absolute but
    unresolved: reading the file then reports the problem, in one line.
    """
    remembered = _remembered
    if remembered is not None:
        found = remembered.get(path)
        if found is not None:
            return found
    try:
        found = path.resolve()
    except (OSError, RuntimeError):
        found = path.absolute()
    if remembered is not None:
        remembered[path] = found
    return found
