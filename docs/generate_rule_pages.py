"""Write docs/rules/: one page per installed rule, from the rule's own declaration.

A page is the rule's docstring and its *Options* section generated from its
``Option`` declarations (:meth:`valuelint.rule.Rule.documentation`).

Run after changing a rule: ``python docs/generate_rule_pages.py``. The test
suite fails when a page is missing or out of date.
"""

from __future__ import annotations

import sys
from pathlib import Path

from valuelint.plugins import load_rules
from valuelint.rule import Rule

RULES_DIR = Path(__file__).resolve().parent / "rules"


def rule_page(rule: type[Rule]) -> str:
    header = (
        f"# {rule.code}: {rule.name}\n\n"
        f"Category: `{rule.category.value}` · default severity: `{rule.severity.value}`\n\n"
    )
    body = rule.documentation().split("\n", 1)
    summary = body[0].strip()
    rest = body[1].strip() if len(body) > 1 else ""
    return f"{header}{summary}\n\n{rest}\n"


def index_page(rules: dict[str, type[Rule]]) -> str:
    lines = ["# Rules", "", "| code | name | category | severity | what it finds |",
             "| --- | --- | --- | --- | --- |"]
    for code, rule in rules.items():
        lines.append(f"| [{code}]({code}.md) | {rule.name} | {rule.category.value} | "
                     f"{rule.severity.value} | {rule.summary()} |")
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
