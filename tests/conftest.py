"""Shared test helpers: real files in temporary folders, the real command line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"
SHARED = REPO.parent / "shared"


@dataclass
class Outcome:
    """What a valuelint process printed and how it exited."""

    code: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        return json.loads(self.stdout)


def run_valuelint(*args: str | os.PathLike[str], cwd: Path | None = None,
                  stdin: str | None = None, env: dict[str, str] | None = None,
                  timeout: float = 120) -> Outcome:
    """Run the installed ``valuelint`` command in a real subprocess."""
    full_env = {**os.environ, "NO_COLOR": "1", **(env or {})}
    proc = subprocess.run(
        [sys.executable, "-m", "valuelint", *map(str, args)],
        cwd=cwd, input=stdin, capture_output=True, text=True, env=full_env,
        timeout=timeout, check=False,
    )
    return Outcome(proc.returncode, proc.stdout, proc.stderr)


TIMINGS_PREFIX = "valuelint: timings "


def split_timings(stderr: str) -> tuple[str, dict[str, Any]]:
    """A ``VALUELINT_PROFILE=1`` run's stderr without its timings line, and that line's data."""
    lines = stderr.splitlines(keepends=True)
    timings = [line for line in lines if line.startswith(TIMINGS_PREFIX)]
    assert len(timings) == 1, stderr[-3000:]
    rest = "".join(line for line in lines if line not in timings)
    return rest, json.loads(timings[0].removeprefix(TIMINGS_PREFIX))


@pytest.fixture
def valuelint() -> Callable[..., Outcome]:
    return run_valuelint


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, str], Path]:
    """Write a file under the test's temporary folder and return its path."""

    def _write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    return _write
