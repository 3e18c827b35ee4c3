"""What a rule is: its declaration, its options, the findings it reports.

A rule is a small class: a stable ``code``, a kebab-case ``name``, a
``category``, a default ``severity``, declared ``options`` and a docstring with
the sections *What it does*, *Why it matters to readers*, *Example* and *Use
instead*. Each option is described once, in its :class:`Option` declaration;
the *Options* section of the rule's documentation is generated from those
(:meth:`Rule.documentation`). Its :meth:`Rule.check` reads a :class:`RuleContext`
and yields findings; the engine does the walking, the selection and the
suppression.
"""

from __future__ import annotations

import inspect
import json
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from valuelint.facts import PostFacts

if TYPE_CHECKING:
    from valuelint.document import Document, ProseBlock
    from valuelint.language import Analysis, Pipeline

T = TypeVar("T")

__all__ = [
    "CODE_PATTERN",
    "ENGLISH",
    "LANGUAGE_PATTERN",
    "Category",
    "Edit",
    "Finding",
    "Fix",
    "Option",
    "Rule",
    "RuleContext",
    "Severity",
    "doc_headings",
    "options_markdown",
]

#: Three or four capital letters, then three digits: ``THIN001``, ``BAIT002``.
CODE_PATTERN = re.compile(r"^[A-Z]{3,4}[0-9]{3}$")
NAME_PATTERN = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
#: A language as a rule declares it: an ISO 639 code such as ``en`` or ``de``.
LANGUAGE_PATTERN = re.compile(r"^[a-z]{2,3}$")
#: ``languages`` of a rule built on English word lists, patterns or formulas.
ENGLISH: tuple[str, ...] = ("en",)
DOCS_URL = "https://github.com/valuelint/valuelint/blob/main/docs/rules/{code}.md"


class Severity(StrEnum):
    """How much a finding matters; ``info`` findings never fail a run by default."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]


class Category(StrEnum):
    """What a rule looks at; each feeds one dimension of the score."""

    THIN = "thin"
    PROMOTION = "promotion"
    BAIT = "bait"
    EVIDENCE = "evidence"
    READABILITY = "readability"
    STRUCTURE = "structure"
    METADATA = "metadata"


@dataclass(frozen=True, slots=True)
class Option:
    """A documented, typed option of a rule."""

    name: str
    """kebab-case key, as written in configuration."""
    default: Any
    description: str
    """The option's whole documentation, in full sentences: the rule page's
    *Options* section and ``valuelint rule CODE`` print it after the option's
    type, default and range."""
    minimum: float | None = None
    maximum: float | None = None

    @property
    def kind(self) -> type:
        return type(self.default)

    def validate(self, value: Any) -> Any:
        """The value if it fits this option; raises ``ValueError`` saying what is expected."""
        kind = self.kind
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if kind is list:
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ValueError("expected a list of strings")
            return value
        if isinstance(value, bool) != (kind is bool) or not isinstance(value, kind):
            raise ValueError(f"expected {_kind_name(kind)}, got {type(value).__name__} {value!r}")
        if not isinstance(value, int | float):
            return value
        if self.minimum is not None and value < self.minimum:
            raise ValueError(f"expected at least {self.minimum:g}, got {value!r}")
        if self.maximum is not None and value > self.maximum:
            raise ValueError(f"expected at most {self.maximum:g}, got {value!r}")
        return value


    def markdown(self) -> str:
        """The option as a Markdown list item: name, type, default, range, description.

        ``- `max-words` (integer, default `30`, from 5 to 500): A sentence with ...``
        """
        facts = [_TYPE_NAMES.get(self.kind, self.kind.__name__),
                 f"default `{_default_text(self.default)}`"]
        if self.minimum is not None and self.maximum is not None:
            facts.append(f"from {self.minimum:g} to {self.maximum:g}")
        elif self.minimum is not None:
            facts.append(f"at least {self.minimum:g}")
        elif self.maximum is not None:
            facts.append(f"at most {self.maximum:g}")
        return f"- `{self.name}` ({', '.join(facts)}): {self.description}"


#: How an option's type is named in its documentation.
_TYPE_NAMES: dict[type, str] = {int: "integer", float: "number", bool: "true or false",
                                str: "string", list: "list of strings"}


def _default_text(value: Any) -> str:
    """A default as written in TOML configuration: ``true``, ``0.5``, ``["TODO", "XXX"]``."""
    return json.dumps(value)


def _kind_name(kind: type) -> str:
    return {int: "an integer", float: "a number", bool: "true or false", str: "a string",
            list: "a list of strings"}.get(kind, kind.__name__)


def options_markdown(options: tuple[Option, ...]) -> str:
    """The body of a rule's generated *Options* section."""
    if not options:
        return "This rule has no options."
    return "\n".join(option.markdown() for option in options)


def doc_headings(doc: str) -> list[tuple[int, str]]:
    """(line index, title) of the ``## `` section headings of a rule's documentation,
    outside code examples."""
    headings: list[tuple[int, str]] = []
    fence = ""
    for index, line in enumerate(doc.splitlines()):
        stripped = line.strip()
        if fence:
            if stripped.startswith(fence) and not stripped.strip(fence[0]):
                fence = ""
        elif stripped.startswith(("```", "~~~")):
            fence = stripped[0] * (len(stripped) - len(stripped.lstrip(stripped[0])))
        elif stripped.startswith("## "):
            headings.append((index, stripped[3:].strip()))
    return headings


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace the text from (``line``, ``column``) up to (``end_line``, ``end_column``)
    with ``text``.

    Positions are counted as a :class:`Finding`'s: 1-based lines of the file as
    on disk, columns in Unicode code points from 1, the end exclusive. An edit
    whose start equals its end inserts ``text``; an empty ``text`` deletes.
    """

    line: int
    column: int
    end_line: int
    end_column: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        """The edit as the JSON report writes it (docs/json-format.md#fixes)."""
        return {"line": self.line, "column": self.column, "end_line": self.end_line,
                "end_column": self.end_column, "text": self.text}


@dataclass(frozen=True, slots=True)
class Fix:
    """A mechanical change that resolves a finding and keeps the writer's meaning.

    Rules offer one only when it is certain to be safe: collapsing "!!!" to "!",
    dropping ``utm_*`` parameters from a link, lower-casing a shouted run. A fix
    never deletes or rewrites the writer's sentences. ``valuelint check --fix``
    and the editor's quick fixes apply the same edits.
    """

    title: str
    """What the fix does, as a command: ``Collapse "!!!" to "!"``."""
    edits: tuple[Edit, ...]
    """Non-overlapping edits, in file order."""

    def __post_init__(self) -> None:
        if not isinstance(self.edits, tuple):
            object.__setattr__(self, "edits", tuple(self.edits))

    def to_dict(self) -> dict[str, Any]:
        """The fix as the JSON report writes it (docs/json-format.md#fixes)."""
        return {"title": self.title, "edits": [edit.to_dict() for edit in self.edits]}


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing a rule found, with its exact place in the file."""

    code: str
    name: str
    category: Category
    severity: Severity
    message: str
    line: int
    column: int
    end_line: int
    end_column: int
    """Exclusive end column."""
    weight: float = 1.0
    """How strongly the finding counts against its score dimension (0-3)."""
    url: str = ""
    """The rule's documentation page (empty when its pack gives none)."""
    fix: Fix | None = None
    """A safe, mechanical change that resolves the finding, when the rule can offer one."""

    def sort_key(self) -> tuple[int, int, str, str]:
        return (self.line, self.column, self.code, self.message)

    def to_dict(self) -> dict[str, Any]:
        """The finding as the JSON report writes it (docs/json-format.md#findings)."""
        return {
            "code": self.code, "name": self.name, "category": self.category.value,
            "severity": self.severity.value, "message": self.message, "line": self.line,
            "column": self.column, "end_line": self.end_line, "end_column": self.end_column,
            "url": self.url, "fix": None if self.fix is None else self.fix.to_dict(),
        }


class Rule:
    """Base class of every rule. Subclasses declare the class attributes."""

    code: ClassVar[str]
    name: ClassVar[str]
    category: ClassVar[Category]
    severity: ClassVar[Severity] = Severity.WARNING
    options: ClassVar[tuple[Option, ...]] = ()
    needs_tagger: ClassVar[bool] = False
    """True when the rule only works with a trained spaCy pipeline."""
    languages: ClassVar[tuple[str, ...]] = ()
    """The languages the rule's word lists, patterns or formulas are written for
    (``("en",)``); empty when it works in any language. The engine does not run
    it on a post in another language, and the report says so."""
    docs_url: ClassVar[str] = ""
    """Documentation page of a third-party rule; built-in rules link to docs/rules/."""
    fixes: ClassVar[str] = ""
    """Which of the rule's findings carry a :class:`Fix`, and what it changes, in full
    sentences; empty when the rule offers none. The *Fixes* section of its page."""

    def check(self, ctx: RuleContext) -> Iterator[Finding]:  # pragma: no cover - abstract
        raise NotImplementedError
        yield

    @classmethod
    def doc(cls) -> str:
        """The rule's documentation (its docstring, dedented)."""
        return inspect.cleandoc(cls.__doc__ or "")

    @classmethod
    def documentation(cls) -> str:
        """The rule's page: its docstring, the *Fixes* section when it offers fixes
        (:attr:`fixes`), then the *Options* section generated from its declared options.

        A docstring that still has an ``## Options`` section (a rule pack written
        before options were documented in their declarations) has it replaced.
        """
        lines = cls.doc().splitlines()
        headings = doc_headings(cls.doc())
        for number, (start, title) in enumerate(headings):
            if title == "Options":
                end = headings[number + 1][0] if number + 1 < len(headings) else len(lines)
                lines[start:end] = []
                break
        body = "\n".join(lines).rstrip()
        fixes = f"\n\n## Fixes\n{cls.fixes}" if cls.fixes else ""
        return f"{body}{fixes}\n\n## Options\n{options_markdown(cls.options)}"

    @classmethod
    def url(cls) -> str:
        """Where the rule is documented: ``docs_url``, or valuelint's page for built-ins."""
        if cls.docs_url:
            return cls.docs_url
        if cls.__module__.startswith(("valuelint_rules.", "valuelint.")):
            return DOCS_URL.format(code=cls.code)
        return ""

    @classmethod
    def supports(cls, language: str) -> bool:
        """Whether the rule can judge a post in ``language`` (a code such as ``de``)."""
        return not cls.languages or language in cls.languages

    @classmethod
    def summary(cls) -> str:
        """First line of the documentation."""
        return cls.doc().split("\n", 1)[0].strip()

    @classmethod
    def default_options(cls) -> dict[str, Any]:
        return {option.name: option.default for option in cls.options}


@dataclass(slots=True)
class RuleContext:
    """What a rule sees: the document, its analysis and the rule's options."""

    rule: Rule
    document: Document
    options: Mapping[str, Any]
    pipeline_factory: Any = None
    """Zero-argument callable returning the language :class:`Pipeline`."""
    shared: dict[str, Any] = field(default_factory=dict)
    """Per-document cache shared by all rules (the analysis lives here)."""

    @property
    def pipeline(self) -> Pipeline:
        if "pipeline" not in self.shared:
            self.shared["pipeline"] = self.pipeline_factory()
        pipeline: Pipeline = self.shared["pipeline"]
        return pipeline

    @property
    def analysis(self) -> Analysis:
        """Tokens and sentences, computed on first use and shared by every rule."""
        if "analysis" not in self.shared:
            from valuelint.language import analyse

            self.shared["analysis"] = analyse(self.document, self.pipeline)
        analysis: Analysis = self.shared["analysis"]
        return analysis

    @property
    def facts(self) -> PostFacts:
        """Word counts, front matter lines and the like, computed once per post."""
        facts: PostFacts | None = self.shared.get("facts")
        if facts is None:
            facts = self.shared["facts"] = PostFacts(self.document)
        return facts

    def per_post(self, compute: Callable[[RuleContext], T]) -> T:
        """``compute(self)``, worked out for the first rule that asks and kept for the post.

        For what a rule pack derives from a post and several of its rules read
        (the writer's own words, the sentences of each block). The function is
        the key, as pytest's ``StashKey`` is: two packs never clash on a name and
        the value has the function's return type. ``compute`` reads the post
        (document, analysis, pipeline), never the asking rule's options; pass a
        module-level function, as each new lambda would be a new key.
        """
        kept: dict[Callable[[RuleContext], Any], Any] = self.shared.setdefault("per_post", {})
        if compute not in kept:
            kept[compute] = compute(self)
        value: T = kept[compute]
        return value

    @property
    def severity_configured(self) -> bool:
        """Whether the user set this rule's severity to something other than its default."""
        configured = self.options.get("severity", self.rule.severity)
        return Severity(configured) is not self.rule.severity

    def severity_or(self, default: Severity) -> Severity:
        """The severity the user configured for this rule, else ``default``.

        For a rule whose findings differ in severity (an error for a stub, a
        warning for a short post): its own choice stands until the user sets one.
        """
        if self.severity_configured:
            return Severity(self.options["severity"])
        return default

    def finding(
        self,
        message: str,
        *,
        block: ProseBlock | None = None,
        start: int = 0,
        end: int | None = None,
        line: int | None = None,
        severity: Severity | None = None,
        weight: float = 1.0,
        fix: Fix | None = None,
    ) -> Finding:
        """A finding of this rule at ``block.text[start:end]`` or at a whole ``line``."""
        rule = self.rule
        if block is not None:
            stop = len(block.text) if end is None else end
            line_, column, end_line, end_column = self.document.span(block, start, stop)
        else:
            line_ = line or 1
            column, end_line, end_column = 1, line_, self.document.line_length(line_) + 1
        return Finding(
            code=rule.code, name=rule.name, category=rule.category,
            severity=severity or Severity(self.options.get("severity", rule.severity)),
            message=message, line=line_, column=column, end_line=end_line,
            end_column=end_column, weight=weight, url=type(rule).url(), fix=fix,
        )

    def edit(self, block: ProseBlock, start: int, end: int, text: str) -> Edit | None:
        """An :class:`Edit` replacing ``block.text[start:end]`` with ``text`` in the file.

        None when those characters are not written as they read in the file (an
        entity such as ``&amp;``, markup or a line break between them), so that a
        fix never lands on other text than the one it was made for.
        """
        if not 0 <= start < end <= len(block.text):
            return None
        first = block.source_offset(start)
        last = block.source_offset(end - 1) + 1
        if self.document.source[first:last] != block.text[start:end]:
            return None
        line, column = self.document.position(first)
        end_line, end_column = self.document.position(last)
        return Edit(line, column, end_line, end_column, text)
