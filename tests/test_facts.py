"""The facts rules share about a post: words per block, front matter key lines, and the
severity a rule reports at when the user configured one."""

from __future__ import annotations

from pathlib import Path

from valuelint.config import parse_config
from valuelint.document import parse_document
from valuelint.engine import check_text
from valuelint.facts import WORD, PostFacts, Scope, count_words
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
    facts = PostFacts(doc)
    assert facts.key_line("title") == doc.key_line("title") == doc.title_line == 6
    assert facts.key_line("date") == 2
    assert facts.key_line("summary") is None
    # A key under a blank line is placed on the blank line (what META002 reports).
    assert facts.key_line("description") == 4


def test_the_title_key_on_the_last_line_of_a_json_front_matter_is_found() -> None:
    doc = parse_document("post.json.md", '{"draft": false,\n "title": "Gadget 4.4.2"}')
    assert doc.title == "Gadget 4.4.2"
    assert doc.title_line == 2


def test_posts_and_the_site_count_the_same_words() -> None:
    from valuelint.site.similarity import words_of

    doc = parse_document("post.md", POST)
    text = " ".join(block.text for block in doc.blocks)
    assert len(words_of(text)) == doc.word_count == len(WORD.findall(text))


def test_toml_front_matter_keys_and_posts_without_front_matter() -> None:
    toml = parse_document("post.md", '+++\n"title" = ""\ndraft = true\n+++\n\nText.\n')
    assert toml.key_line("title") == 2
    assert toml.key_line("draft") == 3
    plain = parse_document("post.md", "# Title\n\ntitle: not front matter\n")
    assert plain.key_line("title") is None


def test_facts_are_computed_once_per_post_and_shared_by_the_rules() -> None:
    doc = parse_document("post.md", POST)
    shared: dict[str, object] = {}
    first, second = (RuleContext(rule=RULES[code](), document=doc, options={}, shared=shared)
                     for code in ("THIN001", "STRU001"))
    assert first.facts is second.facts


def _paragraph_lengths(ctx: RuleContext) -> list[int]:
    calls.append(ctx.rule.code)
    return [len(block.text) for block in ctx.document.blocks]


calls: list[str] = []


def test_what_a_pack_derives_from_a_post_is_worked_out_once_for_all_its_rules() -> None:
    calls.clear()
    doc = parse_document("post.md", POST)
    shared: dict[str, object] = {}
    first, second = (RuleContext(rule=RULES[code](), document=doc, options={}, shared=shared)
                     for code in ("THIN001", "STRU001"))
    assert first.per_post(_paragraph_lengths) is second.per_post(_paragraph_lengths)
    assert calls == ["THIN001"]
    other = RuleContext(rule=RULES["THIN001"](), document=doc, options={})
    assert other.per_post(_paragraph_lengths) == first.per_post(_paragraph_lengths)
    assert calls == ["THIN001", "THIN001"]


def test_the_rule_packs_keep_nothing_of_their_own_under_names_in_the_shared_cache() -> None:
    post = POST + '\n> "Buy now!" they said. Coming soon.\n\nTODO: more. <div>Raw words</div>\n'
    shared: dict[str, object] = {}
    config = parse_config({"select": ["ALL"]}, None, RULES)
    result = check_text(post, "post.md", config, RULES, Path("post.md"), shared=shared)
    assert result.findings
    assert set(shared) <= {"document", "pipeline", "analysis", "facts", "per_post", "signals",
                           "score"}


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


def test_a_scope_names_the_blocks_a_rule_reads() -> None:
    doc = parse_document("post.md", "# Title\n\nOwn words.[^1]\n\n- An item.\n\n"
                                    "> Someone else's words.\n\n| a cell |\n|---|\n\n"
                                    "[^1]: A footnote.\n")
    facts = PostFacts(doc)
    kinds = {scope: [doc.blocks[i].kind.value for i in facts.blocks_in(scope)]
             for scope in Scope}
    assert kinds == {
        Scope.RUNNING_PROSE: ["paragraph", "list-item"],
        Scope.RUNNING_PROSE_AND_FOOTNOTES: ["paragraph", "list-item", "footnote"],
        Scope.SECTION_BODY: ["paragraph", "list-item", "quote"],
    }
    assert all(scope.holds(doc.blocks[i]) for scope in Scope for i in facts.blocks_in(scope))
