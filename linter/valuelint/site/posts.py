"""What the site checks read from each post: title, description, date, draft state, paragraphs.

A post is read quickly here, without the full document model: front matter,
then the body with template syntax, admonition markers, HTML comments and
code masked out, cut into paragraphs at blank lines. That is enough to compare
posts with each other, and fast on a blog of a thousand posts. What is kept of a
post (:class:`SitePost`) is small and bounded: its title, description, date and
draft state, a MinHash sketch of its words and a hash and preview of each
paragraph that could be boilerplate; never its whole text. While a post is
checked, its features are worked out where its text already is, with the
front matter the document model read (see
:class:`valuelint.site.analysis.FeatureRequest`). The paragraphs and words
are this module's own on purpose: the document model's blocks differ from
them (list items, tables, HTML blocks, links), and near-duplicate figures and
boilerplate lines would change with them.

A post's date is, in order: front matter ``date`` (or ``pubDate``,
``publishDate``, ``published``, ``created``, and MkDocs Material's
``date: {created: ...}``); the ``YYYY-MM-DD-`` prefix of its file name, or of
its folder's name for a post kept as ``2024-05-02-title/index.md`` (Jekyll,
Docusaurus, Zola, Hugo page bundles); a ``/YYYY/MM/DD/`` part of its
``path``, ``permalink``, ``url`` or ``aliases`` in front matter (Zola, Jekyll);
or a ``/YYYY/MM/DD/`` part of the file's own path.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from valuelint.document import mask_templates, normalize_newlines
from valuelint.frontmatter import FrontMatter, FrontMatterError, split_front_matter
from valuelint.site.similarity import Shingler, fingerprint, sketch, words_of
from valuelint.site.syntax import mask_generator_syntax
from valuelint.source import InputError, read_text

__all__ = [
    "Features", "Paragraph", "SitePost", "parse_date", "post_and_shingles", "post_from_json",
    "post_from_text", "post_to_json", "read_post", "shingles_of_text", "words_of",
]

_DATE_TEXT = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?![\d])")
_NAME_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[-_]|$)")
_PATH_DATE = re.compile(r"(?:^|/)(\d{4})/(\d{2})/(\d{2})(?=/|$|\.|-)")
_DATE_KEYS = ("date", "pubDate", "pub_date", "publishDate", "publish_date", "published",
              "published_at", "publishedAt", "created", "created_at")
_PATH_KEYS = ("path", "permalink", "url", "aliases")
_DESCRIPTION_KEYS = ("description", "summary", "excerpt")
_FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})")
_HEADING = re.compile(r"^[ \t]{0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t#]*$")
_SETEXT = re.compile(r"^[ \t]{0,3}(=+|-+)[ \t]*$")
_RULE = re.compile(r"^[ \t]{0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_TABLE_RULE = re.compile(r"^[ \t|:-]+$")
_REFERENCE = re.compile(r"^[ \t]{0,3}\[[^\]]+\]:[ \t]*\S")
_LIST_MARK = re.compile(r"^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+")
_QUOTE_MARK = re.compile(r"^[ \t]*(?:>[ \t]?)+")
# No pattern below can scan past the next opener of its own kind, so a run of unclosed
# brackets, tags or backticks costs time in proportion to its length.
_IMAGE = re.compile(r"!\[([^\[\]]*)\]\([^()]*\)")
_LINK = re.compile(r"\[([^\[\]]*)\](?:\([^()]*\)|\[[^\[\]]*\])")
_CODE_SPAN = re.compile(r"(`{1,8})[^`][^\n]{0,2000}?\1")
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_URL = re.compile(r"\b(?:https?://|www\.)\S+")


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph that could be boilerplate: where it is, a hash of its words, a preview."""

    line: int
    """1-based line of its first line."""
    key: int
    """A hash of its words (lower-cased, in order): equal paragraphs have equal keys."""
    words: int
    """How many words it has."""
    preview: str
    """Its text as a reader sees it, on one line, cut after about 200 characters."""


@dataclass(frozen=True, slots=True)
class Features:
    """What a post's site features depend on beyond its bytes: the site rules' options."""

    shingle_size: int = 5
    """SITE001 ``shingle-size``: words per shingle of the near-duplicate sketch."""
    min_words: int = 40
    """SITE002 ``min-words``: shorter paragraphs are never boilerplate."""
    allow: tuple[tuple[str, ...], ...] = ()
    """SITE002 ``allow``: paragraphs opening with one of these word runs are kept out."""


@dataclass(slots=True)
class SitePost:
    """One post as the site checks see it: a few fields and fingerprints, never its text.

    Small and of a bounded size per post, so a site of any size fits in memory
    and a post's features can be kept in the result cache.
    """

    path: str
    """As shown in reports (the path of its result)."""
    file: Path
    title: str = ""
    title_line: int = 1
    description: str = ""
    description_line: int = 1
    date: date | None = None
    date_source: str = ""
    """Where the date came from, for people: ``front matter 'date'``, ``file name``..."""
    draft: bool = False
    draft_reason: str = ""
    draft_line: int = 1
    word_count: int = 0
    """Words of its prose (headings included)."""
    sketch: tuple[int, ...] = ()
    """The bottom-k MinHash sketch of its word shingles (see :mod:`~valuelint.site.similarity`)."""
    shingle_count: int = 0
    """How many distinct shingles it has."""
    shingle_digest: str = ""
    """The :func:`~valuelint.site.similarity.fingerprint` of its shingles: equal for two
    posts only when their shingles are."""
    paragraphs: list[Paragraph] = field(default_factory=list)
    """Its paragraphs that could be boilerplate (long enough, not allowed)."""
    line_ends: dict[int, int] = field(default_factory=dict)
    """The end column of each line a finding can point at."""
    ignored: tuple[str, ...] = ()
    """Selectors its front matter ``valuelint: {ignore: [...]}`` turns off."""

    def line_end(self, line: int) -> int:
        """Exclusive end column of a 1-based line."""
        return self.line_ends.get(line, 1)


@dataclass(frozen=True, slots=True)
class _Block:
    """A paragraph or heading of a post's body, in full."""

    line: int
    text: str
    words: tuple[str, ...]
    heading: bool = False


def parse_date(value: Any) -> date | None:
    """A front matter value as a date: a date, a datetime, or text starting ``YYYY-MM-DD``."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, dict):
        # MkDocs Material: date: {created: 2024-01-31, updated: ...}
        for key in ("created", "published", "date"):
            if key in value:
                return parse_date(value[key])
        return None
    if isinstance(value, str):
        match = _DATE_TEXT.match(value)
        if match:
            return _make_date(*match.groups())
    return None


def _make_date(year: str, month: str, day: str) -> date | None:
    try:
        found = date(int(year), int(month), int(day))
    except ValueError:
        return None
    return found if 1990 <= found.year <= 2200 else None


def _key_line(lines: list[str], end_line: int, key: str) -> int:
    # Not Document.key_line, on purpose: the site checks have always placed a key on
    # its own line (never on a blank line above it, as the post's checks do) and
    # read a key in single quotes too; their reports keep those lines.
    pattern = re.compile(rf'^\s*["\']?{re.escape(key)}["\']?\s*[:=]')
    for index in range(min(end_line, len(lines))):
        if pattern.match(lines[index]):
            return index + 1
    return 1


def _plain(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, str | int | float | date):
        return ""
    return " ".join(str(value).split())


def _date_of(metadata: dict[str, Any], file: Path, display: str) -> tuple[date | None, str]:
    for key in _DATE_KEYS:
        if key in metadata:
            found = parse_date(metadata[key])
            if found is not None:
                return found, f"front matter '{key}'"
    names = [file.stem]
    if file.stem in ("index", "_index", "README"):
        names.append(file.parent.name)
    for name in names:
        match = _NAME_DATE.match(name)
        if match:
            found = _make_date(*match.groups())
            if found is not None:
                return found, "file name" if name == file.stem else "folder name"
    for key in _PATH_KEYS:
        values = metadata.get(key)
        for value in values if isinstance(values, list) else [values]:
            if isinstance(value, str):
                match = _PATH_DATE.search(value)
                if match:
                    found = _make_date(*match.groups())
                    if found is not None:
                        return found, f"front matter '{key}'"
    match = _PATH_DATE.search(display)
    if match:
        found = _make_date(*match.groups())
        if found is not None:
            return found, "folders"
    return None, ""


def _is_true(value: Any) -> bool:
    return value is True or (isinstance(value, str) and value.strip().lower() in ("true", "yes"))


def _blank_comments(body: str) -> str:
    """``body`` with each HTML comment blanked (line breaks kept); an unclosed one runs
    to the end, as in a browser. One pass, however many comments never close."""
    if "<!--" not in body:
        return body
    parts: list[str] = []
    at = 0
    while (start := body.find("<!--", at)) >= 0:
        end = body.find("-->", start + 4)
        end = len(body) if end < 0 else end + 3
        parts.append(body[at:start])
        parts.append(re.sub(r"[^\n]", " ", body[start:end]))
        at = end
    parts.append(body[at:])
    return "".join(parts)


def _clean(text: str) -> str:
    if "[" in text:
        text = _LINK.sub(r"\1", _IMAGE.sub(r"\1", text))
    if "`" in text:
        text = _CODE_SPAN.sub(" ", text)
    if "<" in text:
        text = _TAG.sub(" ", text)
    if "://" in text or "www." in text:
        text = _URL.sub(" ", text)
    if "&" in text:
        text = html.unescape(text)
    text = text.replace("\ue000", " ")
    return " ".join(text.replace("*", "").replace("~~", "").split())


def _blocks(body: str) -> list[_Block]:
    """The paragraphs of a masked body (every line where it is in the file)."""
    found: list[_Block] = []
    current: list[str] = []
    start = 0
    fence = ""

    def close(end: int) -> None:
        if current:
            text = _clean(" ".join(current))
            words = words_of(text)
            if words:
                found.append(_Block(start + 1, text, words))
            current.clear()

    for index, line in enumerate(body.split("\n")):
        if fence:
            closing = _FENCE.match(line)
            if closing and closing.group(1)[0] == fence[0] and len(closing.group(1)) >= len(
                    fence) and not line.strip().lstrip(fence[0]).strip():
                fence = ""
            continue
        opened = _FENCE.match(line)
        if opened:
            close(index)
            fence = opened.group(1)
            continue
        stripped = line.strip()
        if not stripped.replace("\ue000", ""):
            close(index)
            continue
        if not current and line.startswith(("    ", "\t")) and not _LIST_MARK.match(line):
            continue  # indented code
        heading = _HEADING.match(line)
        if heading:
            close(index)
            text = _clean(heading.group(2) or "")
            if text:
                found.append(_Block(index + 1, text, words_of(text), heading=True))
            continue
        if current and _SETEXT.match(line):
            text = _clean(" ".join(current))
            if text:
                found.append(_Block(start + 1, text, words_of(text), heading=True))
            current.clear()
            continue
        if _RULE.match(line) or _REFERENCE.match(line) or (
                "|" in line and _TABLE_RULE.match(line)):
            close(index)
            continue
        if _LIST_MARK.match(line) and current:
            close(index)
        if not current:
            start = index
        line = _QUOTE_MARK.sub("", _LIST_MARK.sub("", line))
        current.append(line.replace("|", " "))
    close(len(body.split("\n")))
    return found


def _parse(text: str, file: Path, display: str, drafts_folder: bool,
           front: FrontMatter | None = None) -> tuple[SitePost, list[_Block], list[str]] | None:
    """A post's fields, its body's blocks and its lines; None for bad front matter.

    ``front`` is the post's front matter when it has been read already (by the
    document model, from the same text).
    """
    text = normalize_newlines(text)
    if front is None:
        try:
            front = split_front_matter(text)
        except (FrontMatterError, RecursionError):
            return None
    lines = text.split("\n")
    metadata = front.metadata
    post = SitePost(path=display, file=file)
    body_lines = [" " * len(line) if index < front.end_line else line
                  for index, line in enumerate(lines)]
    body = "\n".join(body_lines)
    body = _blank_comments(body)
    body = mask_generator_syntax(mask_templates(body, mdx=file.suffix == ".mdx"))
    blocks = _blocks(body)
    title = _plain(metadata.get("title"))
    if title:
        post.title, post.title_line = title, _key_line(lines, front.end_line, "title")
    else:
        first = next((b for b in blocks if b.heading
                      and lines[b.line - 1].lstrip().startswith("# ")), None)
        if first is not None:
            post.title, post.title_line = first.text, first.line
    for key in _DESCRIPTION_KEYS:
        description = _plain(metadata.get(key))
        if description:
            post.description = description
            post.description_line = _key_line(lines, front.end_line, key)
            break
    post.date, post.date_source = _date_of(metadata, file, display)
    if drafts_folder or "_drafts" in Path(display).parts:
        post.draft, post.draft_reason = True, "it is in a drafts folder"
    elif _is_true(metadata.get("draft")):
        post.draft, post.draft_reason = True, "front matter 'draft' is true"
        post.draft_line = _key_line(lines, front.end_line, "draft")
    elif metadata.get("published") is False:
        post.draft, post.draft_reason = True, "front matter 'published' is false"
        post.draft_line = _key_line(lines, front.end_line, "published")
    own = metadata.get("valuelint")
    if isinstance(own, dict) and isinstance(own.get("ignore"), list):
        post.ignored = tuple(str(item) for item in own["ignore"] if isinstance(item, str))
    return post, blocks, lines


def _words(blocks: list[_Block]) -> list[str]:
    return [word for block in blocks for word in block.words]


def _paragraph_key(words: tuple[str, ...]) -> int:
    digest = hashlib.blake2b("\x1f".join(words).encode("utf-8", "surrogatepass"),
                             digest_size=8, key=b"valuelint-paragraph").digest()
    return int.from_bytes(digest, "little")


def _preview(text: str, limit: int = 200) -> str:
    if len(text) <= limit:
        return text
    # Whole words up to the limit, and never fewer than ten of them.
    parts = text.split(" ")
    kept: list[str] = []
    length = 0
    for part in parts:
        if length >= limit and len(kept) >= 10:
            break
        kept.append(part)
        length += len(part) + 1
    return " ".join(kept)


def post_from_text(text: str, file: Path, display: str, features: Features = Features(),
                   drafts_folder: bool = False,
                   front: FrontMatter | None = None) -> SitePost | None:
    """A post's site features from its text; None when its front matter is broken.

    ``front``, when given, is its front matter as the document model read it
    from the same text: it is not read again.
    """
    made = post_and_shingles(text, file, display, features, drafts_folder, front)
    return None if made is None else made[0]


def post_and_shingles(
    text: str, file: Path, display: str, features: Features = Features(),
    drafts_folder: bool = False, front: FrontMatter | None = None,
) -> tuple[SitePost, frozenset[int]] | None:
    """:func:`post_from_text`, and every shingle of the post (those its sketch was
    made from): for a check that measures pairs away from the posts' files."""
    parsed = _parse(text, file, display, drafts_folder, front)
    if parsed is None:
        return None
    post, blocks, lines = parsed
    words = _words(blocks)
    post.word_count = len(words)
    shingles = Shingler(features.shingle_size).shingles(words)
    post.shingle_count = len(shingles)
    post.sketch = sketch(shingles)
    post.shingle_digest = fingerprint(shingles)
    for block in blocks:
        if block.heading or len(block.words) < features.min_words:
            continue
        if any(block.words[:len(prefix)] == prefix for prefix in features.allow):
            continue
        post.paragraphs.append(Paragraph(block.line, _paragraph_key(block.words),
                                         len(block.words), _preview(block.text)))
    wanted = {post.title_line, post.description_line, post.draft_line,
              *(paragraph.line for paragraph in post.paragraphs)}
    post.line_ends = {line: len(lines[line - 1]) + 1 for line in sorted(wanted)
                      if 1 <= line <= len(lines)}
    return post, shingles


def read_post(file: Path, display: str, max_bytes: int = 5_000_000,
              drafts_folder: bool = False, features: Features = Features()) -> SitePost | None:
    """Read a post for the site checks; None when it cannot be read (its check says why)."""
    try:
        text = read_text(file, max_bytes)
    except InputError:
        return None
    return post_from_text(text, file, display, features, drafts_folder)


def shingles_of_text(text: str, file: Path, display: str, shingle_size: int) -> frozenset[int]:
    """Every shingle of a post's text (for an exact comparison)."""
    parsed = _parse(text, file, display, False)
    if parsed is None:
        return frozenset()
    return Shingler(shingle_size).shingles(_words(parsed[1]))


# --------------------------------------------------------------------------- as JSON

def post_to_json(post: SitePost) -> dict[str, Any]:
    """A post's features as JSON values (for the cache)."""
    return {
        "title": post.title, "title_line": post.title_line,
        "description": post.description, "description_line": post.description_line,
        "date": post.date.isoformat() if post.date is not None else None,
        "date_source": post.date_source, "draft": post.draft,
        "draft_reason": post.draft_reason, "draft_line": post.draft_line,
        "word_count": post.word_count, "sketch": list(post.sketch),
        "shingle_count": post.shingle_count, "shingle_digest": post.shingle_digest,
        "paragraphs": [[p.line, p.key, p.words, p.preview] for p in post.paragraphs],
        "line_ends": [[line, end] for line, end in post.line_ends.items()],
        "ignored": list(post.ignored),
    }


_INT_FIELDS = ("title_line", "description_line", "draft_line", "word_count", "shingle_count")
_TEXT_FIELDS = ("title", "description", "date_source", "draft_reason", "shingle_digest")


def _all(values: Iterable[Any], kind: type) -> bool:
    return set(map(type, values)) <= {kind}


def post_from_json(data: Any, file: Path, display: str) -> SitePost:
    """The post :func:`post_to_json` saved; raises ``ValueError``, ``TypeError`` or
    ``KeyError`` on anything else."""
    paragraphs = data["paragraphs"]
    line_ends = data["line_ends"]
    sketched = data["sketch"]
    ignored = data["ignored"]
    when = data["date"]
    if not (
        _all((data[name] for name in _INT_FIELDS), int)
        and _all((data[name] for name in _TEXT_FIELDS), str)
        and type(data["draft"]) is bool and (when is None or type(when) is str)
        and _all((paragraphs, line_ends, sketched, ignored), list) and _all(sketched, int)
        and _all(ignored, str) and _all(paragraphs, list) and _all(line_ends, list)
        and all(len(row) == 4 for row in paragraphs) and all(len(row) == 2 for row in line_ends)
        and _all((value for row in paragraphs for value in row[:3]), int)
        and _all((row[3] for row in paragraphs), str)
        and _all((value for row in line_ends for value in row), int)
    ):
        raise TypeError("not the site features of a post")
    return SitePost(
        path=display, file=file, title=data["title"], title_line=data["title_line"],
        description=data["description"], description_line=data["description_line"],
        date=None if when is None else date.fromisoformat(when),
        date_source=data["date_source"], draft=data["draft"],
        draft_reason=data["draft_reason"], draft_line=data["draft_line"],
        word_count=data["word_count"], sketch=tuple(sketched),
        shingle_count=data["shingle_count"], shingle_digest=data["shingle_digest"],
        paragraphs=[Paragraph(*row) for row in paragraphs],
        line_ends=dict(line_ends), ignored=tuple(ignored),
    )
