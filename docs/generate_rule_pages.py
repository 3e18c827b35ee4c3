"""Write docs/rules/: one page per installed rule, from the rule's own declaration.

A page is the rule's docstring, its *Options* section generated from its
``Option`` declarations (:meth:`valuelint.rule.Rule.documentation`) and, for a
rule shipped with valuelint, a *Files* section: its source file, the word lists
it reads and its test cases.

Run after changing a rule: ``python docs/generate_rule_pages.py``. The test
suite fails when a page is missing or out of date.
"""

from __future__ import annotations

import ast
import inspect
import sys
from pathlib import Path

from valuelint.plugins import load_rules
from valuelint.rule import Rule

REPO = Path(__file__).resolve().parent.parent
RULES_DIR = REPO / "docs" / "rules"
WORDLISTS = REPO / "rules" / "valuelint_rules" / "wordlists"
FIXTURES = REPO / "tests" / "fixtures" / "rules"


def wordlists(rule: type[Rule]) -> list[str]:
    """Names of the ``wordlists/`` files a built-in rule reads.

    Those it declares (``wordlist``, ``tiers``, ``yields_to``), those its
    module names as a string (``load_phrases(PACKAGE, "promo_cta")``) and those
    of other rules it names (``EngagementBegging.wordlist``).
    """
    shipped = {path.stem for path in WORDLISTS.glob("*.txt")}
    names: list[str] = []
    declared = [getattr(rule, "wordlist", None)]
    declared += [name for name, _ in getattr(rule, "tiers", ())]
    declared += list(getattr(rule, "yields_to", ()))
    module = inspect.getmodule(rule)
    tree = ast.parse(inspect.getsource(module))  # type: ignore[arg-type]
    written = [node.value for node in ast.walk(tree)
               if isinstance(node, ast.Constant) and isinstance(node.value, str)]
    written += [getattr(getattr(module, node.value.id, None), "wordlist", None)
                for node in ast.walk(tree) if isinstance(node, ast.Attribute)
                and node.attr == "wordlist" and isinstance(node.value, ast.Name)]
    for name in [*declared, *written]:
        if name in shipped and name not in names:
            names.append(name)
    return names


def files_section(rule: type[Rule]) -> str:
    """Where a built-in rule lives in the repository, as links relative to docs/rules/."""
    source = Path(inspect.getfile(rule)).resolve().relative_to(REPO)
    lines = [f"- Code: [`{source}`](../../{source})"]
    lines += [f"- Word list: [`{path}`](../../{path})"
              for path in (WORDLISTS.relative_to(REPO) / f"{name}.txt" for name in wordlists(rule))]
    fixture = FIXTURES / f"{rule.code}.yml"
    if fixture.exists():
        path = fixture.relative_to(REPO)
        lines.append(f"- Test cases: [`{path}`](../../{path}), "
                     "run by `tests/test_rule_fixtures.py`")
    return "## Files\n" + "\n".join(lines)


def rule_page(rule: type[Rule]) -> str:
    header = (
        f"# {rule.code}: {rule.name}\n\n"
        f"Category: `{rule.category.value}` · default severity: `{rule.severity.value}`\n\n"
    )
    body = rule.documentation().split("\n", 1)
    summary = body[0].strip()
    rest = body[1].strip() if len(body) > 1 else ""
    if not rule.fixes:
        rest = rest.replace("\n\n## Options\n", "\n\n## Fixes\nNone: `valuelint check "
                            "--fix` leaves this rule's findings to the writer.\n\n## Options\n", 1)
    if rule.__module__.startswith(("valuelint_rules.", "valuelint.")):
        rest += "\n\n" + files_section(rule)
    return f"{header}{summary}\n\n{rest}\n"


def index_page(rules: dict[str, type[Rule]]) -> str:
    lines = ["# Rules", "", "A rule marked *fix* offers safe fixes for some of its findings "
             "(`valuelint check --fix`, see [fixes.md](../fixes.md)).", "",
             "| code | name | category | severity | fix | what it finds |",
             "| --- | --- | --- | --- | --- | --- |"]
    for code, rule in rules.items():
        fix = "fix" if rule.fixes else ""
        lines.append(f"| [{code}]({code}.md) | {rule.name} | {rule.category.value} | "
                     f"{rule.severity.value} | {fix} | {rule.summary()} |")
    return "\n".join(lines) + "\n"


def expected_pages() -> dict[Path, str]:
    rules = load_rules()
    pages = {RULES_DIR / f"{code}.md": rule_page(rule) for code, rule in rules.items()}
    pages[RULES_DIR / "index.md"] = index_page(rules)
    return pages


def main() -> int:
    RULES_DIR.mkdir(exist_ok=True)
    pages = expected_pages()
    for stale in RULES_DIR.glob("*.md"):
        if stale not in pages:
            stale.unlink()
    for path, text in pages.items():
        path.write_text(text, encoding="utf-8")
    print(f"wrote {len(pages)} pages to {RULES_DIR}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
