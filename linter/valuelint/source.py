"""Reading a post from disk: size limit, binary detection, decoding.

Every problem is an :class:`InputError` with a one-line message that says what
is wrong; the caller names the file.
"""

from __future__ import annotations

import codecs
import os
from pathlib import Path

__all__ = ["InputError", "decode", "read_bytes", "read_text"]


class InputError(Exception):
    """A file cannot be linted; the message says why, in one line."""


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
        raise InputError("binary file (contains NUL bytes), not Markdown text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x} on line {line}); "
            "save the file as UTF-8"
        ) from None


def read_text(path: Path, max_bytes: int) -> str:
    """The decoded text of a post; raises :class:`InputError`."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise InputError("no such file or directory") from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}") from None
    if os.path.isdir(path):
        raise InputError("is a directory, not a Markdown file")
    if info.st_size > max_bytes:
        raise InputError(
            f"file is {info.st_size / 1e6:.1f} MB, over the {max_bytes / 1e6:g} MB limit "
            "(max-file-size-mb)"
        )
    try:
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}") from None
    return read_bytes(data, max_bytes)


def read_bytes(data: bytes, max_bytes: int) -> str:
    """The decoded text of a post's bytes (from a file or stdin); raises :class:`InputError`."""
    if len(data) > max_bytes:
        raise InputError(f"input is over the {max_bytes / 1e6:g} MB limit (max-file-size-mb)")
    text = decode(data)
    if not text.strip():
        raise InputError("file is empty")
    return text
