"""Shared test helpers: real files in temporary folders, the real command line."""

from __future__ import annotations

import json
import os
import shutil
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


def invoke(*args: str | os.PathLike[str]) -> tuple[int, str, str]:
    """Run the command line in this process: (exit code, stdout, stderr).

    An exception other than the command's own exit is raised, so that a
    traceback a user would see fails the test instead of passing as exit 1.
    """
    from typer.testing import CliRunner

    from valuelint.cli import app

    result = CliRunner().invoke(app, [os.fspath(a) for a in args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def put(root: Path, name: str, text: str) -> Path:
    """Write ``text`` to ``root/name``, making its folders."""
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


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


# --------------------------------------------------------------------------- installing


@pytest.fixture(scope="session")
def builder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Python of a scratch virtualenv that builds packages offline.

    virtualenv seeds pip and a current setuptools from the wheels it ships
    with, so ``--no-build-isolation --no-index`` builds never touch the network,
    whatever setuptools the test environment itself has.
    """
    venv = tmp_path_factory.mktemp("pack-builder")
    subprocess.run(
        [sys.executable, "-m", "virtualenv", "--quiet", "--no-download",
         "--no-periodic-update", str(venv)],
        check=True, capture_output=True, text=True, timeout=300,
    )
    return venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def install(builder: Path, source: Path, target: Path) -> Path:
    """``pip install`` the package at ``source`` into ``target``; returns ``target``."""
    work = target.parent / f"{target.name}-src"
    shutil.copytree(source, work)  # building writes build/ and *.egg-info next to the source
    proc = subprocess.run(
        [str(builder), "-m", "pip", "install", "--quiet", "--no-deps",
         "--no-build-isolation", "--no-index", "--disable-pip-version-check",
         "--target", str(target), str(work)],
        capture_output=True, text=True, timeout=300, check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return target


def with_path(*folders: Path) -> dict[str, str]:
    """Environment in which a valuelint process also imports from ``folders``, first."""
    paths = [str(f) for f in folders]
    if os.environ.get("PYTHONPATH"):
        paths.append(os.environ["PYTHONPATH"])
    return {"PYTHONPATH": os.pathsep.join(paths)}


# --------------------------------------------------------------------------- a trained pipeline


@pytest.fixture(scope="session")
def tagger(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A trained English tagger saved as a spaCy pipeline folder (see tiny_tagger.py)."""
    from tiny_tagger import train

    return train(tmp_path_factory.mktemp("tagger") / "tiny_tagger")


def package_tagger(builder: Path, tagger: Path, version: str, target: Path) -> Path:
    """The tagger packaged by ``spacy package`` as ``en_tiny_tagger`` at ``version`` and
    installed with pip into ``target`` (for ``PYTHONPATH``); returns ``target``."""
    output = target.parent / f"{target.name}-package"
    output.mkdir(parents=True)
    proc = subprocess.run(
        [sys.executable, "-m", "spacy", "package", str(tagger), str(output), "--build", "none",
         "--name", "tiny_tagger", "--version", version],
        capture_output=True, text=True, timeout=300, check=False,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return install(builder, output / f"en_tiny_tagger-{version}", target)


def assert_skipped_unless_required(test_file: str, test: str, *, tool_variable: str,
                                   missing: Path, require_variable: str, reason: str,
                                   required_message: str, required: bool) -> None:
    """Run ``test`` of ``test_file`` in a pytest of its own with its tool pointed at a
    ``missing`` path: it must skip saying ``reason``, or fail saying ``required_message``
    when ``require_variable`` is set, as CI sets it."""
    env = {key: value for key, value in os.environ.items()
           if key not in (require_variable, "PYTEST_ADDOPTS")}
    env[tool_variable] = str(missing)
    if required:
        env[require_variable] = "1"
    node = f"{test_file}::{test}"
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-rfs", "-q", node],
        cwd=Path(__file__).parent, env=env, capture_output=True, text=True, timeout=300,
        check=False)
    if required:
        assert proc.returncode == 1, proc.stdout
        assert f"FAILED {node}" in proc.stdout, proc.stdout
        assert f"{reason}; {required_message}" in proc.stdout, proc.stdout
    else:
        assert proc.returncode == 0, proc.stdout
        assert f"SKIPPED [1] {test_file}" in proc.stdout and reason in proc.stdout, proc.stdout
