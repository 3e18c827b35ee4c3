"""The engine: one post in, its findings and score out.

files -> :mod:`source` (bytes to text) -> :mod:`document` (prose with a source
map) -> rules (through a shared :class:`RuleContext`) -> selection and
suppression -> :mod:`scoring`. Reporters only ever see :class:`PostResult`.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from valuelint.config import Config
from valuelint.document import Document, parse_document
from valuelint.frontmatter import DocumentError
from valuelint.language import Analysis, analyse, get_pipeline, language_code
from valuelint.result import PostResult
from valuelint.rule import Finding, Rule, RuleContext
from valuelint.scoring import SHOWN_POINTS, score_post
from valuelint.selection import specificity
from valuelint.signals import compute_signals
from valuelint.source import InputError, read_text
from valuelint.suppression import Suppressions, parse_directives

__all__ = ["TIMINGS", "active_rules", "check_document", "check_path", "check_text",
           "post_language"]

#: ``VALUELINT_PROFILE=1`` adds up the time spent in each phase in :data:`TIMINGS`
#: (seconds, this process only) and computes a post's language analysis before
#: its rules run, so that the two can be told apart.
PROFILE = os.environ.get("VALUELINT_PROFILE", "") not in ("", "0")
TIMINGS: dict[str, float] = {}

#: Languages of the posts the value model was fitted on: a post in another language is
#: scored as a typical post less what its findings cost (its signals are not computed).
MODEL_LANGUAGES = frozenset({"en"})


def _timed(phase: str, since: float) -> float:
    now = time.perf_counter()
    TIMINGS[phase] = TIMINGS.get(phase, 0.0) + now - since
    return now


def active_rules(config: Config, rules: Mapping[str, type[Rule]],
                 extra_ignore: tuple[str, ...] = ()) -> list[type[Rule]]:
    """The rules that run under ``config``, in code order.

    ``extra_ignore`` (from ``per-file-ignores`` and front matter) turns a rule
    off for one post whatever ``select`` says: ``select = ["THIN001"]`` with
    ``per-file-ignores = {"news/*" = ["THIN"]}`` leaves news posts without it.
    """
    return [rule for code, rule in rules.items()
            if config.selects(code, rule.name)
            and not any(specificity(code, rule.name, s) >= 0 for s in extra_ignore)]


_warned: set[str] = set()


def post_language(doc: Document, config: Config) -> str:
    """The language tag a post is written in: its front matter's ``lang`` or
    ``language``, else the configuration's ``language``."""
    lang = doc.metadata.get("lang") or doc.metadata.get("language") or config.language
    return lang if isinstance(lang, str) and lang.strip() else config.language


def _pipeline_factory(lang: str, config: Config) -> Any:
    def factory() -> Any:
        return get_pipeline(lang, config.model)

    return factory


def check_document(
    doc: Document, config: Config, rules: Mapping[str, type[Rule]], display: str,
    path: Path | None = None, shared: dict[str, Any] | None = None,
) -> PostResult:
    """Run the selected rules on a parsed document and score it.

    ``shared`` is the per-post cache the rules share; a caller that passes a
    dict finds in it, afterwards, what the rules and the score computed:
    ``"analysis"`` (the post's tokens and sentences), ``"signals"`` (its
    :class:`valuelint.signals.Signals`, which the score reads) and ``"score"``
    (its :class:`valuelint.scoring.Score`, with the weighted mean and the cap).
    """
    errors: list[str] = []
    extra_ignore = config.ignored_for(path) if path is not None else ()
    front = doc.metadata.get("valuelint")
    if front is not None:
        ignored = front.get("ignore") if isinstance(front, dict) else None
        if (not isinstance(front, dict) or set(front) - {"ignore"}
                or not isinstance(ignored, list) or not all(isinstance(i, str) for i in ignored)):
            errors.append("front matter 'valuelint' must be a mapping like "
                                 "{ignore: [CODE, ...]}")
        else:
            unknown = [i for i in ignored if not _matches_any(i, rules)]
            if unknown:
                errors.append(f"front matter 'valuelint.ignore': unknown rule "
                                     f"code(s) {', '.join(unknown)}")
            extra_ignore += tuple(ignored)
    directives = parse_directives(doc.comments)
    for directive in directives:
        unknown = [s for s in directive.selectors if not _matches_any(s, rules)]
        if unknown:
            errors.append(f"line {directive.line}: valuelint-{directive.kind} names "
                                 f"unknown rule code(s) {', '.join(unknown)}")
    suppressions = Suppressions(directives)
    if shared is None:
        shared = {}
    lang = post_language(doc, config)
    factory = _pipeline_factory(lang, config)
    findings: list[Finding] = []
    language = language_code(lang)
    selected = []
    skipped: list[str] = []
    for rule_class in active_rules(config, rules, extra_ignore):
        if rule_class.supports(language):
            selected.append(rule_class)
        else:
            skipped.append(rule_class.code)
    if PROFILE and selected:
        started = time.perf_counter()
        shared["pipeline"] = factory()
        started = _timed("language-load", started)
        shared["analysis"] = analyse(doc, shared["pipeline"])
        _timed("language", started)
    started = time.perf_counter()
    for rule_class in selected:
        rule = rule_class()
        ctx = RuleContext(rule=rule, document=doc, options=config.rule_options(rule_class),
                          pipeline_factory=factory, shared=shared)
        if rule_class.needs_tagger and not ctx.pipeline.tagged:
            # Skipped quietly when it only runs because of "ALL" or a prefix; a user
            # who names the rule is told why it reports nothing.
            named = config.names_rule(rule_class.code, rule_class.name)
            message = (f"{rule_class.code} needs a trained spaCy pipeline (set 'model', "
                       "for example en_core_web_sm) and is skipped")
            if named and message not in _warned:
                _warned.add(message)
                print(f"valuelint: {message}", file=sys.stderr)
            continue
        try:
            found = list(rule.check(ctx))
        except Exception as exc:  # a broken rule must not end the run
            detail = " ".join(str(exc).split())
            errors.append(f"rule {rule_class.code} failed: {type(exc).__name__}: {detail}")
            continue
        findings.extend(f for f in found if not (suppressions and suppressions.suppresses(f)))
    findings.sort(key=Finding.sort_key)
    if PROFILE:
        started = _timed("rules", started)
    signals = None
    if language in MODEL_LANGUAGES:
        signals = compute_signals(doc, _analysis(doc, shared, factory), findings)
    shared["signals"] = signals
    scored = shared["score"] = score_post(findings, signals)
    result = PostResult(
        path=display, findings=tuple(findings), score=scored.score,
        breakdown=dict(scored.breakdown), reasons=tuple(scored.reasons), errors=tuple(errors),
        words=doc.word_count, fail_under=config.fail_under, fail_on=config.fail_on,
        language=language, skipped=tuple(skipped),
        contributions=tuple(c for c in scored.contributions if abs(c.points) >= SHOWN_POINTS))
    result = replace(result, failing=result.score_fails or bool(result.failing_findings))
    if PROFILE:
        _timed("score", started)
    return result


def _analysis(doc: Document, shared: dict[str, Any], factory: Any) -> Analysis:
    """The post's tokens and sentences: the rules' when one needed them, else made now."""
    analysis = shared.get("analysis")
    if analysis is None:
        if "pipeline" not in shared:
            shared["pipeline"] = factory()
        analysis = shared["analysis"] = analyse(doc, shared["pipeline"])
    return analysis


def _matches_any(selector: str, rules: Mapping[str, type[Rule]]) -> bool:
    return any(specificity(code, rule.name, selector) >= 0 for code, rule in rules.items())


def check_text(
    text: str, display: str, config: Config, rules: Mapping[str, type[Rule]],
    path: Path | None = None, shared: dict[str, Any] | None = None, *,
    metadata: Mapping[str, Any] | None = None,
) -> PostResult:
    """Parse and check a post's text; unreadable front matter and a post too large
    to check become file errors. ``shared`` is as for :func:`check_document`, and
    holds the parsed :class:`Document` too, under ``"document"``. ``metadata`` is
    front matter given apart from the text (a table's columns): its keys take the
    place of the same keys of the text's own front matter.

    This is how every post is judged: by ``valuelint check`` and the other
    commands (through :mod:`valuelint.parallel`) and by :class:`valuelint.Linter`.
    """
    started = time.perf_counter()
    try:
        doc = parse_document(display, text)
    except DocumentError as exc:
        return PostResult(path=display, errors=(str(exc),))
    except RecursionError:
        return PostResult(path=display, errors=("Markdown nested too deeply to parse",))
    if metadata:
        doc.metadata.update(metadata)
    if PROFILE:
        _timed("parse", started)
    if shared is not None:
        shared["document"] = doc
    return check_document(doc, config, rules, display, path, shared)


def check_path(
    path: Path, display: str, config: Config, rules: Mapping[str, type[Rule]],
    shared: dict[str, Any] | None = None,
) -> PostResult:
    """Read, parse and check one file; never raises for bad input. ``shared`` is as
    for :func:`check_document`."""
    try:
        text = read_text(path, int(config.max_file_size_mb * 1_000_000))
    except InputError as exc:
        return PostResult(path=display, errors=(str(exc),))
    return check_text(text, display, config, rules, path, shared)
