"""The facts rules share about a post: words per block, front matter key lines, and the
severity a rule reports at when the user configured one."""

from __future__ import annotations

from pathlib import Path

from valuelint.config import parse_config
from valuelint.document import parse_document
from valuelint.engine import check_text
from valuelint.facts import PostFacts, count_words, front_matter_key_line
from valuelint.plugins import load_rules
from valuelint.rule import RuleContext, Severity

RULES = load_rules()

POST = """\
---
date: 2024-05-02
tags: [release]

description: ""
title: Gadget 4.4.2 released
---

# Gadget 4.4.2

We fixed two bugs in the well-known parser: don't miss v1.2's notes.

- One fix.
- Another fix, for the `--watch` flag.
"""


def test_words_per_block_add_up_to_the_posts_word_count() -> None:
    doc = parse_document("post.md", POST)
    facts = PostFacts(doc)
    assert facts.block_words == tuple(count_words(block.text) for block in doc.blocks)
    assert facts.word_count == doc.word_count == sum(facts.block_words)
    assert count_words("don't miss v1.2's well-known notes_") == 5


def test_a_front_matter_key_is_found_on_its_line() -> None:
    doc = parse_document("post.md", POST)
    assert front_matter_key_line(doc, "title") == 6
    assert front_matter_key_line(doc, "date") == 2
    assert front_matter_key_line(doc, "summary") is None
    # A key under a blank line is placed on the blank line (what META002 reports).
    assert front_matter_key_line(doc, "description") == 4


def test_toml_front_matter_keys_and_posts_without_front_matter() -> None:
    toml = parse_document("post.md", '+++\n"title" = ""\ndraft = true\n+++\n\nText.\n')
    assert front_matter_key_line(toml, "title") == 2
    assert front_matter_key_line(toml, "draft") == 3
    plain = parse_document("post.md", "# Title\n\ntitle: not front matter\n")
    assert front_matter_key_line(plain, "title") is None


def test_facts_are_computed_once_per_post_and_shared_by_the_rules() -> None:
    doc = parse_document("post.md", POST)
    shared: dict[str, object] = {}
    first, second = (RuleContext(rule=RULES[code](), document=doc, options={}, shared=shared)
                     for code in ("THIN001", "STRU001"))
    assert first.facts is second.facts


def test_a_configured_severity_overrides_the_rules_own_choice() -> None:
    doc = parse_document("post.md", POST)
    rule = RULES["THIN001"]()
    default = RuleContext(rule=rule, document=doc, options={"severity": "warning"})
    assert not default.severity_configured
    assert default.severity_or(Severity.ERROR) is Severity.ERROR
    configured = RuleContext(rule=rule, document=doc, options={"severity": "info"})
    assert configured.severity_configured
    assert configured.severity_or(Severity.ERROR) is Severity.INFO


def test_a_user_who_sets_too_short_to_info_never_gets_an_error() -> None:
    stub = "---\ntitle: Soon\n---\n\nMore soon.\n"
    config = parse_config({"select": ["THIN001"]}, None, RULES)
    found = check_text(stub, "post.md", config, RULES, Path("post.md")).findings
    assert [f.severity for f in found] == [Severity.ERROR]
    config = parse_config({"select": ["THIN001"], "rules": {"THIN001": {"severity": "info"}}},
                          None, RULES)
    found = check_text(stub, "post.md", config, RULES, Path("post.md")).findings
    assert [f.severity for f in found] == [Severity.INFO]
