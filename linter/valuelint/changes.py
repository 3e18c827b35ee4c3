"""What git knows about a post: whether it changed since a revision, and when it last did.

``valuelint check --diff BASE`` checks only the posts :func:`changed_since`
finds; SITE009 (stale drafts) dates a draft by :func:`last_change`. Both run
``git`` as a command, in the post's repository; nothing here reads or writes a
repository any other way.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from pathlib import Path

from valuelint.source import relative_within, resolved

__all__ = ["ChangesError", "changed_since", "last_change"]


class ChangesError(Exception):
    """``--diff`` cannot be answered: no git, not a repository, an unknown revision."""


def _git(args: Sequence[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True,
                              timeout=60, check=False)
    except FileNotFoundError:
        raise ChangesError("--diff needs git, and git is not installed") from None
    except subprocess.TimeoutExpired:
        raise ChangesError(
            f"--diff: 'git {' '.join(args)}' did not finish in 60 seconds") from None


def changed_since(
    base: str, paths: Sequence[Path], wanted: Callable[[Path], bool],
) -> list[Path]:
    """The files changed since ``base`` (a git revision), under ``paths`` when given,
    that ``wanted`` keeps; resolved, sorted by their path in the repository.

    Changed means added, copied, modified, renamed or retyped between the
    point where the current branch left ``base`` (their merge base) and the
    working tree, or new and not ignored by git. Raises :class:`ChangesError`
    when git cannot answer.
    """
    cwd = Path.cwd()
    if not base.strip() or base.startswith("-"):
        raise ChangesError(f"--diff: '{base}' is not a git revision")
    top = _git(["rev-parse", "--show-toplevel"], cwd)
    if top.returncode != 0:
        raise ChangesError("--diff: the current folder is not in a git repository")
    root = Path(top.stdout.strip()).resolve()
    revision = _git(["rev-parse", "--verify", "--quiet", f"{base}^{{commit}}"], cwd)
    if revision.returncode != 0:
        raise ChangesError(f"--diff: unknown git revision '{base}'")
    merge_base = _git(["merge-base", revision.stdout.strip(), "HEAD"], cwd)
    start = merge_base.stdout.strip() if merge_base.returncode == 0 else \
        revision.stdout.strip()
    changed = _git(["diff", "--name-only", "-z", "--no-renames", "--diff-filter=ACMRT",
                    start, "--"], root)
    if changed.returncode != 0:
        raise ChangesError(f"--diff: git diff failed: {' '.join(changed.stderr.split())}")
    untracked = _git(["ls-files", "--others", "--exclude-standard", "-z"], root)
    names = set(changed.stdout.split("\0")) | set(untracked.stdout.split("\0"))
    limits = [resolved(p) for p in paths]
    found: list[Path] = []
    for name in sorted(n for n in names if n):
        file = root / name
        if not file.is_file():
            continue
        if limits and not any(relative_within(file, limit) is not None for limit in limits):
            continue
        if wanted(file):
            found.append(file)
    return found


def last_change(file: Path) -> tuple[date, str]:
    """When a file last changed: the date of its last commit when it is committed and
    unchanged since (``"last commit"``), else of its modification time (``"file
    modified"``)."""
    folder = file.parent
    try:
        status = subprocess.run(
            ["git", "status", "--porcelain", "--", file.name], cwd=folder,
            capture_output=True, text=True, timeout=20, check=False)
        if status.returncode == 0 and not status.stdout.strip():
            log = subprocess.run(
                ["git", "log", "-1", "--format=%ct", "--", file.name], cwd=folder,
                capture_output=True, text=True, timeout=20, check=False)
            if log.returncode == 0 and log.stdout.strip().isdigit():
                stamp = int(log.stdout.strip())
                return datetime.fromtimestamp(stamp, UTC).date(), "last commit"
    except (OSError, subprocess.SubprocessError):
        pass
    try:
        modified = os.stat(file).st_mtime
    except OSError:
        modified = 0.0
    return datetime.fromtimestamp(modified, UTC).date(), "file modified"
