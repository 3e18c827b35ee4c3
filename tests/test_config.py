"""Configuration: where valuelint finds it, what each key does, and how mistakes are reported."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import EXAMPLES, REPO, Outcome, put
from conftest import invoke as cli
from sample_posts import SELLING, SHORT
from valuelint.config import load_config_file
from valuelint.plugins import load_rules

GOOD = (EXAMPLES / "how-to-profile-python.md").read_text("utf-8")



@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path



def report(*args: str | Path) -> dict[str, dict[str, Any]]:
    """Each checked file's JSON result by path."""
    code, out, err = cli("check", "--format", "json", *args)
    assert code in (0, 1), (code, out, err)
    return {f["path"]: f for f in json.loads(out)["files"]}


#: The rules these tests look at; rules added later must not change what they expect.
CORE = {"THIN001", "PROM001", "BAIT001"}


def codes(*args: str | Path) -> dict[str, list[str]]:
    """The codes of the core rules each checked file reports."""
    return {path: [f["code"] for f in result["findings"] if f["code"] in CORE]
            for path, result in report(*args).items()}


# --------------------------------------------------------------------------- discovery


@pytest.mark.parametrize(("name", "text"), [
    ("pyproject.toml", '[project]\nname = "blog"\n\n[tool.valuelint]\nignore = ["PROM"]\n'),
    ("valuelint.toml", 'ignore = ["PROM"]\n'),
    (".valuelint.toml", 'ignore = ["PROM"]\n'),
])
def test_each_configuration_file_is_read(project: Path, name: str, text: str) -> None:
    put(project, name, text)
    put(project, "post.md", SELLING)
    assert codes() == {"post.md": ["THIN001"]}


def test_configuration_is_found_from_each_files_folder_upward(project: Path) -> None:
    put(project, "valuelint.toml", 'ignore = ["PROM"]\n')
    put(project, "blog/2024/post.md", SELLING)
    assert codes("blog/2024/post.md") == {"blog/2024/post.md": ["THIN001"]}


def test_the_closest_configuration_wins(project: Path) -> None:
    put(project, "valuelint.toml", 'ignore = ["PROM"]\n')
    put(project, "news/valuelint.toml", 'ignore = ["THIN"]\n')
    put(project, "post.md", SELLING)
    put(project, "news/item.md", SELLING)
    assert codes() == {"post.md": ["THIN001"], "news/item.md": ["PROM001"]}


def test_within_one_folder_dot_file_then_valuelint_toml_then_pyproject(project: Path) -> None:
    put(project, "pyproject.toml", '[tool.valuelint]\nselect = ["THIN"]\n')
    put(project, "post.md", SELLING)
    assert codes() == {"post.md": ["THIN001"]}
    put(project, "valuelint.toml", 'select = ["PROM"]\n')
    assert codes() == {"post.md": ["PROM001"]}
    put(project, ".valuelint.toml", 'select = ["ALL"]\n')
    assert codes() == {"post.md": ["THIN001", "PROM001"]}


def test_a_pyproject_without_a_valuelint_table_is_passed_over(project: Path) -> None:
    put(project, "valuelint.toml", 'ignore = ["PROM"]\n')
    put(project, "blog/pyproject.toml", '[project]\nname = "blog"\n')
    put(project, "blog/post.md", SELLING)
    assert codes() == {"blog/post.md": ["THIN001"]}


def test_a_broken_pyproject_that_configures_valuelint_is_reported(project: Path) -> None:
    put(project, "valuelint.toml", 'ignore = ["PROM"]\n')
    put(project, "blog/pyproject.toml", '[tool.valuelint]\nignore = ["THIN"\n')
    put(project, "blog/post.md", SELLING)
    code, out, _ = cli("check")
    assert code == 2
    assert "blog/pyproject.toml: error: not valid TOML" in out


def test_discovery_stops_at_the_repository_root(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    put(tmp_path, "valuelint.toml", 'ignore = ["PROM"]\n')  # outside the repository
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    put(repo, "post.md", SELLING)
    monkeypatch.chdir(repo)
    assert codes() == {"post.md": ["THIN001", "PROM001"]}


def test_config_option_overrides_discovery(project: Path) -> None:
    put(project, "valuelint.toml", 'ignore = ["PROM"]\n')
    put(project, "news/valuelint.toml", 'ignore = ["THIN"]\n')
    put(project, "ci/strict.toml", 'select = ["PROM"]\n')
    put(project, "post.md", SELLING)
    put(project, "news/item.md", SELLING)
    assert codes("--config", "ci/strict.toml") == {
        "post.md": ["PROM001"], "news/item.md": ["PROM001"]}


def test_a_missing_config_option_file_is_an_error(project: Path) -> None:
    put(project, "post.md", SHORT)
    code, out, err = cli("check", "--config", "nope.toml")
    assert code == 2
    assert err.startswith("valuelint: error: nope.toml: cannot read")
    assert out == ""


# --------------------------------------------------------------------------- selection


@pytest.mark.parametrize(("table", "expected"), [
    ('select = ["THIN001"]', ["THIN001"]),
    ('select = ["PROM"]', ["PROM001"]),
    ('select = ["hard-sell"]', ["PROM001"]),
    ('ignore = ["too-short"]', ["PROM001"]),
    ('select = ["THIN"]\nextend-select = ["PROM001"]', ["THIN001", "PROM001"]),
    # the most specific selector wins
    ('ignore = ["PROM"]\nselect = ["ALL", "PROM001"]', ["THIN001", "PROM001"]),
    ('select = ["PROM"]\nignore = ["PROM001"]', []),
    ('select = ["THIN001"]\nignore = ["too-short"]', []),
    # at equal specificity, ignore wins
    ('select = ["PROM001"]\nignore = ["PROM001"]', []),
    ('select = ["ALL"]\nignore = ["ALL"]', []),
])
def test_select_ignore_and_extend_select(project: Path, table: str,
                                         expected: list[str]) -> None:
    put(project, "valuelint.toml", table + "\n")
    put(project, "post.md", SELLING)
    assert codes() == {"post.md": expected}


def test_the_command_line_has_the_last_word_over_the_configuration(project: Path) -> None:
    put(project, "valuelint.toml", 'select = ["THIN001", "PROM001"]\nignore = ["BAIT"]\n')
    put(project, "post.md", SELLING + "\nLike this post!\n")
    assert codes() == {"post.md": ["THIN001", "PROM001"]}
    # --select replaces the configured selection, ignored rules included
    assert codes("--select", "PROM") == {"post.md": ["PROM001"]}
    assert codes("--select", "PROM,BAIT") == {"post.md": ["PROM001", "BAIT001"]}
    # --ignore turns off rules the configuration selects by their full code
    assert codes("--ignore", "THIN") == {"post.md": ["PROM001"]}
    # --extend-select adds to the configured selection
    assert codes("--extend-select", "engagement-begging") == {
        "post.md": ["THIN001", "PROM001", "BAIT001"]}
    # within the command line, the most specific selector wins
    assert codes("--ignore", "PROM", "--extend-select", "PROM001") == {
        "post.md": ["THIN001", "PROM001"]}


def test_per_file_ignores_by_glob(project: Path) -> None:
    put(project, "valuelint.toml",
        '[per-file-ignores]\n"news/*.md" = ["THIN001"]\n"promo-*.md" = ["hard-sell"]\n')
    put(project, "news/item.md", SELLING)
    put(project, "promo-launch.md", SELLING)
    put(project, "post.md", SELLING)
    assert codes() == {
        "post.md": ["THIN001", "PROM001"],
        "promo-launch.md": ["THIN001"],
        "news/item.md": ["PROM001"],
    }


def test_per_file_ignores_win_over_a_more_specific_select(project: Path) -> None:
    put(project, "valuelint.toml",
        'select = ["THIN001", "PROM001"]\n[per-file-ignores]\n"news/*" = ["THIN"]\n')
    put(project, "news/item.md", SELLING)
    put(project, "post.md", SELLING)
    assert codes() == {"post.md": ["THIN001", "PROM001"], "news/item.md": ["PROM001"]}


def test_per_file_ignores_are_relative_to_the_configuration_folder(project: Path) -> None:
    put(project, "blog/valuelint.toml", '[per-file-ignores]\n"news/*" = ["THIN"]\n')
    put(project, "blog/news/item.md", SHORT)
    put(project, "news/item.md", SHORT)
    assert codes() == {"news/item.md": ["THIN001"], "blog/news/item.md": []}


# --------------------------------------------------------------------------- rule options


def test_rule_options_by_code(project: Path) -> None:
    put(project, "post.md", "# Notes\n\nA few words about the release.\n")  # seven words
    put(project, "valuelint.toml", "[rules.THIN001]\nmin-words = 7\n")
    assert codes() == {"post.md": []}
    put(project, "valuelint.toml", "[rules.THIN001]\nmin-words = 8\n")
    [finding] = report("--select", "THIN001")["post.md"]["findings"]
    assert "has 7 words of prose, fewer than the 8" in finding["message"]


def test_rule_options_by_name_and_severity(project: Path) -> None:
    put(project, "valuelint.toml", '[rules.too-short]\nseverity = "error"\n')
    put(project, "post.md", SHORT)
    [finding] = report("--select", "THIN001")["post.md"]["findings"]
    assert finding["severity"] == "error"


def test_a_lower_severity_stops_a_rule_failing_the_run(project: Path) -> None:
    put(project, "post.md", SHORT)
    put(project, "valuelint.toml", 'select = ["THIN001"]\n')
    assert cli("check")[0] == 1
    put(project, "valuelint.toml", 'select = ["THIN001"]\n[rules.THIN001]\nseverity = "info"\n')
    assert cli("check")[0] == 0


# --------------------------------------------------------------------------- thresholds


def test_fail_under_and_fail_on_from_configuration(project: Path) -> None:
    put(project, "post.md", SHORT)
    put(project, "valuelint.toml", 'select = ["THIN001"]\n')
    score = report()["post.md"]["score"]
    put(project, "valuelint.toml",
        f'select = ["THIN001"]\nfail-on = "error"\nfail-under = {score}\n')
    assert cli("check")[0] == 0
    put(project, "valuelint.toml",
        f'select = ["THIN001"]\nfail-on = "error"\nfail-under = {score + 1}\n')
    assert cli("check")[0] == 1
    assert report()["post.md"]["failing"] is True


def test_fail_on_in_the_configuration_ignores_case(project: Path) -> None:
    """`fail-on = "ERROR"` means what `--fail-on ERROR` means."""
    put(project, "post.md", SHORT)
    put(project, "valuelint.toml", 'select = ["THIN001"]\nfail-on = "ERROR"\nfail-under = 0\n')
    code, _out, err = cli("check")
    assert code == 0, err
    put(project, "valuelint.toml", 'select = ["THIN001"]\nfail-on = "Info"\nfail-under = 0\n')
    assert cli("check")[0] == 1


def test_command_line_thresholds_override_the_configuration(project: Path) -> None:
    put(project, "valuelint.toml", 'select = ["THIN001"]\nfail-on = "error"\nfail-under = 100\n')
    put(project, "post.md", SHORT)
    assert cli("check")[0] == 1
    assert cli("check", "--fail-under", "0")[0] == 0
    assert cli("check", "--fail-under", "0", "--fail-on", "warning")[0] == 1


def test_max_file_size_mb(project: Path) -> None:
    put(project, "post.md", GOOD)
    size_mb = (project / "post.md").stat().st_size / 1e6
    put(project, "valuelint.toml", f'select = ["THIN001"]\nmax-file-size-mb = {size_mb * 2}\n')
    assert cli("check")[0] == 0
    put(project, "valuelint.toml", f"max-file-size-mb = {size_mb / 2}\n")
    code, out, _ = cli("check")
    assert code == 2
    assert "post.md: error: file is" in out and "(max-file-size-mb)" in out


def test_language_and_model_are_accepted(project: Path) -> None:
    put(project, "valuelint.toml", 'language = "en"\nmodel = ""\n')
    put(project, "post.md", SELLING)
    assert codes() == {"post.md": ["THIN001", "PROM001"]}


# --------------------------------------------------------------------------- mistakes


BAD_CONFIGS = [
    ("unknown-key", "colour = true", "unknown key 'colour'"),
    ("underscore-key", "fail_under = 60", "unknown key 'fail_under' (did you mean 'fail-under'?)"),
    ("unknown-code", 'select = ["NOPE001"]', "'select': 'NOPE001' matches no installed rule"),
    ("unknown-prefix", 'ignore = ["ZZZ"]', "'ignore': 'ZZZ' matches no installed rule"),
    ("unknown-extend", 'extend-select = ["nope"]', "'extend-select': 'nope' matches no"),
    ("select-type", "select = 3", "'select': expected a list of strings"),
    ("fail-under-high", "fail-under = 101", "'fail-under': expected a number from 0 to 100"),
    ("fail-under-type", 'fail-under = "high"', "'fail-under': expected a number"),
    ("fail-under-bool", "fail-under = true", "'fail-under': expected a number"),
    ("fail-on", 'fail-on = "fatal"', "'fail-on': expected one of error, warning, info"),
    ("include-type", "include = [1, 2]", "'include': expected a list of strings"),
    ("exclude-type", "exclude = {a = 1}", "'exclude': expected a list of strings"),
    ("language-type", "language = 3", "'language': expected a string"),
    ("model-type", "model = false", "'model': expected a string"),
    ("size-zero", "max-file-size-mb = 0", "'max-file-size-mb': expected a number above 0"),
    ("size-type", 'max-file-size-mb = "5"', "'max-file-size-mb': expected a number"),
    ("pfi-type", 'per-file-ignores = ["a"]', "'per-file-ignores': expected a table"),
    ("pfi-code", '[per-file-ignores]\n"*.md" = ["NOPE"]',
     "'per-file-ignores.\"*.md\"': 'NOPE' matches no"),
    ("rules-code", "[rules.NOPE001]\nseverity = 'info'", "'rules.NOPE001': no installed rule"),
    ("rules-option", "[rules.THIN001]\nmin-word = 10",
     "'rules.THIN001.min-word': THIN001 has no option 'min-word'"),
    ("rules-type", '[rules.THIN001]\nmin-words = "ten"',
     "'rules.THIN001.min-words': expected an integer"),
    ("rules-range", "[rules.THIN001]\nmin-words = -1",
     "'rules.THIN001.min-words': expected at least 0"),
    ("rules-severity", '[rules.hard-sell]\nseverity = "fatal"',
     "'rules.hard-sell.severity': expected one of error, warning, info"),
    ("rules-not-table", "rules = 3", "'rules': expected a table"),
    ("toml", "select = [", "not valid TOML"),
]


@pytest.mark.parametrize(("text", "message"), [(t, m) for _, t, m in BAD_CONFIGS],
                         ids=[case[0] for case in BAD_CONFIGS])
def test_a_mistake_in_a_configuration_file_names_the_file_and_key(
    project: Path, text: str, message: str,
) -> None:
    put(project, "valuelint.toml", text + "\n")
    put(project, "post.md", SHORT)
    code, out, _ = cli("check")
    assert code == 2
    errors = [line for line in out.splitlines() if ": error: " in line]
    assert len(errors) == 1, out
    assert errors[0].startswith("valuelint.toml: error: ")
    assert message in errors[0]


def test_a_mistake_in_pyproject_names_the_file(project: Path) -> None:
    put(project, "pyproject.toml", "[tool.valuelint]\nfail-under = 200\n")
    put(project, "post.md", SHORT)
    code, out, _ = cli("check")
    assert code == 2
    assert "pyproject.toml: error: 'fail-under': expected a number from 0 to 100, got 200" in out


def test_a_mistake_in_the_config_option_file_stops_the_run(project: Path) -> None:
    put(project, "strict.toml", 'fail-on = "loud"\n')
    put(project, "post.md", SHORT)
    code, out, err = cli("check", "--config", "strict.toml")
    assert code == 2
    assert out == ""
    assert err == ("valuelint: error: strict.toml: 'fail-on': expected one of error, "
                   "warning, info, got 'loud'\n")


def test_a_broken_configuration_does_not_stop_other_folders(project: Path) -> None:
    put(project, "a/valuelint.toml", "bogus = 1\n")
    put(project, "a/one.md", SHORT)
    put(project, "a/deeper/two.md", SHORT)
    put(project, "b/post.md", GOOD)
    put(project, "c.md", GOOD)
    code, out, _ = cli("check", "--select", "THIN001,PROM001")
    assert code == 2
    assert out.count("a/valuelint.toml: error: unknown key 'bogus'") == 1
    assert "a/one.md" not in out and "two.md" not in out
    assert re.search(r"^b/post\.md: score \d+/100 \(ok\)$", out, re.M), out
    assert re.search(r"^c\.md: score \d+/100 \(ok\)$", out, re.M), out


def test_a_broken_configuration_is_reported_once_for_many_named_files(project: Path) -> None:
    put(project, "valuelint.toml", "bogus = 1\n")
    put(project, "one.md", SHORT)
    put(project, "two.md", SHORT)
    code, out, _ = cli("check", "one.md", "two.md")
    assert code == 2
    assert [line for line in out.splitlines() if ": error: " in line] == [
        "valuelint.toml: error: unknown key 'bogus'"]


def test_a_broken_configuration_in_a_real_process(
    tmp_path: Path, valuelint: Callable[..., Outcome],
) -> None:
    (tmp_path / ".git").mkdir()
    put(tmp_path, "valuelint.toml", '[rules.THIN001]\nmin-words = "many"\n')
    put(tmp_path, "post.md", SHORT)
    result = valuelint("check", "--format", "json", cwd=tmp_path)
    assert result.code == 2
    assert "Traceback" not in result.stdout + result.stderr
    [entry] = result.json()["files"]
    assert entry["path"] == "valuelint.toml"
    assert entry["errors"] == ["'rules.THIN001.min-words': expected an integer, got str 'many'"]
    assert result.stderr == ("valuelint.toml: error: 'rules.THIN001.min-words': "
                             "expected an integer, got str 'many'\n")


# --------------------------------------------------------------------------- documentation


def _doc_examples() -> list[str]:
    text = (REPO / "docs" / "configuration.md").read_text("utf-8")
    return re.findall(r"```toml\n(.*?)```", text, re.DOTALL)


@pytest.mark.parametrize("example", _doc_examples())
def test_every_configuration_example_in_the_docs_is_valid(tmp_path: Path, example: str) -> None:
    name = "pyproject.toml" if "[tool.valuelint" in example else "valuelint.toml"
    path = put(tmp_path, name, example)
    config = load_config_file(path, load_rules())
    assert config.path == path.resolve()


def test_the_docs_list_every_configuration_key() -> None:
    from valuelint.config import _TOP_KEYS

    text = (REPO / "docs" / "configuration.md").read_text("utf-8")
    table = text.split("## Every key", 1)[1].split("\n## ", 1)[0]
    documented = set(re.findall(r"^\| `([a-z-]+)` \|", table, re.MULTILINE))
    assert documented == _TOP_KEYS
