"""``valuelint check --fix`` on files: the fixes rules offer, written back to the file.

A file is written only when its text changes, atomically, through a symbolic
link rather than over it, and only when it did not change on disk while it was
being fixed. Its byte-order mark and line endings stay as they were
(:func:`valuelint.fixes.apply_fixes`). UTF-16 files are checked but not fixed.
"""

from __future__ import annotations

import codecs
import os
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from valuelint.atomic import write_atomic
from valuelint.fixes import FixResult, fix_text
from valuelint.rule import Finding
from valuelint.source import InputError, read_bytes, read_file

if TYPE_CHECKING:
    from valuelint.api import Linter

__all__ = ["NotFixed", "fix_file", "fixed_summary", "text_as_written"]


class NotFixed(Exception):
    """A file the fixes could not be written to; ``failed`` makes the run exit 2."""

    def __init__(self, message: str, *, failed: bool) -> None:
        super().__init__(message)
        self.failed = failed


def fix_file(linter: Linter, path: Path) -> FixResult | None:
    """Fix the file at ``path``: the :class:`~valuelint.fixes.FixResult` when it was
    changed, None when no fix applied; raises :class:`NotFixed`."""
    target = Path(os.path.realpath(path))  # write through a symbolic link, not over it
    try:
        limit = int(linter.config_for(path).max_file_size_mb * 1_000_000)
        before = os.stat(target)
        data = read_file(target, limit)
        read_bytes(data, limit)  # the checks a post's bytes pass before it is checked
    except (InputError, OSError, ValueError) as exc:
        raise NotFixed(f"not fixed: {exc}", failed=True) from None
    text = text_as_written(data)
    if text is None:
        raise NotFixed("not fixed: --fix writes UTF-8 files only, and this one is "
                       "UTF-16", failed=False)
    outcome = fix_text(linter, text, path)
    if outcome.text == text:
        return None
    try:
        after = os.stat(target)
        if (after.st_mtime_ns, after.st_size) != (before.st_mtime_ns, before.st_size):
            raise NotFixed("not fixed: the file changed while it was being fixed",
                           failed=True)
        write_atomic(target, outcome.text)
    except OSError as exc:
        raise NotFixed(f"cannot write the fixes: {exc.strerror or exc}",
                       failed=True) from None
    return outcome


def text_as_written(data: bytes) -> str | None:
    """A post's UTF-8 bytes as text, its byte-order mark kept (fixes keep it); None for
    UTF-16, which the fixes are not written back in."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    return data.decode("utf-8")


def fixed_summary(fixed: Sequence[tuple[str, Sequence[Finding]]]) -> str:
    """What ``--fix`` changed, as ruff says it: ``Fixed 3 findings in 2 files:``, then
    each file with the codes it fixed (``fixed``: each file shown, and the findings
    whose fixes were applied to it)."""
    if not fixed:
        return "No fixes applied."
    total = sum(len(applied) for _, applied in fixed)
    lines = [f"Fixed {total} finding{'s' if total != 1 else ''} in {len(fixed)} "
             f"file{'s' if len(fixed) != 1 else ''}:"]
    for shown, applied in fixed:
        counts = Counter((f.code, f.name) for f in applied)
        lines.append(f"  {shown}: " + ", ".join(
            f"{count} x {code} ({name})" for (code, name), count in sorted(counts.items())))
    return "\n".join(lines)
