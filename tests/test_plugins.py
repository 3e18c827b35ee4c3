"""Rule packs: installed with pip, found through entry points, checked before any run.

Every pack here is really installed (``pip install --target``) from a local
folder and used by a real ``valuelint`` process, as a user's pack would be.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import REPO, Outcome, install, run_valuelint, with_path
from valuelint.plugins import DOC_SECTIONS, load_packs, validate_rule
from valuelint.rule import Category, Option, Rule, options_markdown

EXAMPLE_PACK = REPO / "examples" / "plugin-pack"

DRAFT = """\
# Benchmarks

The full results are online: [click here](https://example.com/bench).
How we measured is in [the benchmark write-up](https://example.com/method).

- Raw data: [Here!](https://example.com/data)
"""
"""Vague link texts at 3:30 and 6:13; the descriptive link on line 4 is fine."""


def make_pack(root: Path, dist: str, module: str, code: str,
              entry_point: str = "RULES") -> Path:
    """Write the source of a one-module pack registering ``module:entry_point``."""
    root.mkdir(parents=True)
    (root / "pyproject.toml").write_text(textwrap.dedent(f"""\
        [build-system]
        requires = ["setuptools>=70.1"]
        build-backend = "setuptools.build_meta"

        [project]
        name = "{dist}"
        version = "1.0.0"

        [project.entry-points."valuelint.rules"]
        {module} = "{module}:{entry_point}"

        [tool.setuptools]
        py-modules = ["{module}"]
        """), encoding="utf-8")
    (root / f"{module}.py").write_text(textwrap.dedent(code), encoding="utf-8")
    return root


def rule_source(code: str = "COPY001", name: str = "copied-rule",
                doc_sections: tuple[str, ...] = DOC_SECTIONS) -> str:
    """Source of a module whose ``RULES`` holds one rule declared with these values."""
    sections = "".join(f"\n    ## {section}\n    Text.\n" for section in doc_sections)
    return (
        "from valuelint.rule import Category, Rule\n\n\n"
        "class Copied(Rule):\n"
        f'    """A rule of another pack.\n{sections}    """\n\n'
        f"    code = {code!r}\n"
        f"    name = {name!r}\n"
        "    category = Category.THIN\n\n"
        "    def check(self, ctx):\n"
        "        return iter(())\n\n\n"
        "RULES = (Copied,)\n"
    )


def run_with(targets: tuple[Path, ...], *args: str | os.PathLike[str],
             cwd: Path | None = None) -> Outcome:
    return run_valuelint(*args, cwd=cwd, env=with_path(*targets))


@pytest.fixture(scope="session")
def example_pack(builder: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Folder holding the installed example pack, ready for ``PYTHONPATH``."""
    return install(builder, EXAMPLE_PACK, tmp_path_factory.mktemp("example") / "site")


def findings_of(outcome: Outcome, code: str) -> list[str]:
    """``path:line:col`` of every text-report finding of ``code``."""
    return [line.split(f" {code} ")[0].rstrip(":") for line in outcome.stdout.splitlines()
            if f" {code} [" in line]


# --------------------------------------------------------------------------- the example pack

def test_installed_pack_is_listed_with_the_built_in_rules(example_pack: Path) -> None:
    outcome = run_with((example_pack,), "rules")
    assert outcome.code == 0, outcome.stderr
    rows = {line.split()[0]: line.split() for line in outcome.stdout.splitlines()[1:]}
    assert rows["EXMP001"][1:4] == ["no-click-here", "structure", "warning"]
    assert {"THIN001", "BAIT001", "PROM001"} <= rows.keys()
    assert "EXMP001" not in run_valuelint("rules").stdout  # only where it is installed


def test_installed_pack_rule_reports_vague_link_text_where_it_stands(
    example_pack: Path, tmp_path: Path,
) -> None:
    (tmp_path / "post.md").write_text(DRAFT, encoding="utf-8")
    outcome = run_with((example_pack,), "check", "post.md", cwd=tmp_path)
    assert outcome.code == 1, outcome.stdout + outcome.stderr
    assert findings_of(outcome, "EXMP001") == ["post.md:3:30", "post.md:6:13"]
    assert 'link text "click here" does not say where the link goes' in outcome.stdout
    assert "THIN001" in outcome.stdout  # the built-in rules still run beside it


def test_installed_pack_rule_takes_its_options_from_the_configuration(
    example_pack: Path, tmp_path: Path,
) -> None:
    (tmp_path / "post.md").write_text(DRAFT, encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(textwrap.dedent("""\
        [tool.valuelint]
        select = ["EXMP"]

        [tool.valuelint.rules.no-click-here]
        link-texts = ["the benchmark write-up"]
        severity = "info"
        """), encoding="utf-8")
    outcome = run_with((example_pack,), "check", "post.md", cwd=tmp_path)
    assert findings_of(outcome, "EXMP001") == ["post.md:4:23"]
    assert outcome.code == 0, outcome.stdout  # info findings do not fail by default

    (tmp_path / "pyproject.toml").write_text(
        "[tool.valuelint.rules.EXMP001]\nlink-texts = 3\n", encoding="utf-8")
    outcome = run_with((example_pack,), "check", "post.md", cwd=tmp_path)
    assert outcome.code == 2
    said = outcome.stdout + outcome.stderr
    assert "'rules.EXMP001.link-texts': expected a list of strings" in said


def pack_tests(tmp_path: Path) -> Path:
    """A copy of the example pack's tests (its YAML cases and the test that runs them)."""
    return Path(shutil.copytree(EXAMPLE_PACK / "tests", tmp_path / "tests"))


def run_pack_tests(example_pack: Path, tests: Path) -> Outcome:
    """Run ``tests`` with a real pytest, in an environment where the pack is installed."""
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tests)],
        cwd=tests.parent, capture_output=True, text=True, timeout=300, check=False,
        env={**os.environ, **with_path(example_pack)},
    )
    return Outcome(proc.returncode, proc.stdout, proc.stderr)


def test_a_pack_tests_its_rules_with_the_published_harness(
    example_pack: Path, tmp_path: Path,
) -> None:
    outcome = run_pack_tests(example_pack, pack_tests(tmp_path))
    assert outcome.code == 0, outcome.stdout + outcome.stderr
    assert "3 passed" in outcome.stdout


def test_the_harness_fails_a_pack_case_its_rule_contradicts(
    example_pack: Path, tmp_path: Path,
) -> None:
    tests = pack_tests(tmp_path)
    cases = tests / "fixtures" / "EXMP001.yml"
    cases.write_text(cases.read_text("utf-8").replace("[[1, 40]]", "[[1, 41]]"), "utf-8")
    outcome = run_pack_tests(example_pack, tests)
    assert outcome.code == 1, outcome.stdout + outcome.stderr
    assert "EXMP001-click-here: reported at ((1, 40),), expected ((1, 41),)" in outcome.stdout


def test_rule_command_prints_a_pack_rule_documentation(example_pack: Path) -> None:
    outcome = run_with((example_pack,), "rule", "no-click-here")
    assert outcome.code == 0, outcome.stderr
    assert outcome.stdout.startswith("EXMP001 (no-click-here), structure, default severity "
                                     "warning\n\nLink text that says \"click here\"")
    for section in (*DOC_SECTIONS, "Options"):
        assert f"\n## {section}\n" in outcome.stdout
    # The options section is generated from the declaration, once.
    assert outcome.stdout.count("## Options") == 1
    assert outcome.stdout.endswith(
        '\n## Options\n- `link-texts` (list of strings, default `["click here", "click", '
        '"here", "this link", "link", "read more", "more"]`): Link texts to report, compared '
        "without case or punctuation.\n")


# --------------------------------------------------------------------------- broken packs

def test_pack_that_fails_to_import_stops_the_run_naming_its_package(
    builder: Path, tmp_path: Path,
) -> None:
    source = make_pack(tmp_path / "broken", "valuelint-broken-pack", "broken_pack",
                       "import a_library_that_is_not_installed\n\nRULES = ()\n")
    target = install(builder, source, tmp_path / "site")
    (tmp_path / "post.md").write_text(DRAFT, encoding="utf-8")
    for args in (("check", "post.md"), ("rules",)):
        outcome = run_with((target,), *args, cwd=tmp_path)
        assert outcome.code == 2, outcome.stdout
        assert outcome.stdout == ""
        assert "valuelint: error: rule pack 'broken_pack' from package " \
               "'valuelint-broken-pack' failed to load" in outcome.stderr
        assert "a_library_that_is_not_installed" in outcome.stderr


@pytest.mark.parametrize(("code", "entry_point", "expected"), [
    pytest.param(rule_source(code="X1"), "RULES",
                 "code 'X1' is not 3-4 capital letters and 3 digits", id="bad-code"),
    pytest.param(rule_source(doc_sections=DOC_SECTIONS[:3]), "RULES",
                 "docstring lacks the section(s) ## Use instead",
                 id="missing-doc-sections"),
    pytest.param(rule_source(), "Copied",
                 "bad_pack:Copied is a class, not a sequence of Rule subclasses",
                 id="one-class-not-a-sequence"),
])
def test_pack_with_a_malformed_rule_stops_the_run_naming_its_package(
    builder: Path, tmp_path: Path, code: str, entry_point: str, expected: str,
) -> None:
    source = make_pack(tmp_path / "bad", "valuelint-bad-pack", "bad_pack", code, entry_point)
    target = install(builder, source, tmp_path / "site")
    (tmp_path / "post.md").write_text(DRAFT, encoding="utf-8")
    outcome = run_with((target,), "check", "post.md", cwd=tmp_path)
    assert outcome.code == 2, outcome.stdout
    assert outcome.stdout == ""
    assert "from package 'valuelint-bad-pack' failed to load" in outcome.stderr
    assert expected in outcome.stderr


@pytest.mark.parametrize(("code", "name", "clash"), [
    pytest.param("EXMP001", "vague-links", "rule code EXMP001", id="code-of-another-pack"),
    pytest.param("THIN001", "too-thin", "rule code THIN001", id="code-of-a-built-in-rule"),
    pytest.param("COPY001", "no-click-here", "rule name no-click-here",
                 id="name-of-another-pack"),
])
def test_two_packs_declaring_the_same_rule_stop_the_run_naming_both(
    builder: Path, example_pack: Path, tmp_path: Path, code: str, name: str, clash: str,
) -> None:
    source = make_pack(tmp_path / "copy", "valuelint-copycat-pack", "copycat_pack",
                       rule_source(code=code, name=name))
    target = install(builder, source, tmp_path / "site")
    outcome = run_with((target, example_pack), "rules")
    assert outcome.code == 2, outcome.stdout
    assert clash in outcome.stderr
    assert "'valuelint-copycat-pack'" in outcome.stderr
    other = "'valuelint'" if code == "THIN001" else "'valuelint-example-pack'"
    assert other in outcome.stderr


# --------------------------------------------------------------------------- built-in rules

def builtin_rules() -> list[type[Rule]]:
    return [rule for pack in load_packs() if pack.package == "valuelint" for rule in pack.rules]


def test_built_in_rules_are_all_found() -> None:
    assert {"THIN001", "PROM001", "BAIT001"} <= {rule.code for rule in builtin_rules()}


def doc_sections(doc: str) -> list[tuple[str, str]]:
    """(heading, body) of every ``## `` section; headings inside code examples do not count."""
    sections: list[tuple[str, list[str]]] = []
    in_code = False
    for line in doc.splitlines():
        if line.startswith("```"):
            in_code = not in_code
        if line.startswith("## ") and not in_code:
            sections.append((line[3:].strip(), []))
        elif sections:
            sections[-1][1].append(line)
    return [(heading, "\n".join(body).strip()) for heading, body in sections]


@pytest.mark.parametrize("rule", builtin_rules(),
                         ids=lambda rule: rule.code)
def test_built_in_rule_is_well_formed_and_fully_documented(rule: type[Rule]) -> None:
    validate_rule(rule)
    summary = rule.doc().splitlines()[0]
    assert summary.strip() and not summary.startswith("#"), "the first line is a summary"
    sections = doc_sections(rule.doc())
    assert [heading for heading, _ in sections] == list(DOC_SECTIONS), (
        "options are documented in their Option declarations, not in the docstring")
    for heading, body in sections:
        assert body, f"section '{heading}' is empty"
    for option in rule.options:
        text = option.description
        assert text[:1].isupper() and text.endswith("."), (
            f"option {option.name}: describe it in full sentences")
    generated = dict(doc_sections(rule.documentation()))["Options"]
    assert generated == options_markdown(rule.options)


def test_rule_command_prints_a_rule_documentation_by_code_or_name() -> None:
    rule = next(rule for rule in builtin_rules() if rule.code == "THIN001")
    for key in ("THIN001", "thin001", "too-short"):
        outcome = run_valuelint("rule", key)
        assert outcome.code == 0, outcome.stderr
        assert outcome.stdout == (f"THIN001 (too-short), thin, default severity "
                                  f"{rule.severity.value}\n\n{rule.documentation()}\n")
    assert outcome.stdout.count("## Options") == 1
    assert ("\n- `error-share` (number, default `0.5`, from 0 to 1): A post with at most this "
            "share of its floor's words is reported as an error (0 never escalates).\n"
            in outcome.stdout)


def test_rule_command_says_when_a_rule_has_no_options() -> None:
    outcome = run_valuelint("rule", "META001")
    assert outcome.code == 0, outcome.stderr
    assert outcome.stdout.endswith("\n## Options\nThis rule has no options.\n")


@pytest.mark.parametrize(("option", "line"), [
    pytest.param(Option("max-words", 30, "Longer sentences are long.", minimum=5, maximum=500),
                 "- `max-words` (integer, default `30`, from 5 to 500): Longer sentences are "
                 "long.", id="integer-range"),
    pytest.param(Option("share", 0.25, "A share.", minimum=0.0),
                 "- `share` (number, default `0.25`, at least 0): A share.", id="number-min"),
    pytest.param(Option("check-tracking", True, "Also tracking links."),
                 "- `check-tracking` (true or false, default `true`): Also tracking links.",
                 id="boolean"),
    pytest.param(Option("style", "plain", "A style.", maximum=None),
                 '- `style` (string, default `"plain"`): A style.', id="string"),
    pytest.param(Option("markers", ["TODO", "XXX"], "Markers."),
                 '- `markers` (list of strings, default `["TODO", "XXX"]`): Markers.',
                 id="list"),
])
def test_an_option_is_documented_from_its_declaration(option: Option, line: str) -> None:
    assert option.markdown() == line


class _OldStyleDocs(Rule):
    """A rule of a pack written when docstrings listed their options.

    ## What it does
    Nothing.

    ## Options
    - `limit` (integer, default 3): an outdated description.

    ## Why it matters to readers
    It does not.

    ## Example
    ```markdown
    ## Options
    ```

    ## Use instead
    Nothing.
    """

    code = "OLDS001"
    name = "old-style-docs"
    category = Category.THIN
    options = (Option("limit", 4, "The current description."),)


def test_a_docstring_options_section_is_replaced_by_the_generated_one() -> None:
    validate_rule(_OldStyleDocs)
    page = _OldStyleDocs.documentation()
    assert "outdated" not in page
    assert "## Example\n```markdown\n## Options\n```\n" in page, "code examples are kept"
    assert page.endswith("## Use instead\nNothing.\n\n## Options\n"
                         "- `limit` (integer, default `4`): The current description.")


def test_rule_command_names_an_unknown_rule() -> None:
    outcome = run_valuelint("rule", "NOPE999")
    assert outcome.code == 2
    assert "no rule 'NOPE999'" in outcome.stderr
