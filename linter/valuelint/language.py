"""The language layer: tokens, sentences and lemmas from spaCy, computed once per post.

By default a blank spaCy pipeline for the post's language with a rule-based
sentencizer and spaCy's lookup lemmatizer (tables from ``spacy-lookups-data``,
installed with valuelint); :func:`analyse` runs only its tokenizer and applies
the sentencizer's rule itself, in the one pass that reads the tokens. A
trained pipeline named in the configuration (``model = "en_core_web_sm"``)
adds part-of-speech tags and entities. Nothing is ever downloaded: a model
that is not installed is reported once and the rules that need it are skipped.

spaCy is imported here, inside functions, and only when a post is analysed
(see :func:`import_spacy`).
"""

from __future__ import annotations

import bisect
import gzip
import json
import os
import re
import sys
import threading
import types
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache, partial
from pathlib import Path
from typing import Any

from valuelint.document import Document

__all__ = [
    "MAX_PIECE", "Analysis", "Pipeline", "Sentence", "Token", "analyse", "get_pipeline",
    "import_spacy", "language_code", "pieces",
]


@dataclass(frozen=True, slots=True)
class Token:
    """A word, number or punctuation mark of a prose block."""

    text: str
    lower: str
    lemma: str
    """Dictionary form, lowercased (``buying`` -> ``buy``)."""
    start: int
    """Offset in the block's text."""
    end: int
    is_alpha: bool
    like_num: bool
    is_punct: bool
    is_stop: bool
    quoted: bool
    """Inside quotation marks in the block: someone else's words."""
    pos: str = ""
    """Universal part-of-speech tag; empty without a trained pipeline."""
    tag: str = ""
    dep: str = ""


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence: a block and a range of its tokens."""

    block: int
    """Index in :attr:`Document.blocks`."""
    start: int
    """Offset in the block's text."""
    end: int
    first_token: int
    """Index of its first token in ``Analysis.tokens[block]``."""
    last_token: int
    """Index after its last token."""


@dataclass(slots=True)
class Analysis:
    """Tokens and sentences of every prose block of a document."""

    tokens: list[list[Token]]
    """Tokens of each block, indexed like :attr:`Document.blocks`."""
    sentences: list[Sentence]
    tagged: bool
    """True when a trained pipeline gave part-of-speech tags."""
    language: str

    def sentence_tokens(self, sentence: Sentence) -> list[Token]:
        return self.tokens[sentence.block][sentence.first_token : sentence.last_token]


def _setter(name: str) -> Any:
    """The setter of one of Token's slots, which a frozen dataclass's checks do not guard."""
    return getattr(Token, name).__set__


_new = object.__new__
_set_text, _set_lower, _set_lemma = _setter("text"), _setter("lower"), _setter("lemma")
_set_start, _set_end, _set_quoted = _setter("start"), _setter("end"), _setter("quoted")
_set_alpha, _set_num = _setter("is_alpha"), _setter("like_num")
_set_punct, _set_stop = _setter("is_punct"), _setter("is_stop")
_set_pos, _set_tag, _set_dep = _setter("pos"), _setter("tag"), _setter("dep")


def untagged_token(text: str, lower: str, lemma: str, start: int, end: int, is_alpha: bool,
                   like_num: bool, is_punct: bool, is_stop: bool, quoted: bool) -> Token:
    """``Token(text, lower, ..., quoted)``, made twice as fast.

    A frozen dataclass's ``__init__`` sets each field through
    ``object.__setattr__``: 3 microseconds a token, 2.3 s of CPU over the
    766,000 tokens of the benchmark corpus. Each slot's own setter does the
    same work in half the time. ``tests/test_language.py`` checks that the two
    give equal tokens.
    """
    token: Token = _new(Token)
    _set_text(token, text)
    _set_lower(token, lower)
    _set_lemma(token, lemma)
    _set_start(token, start)
    _set_end(token, end)
    _set_alpha(token, is_alpha)
    _set_num(token, like_num)
    _set_punct(token, is_punct)
    _set_stop(token, is_stop)
    _set_quoted(token, quoted)
    _set_pos(token, "")
    _set_tag(token, "")
    _set_dep(token, "")
    return token


#: (text, lower, lemma, is_alpha, like_num, is_punct, is_stop, is_space, ends_sentence)
_Lexeme = tuple[str, str, str, bool, bool, bool, bool, bool, bool]


@dataclass(slots=True)
class Pipeline:
    """A loaded spaCy pipeline and the lemma table it uses."""

    nlp: Any
    table: Any
    """spaCy's lookup table (keys hashed), or an empty dict."""
    tagged: bool
    language: str
    _memo: dict[str, str] = field(default_factory=dict)
    lexemes: dict[int, _Lexeme] = field(default_factory=dict)
    """A word's own fields, by spaCy's hash of its text (see :meth:`lexeme`)."""
    _special: frozenset[str] | None = None
    sentence_marks: frozenset[str] = frozenset()
    """The marks after which spaCy's sentencizer may start a sentence (``.``, ``!``, ``?``...)."""
    blocks: BlockMemo = field(default_factory=lambda: BlockMemo(BLOCK_MEMO_CHARS))
    """The readings of the blocks read last (see :func:`analyse`)."""
    lock: threading.RLock = field(default_factory=threading.RLock)
    """Held while spaCy reads a text: a post is read in a memory zone (see
    :func:`analyse`), whose new words another thread must not meet."""

    def tokenize(self, text: str) -> Any:
        """spaCy's tokens of a short text (a title, a phrase), for rules that need them."""
        with self.lock:
            return self.nlp.tokenizer(text)

    def special_cases(self) -> frozenset[str]:
        """The texts the tokenizer splits or changes by a rule of its own ("cannot")."""
        if self._special is None:
            self._special = frozenset(self.nlp.tokenizer.rules)
        return self._special

    def lexeme(self, orth: int) -> _Lexeme:
        """The fields of an untagged token that depend on its text only, remembered."""
        word = self.nlp.vocab[orth]
        text = word.text
        lower = word.lower_
        entry = (text, lower, self.lemma(lower), word.is_alpha, word.like_num,
                 word.is_punct, word.is_stop, word.is_space, text in self.sentence_marks)
        if len(self.lexemes) >= _MEMO_SIZE:
            self.lexemes.clear()
        self.lexemes[orth] = entry
        return entry

    def lemma(self, lower: str) -> str:
        """Dictionary form of a lowercased word (the word itself if unknown)."""
        found = self._memo.get(lower)
        if found is None:
            found = str(self.table.get(lower, lower)).lower()
            if len(self._memo) >= _MEMO_SIZE:
                # Posts full of distinct made-up words must not fill the memory.
                self._memo.clear()
            self._memo[lower] = found
        return found


#: Most words whose lemma a pipeline remembers.
_MEMO_SIZE = 50_000
# A quote ends at its closing mark; an opening mark met first starts another
# quote, so no stretch of text is read more than once.
_QUOTED = re.compile(r'"[^"\n]{1,400}"|“[^“”]{1,400}”|„[^„“”]{1,400}[“”]|«[^«»]{1,400}»')


def language_code(lang: str) -> str:
    """The language part of a language tag, lowercased: ``de-CH`` and ``de_DE`` are ``de``."""
    code = re.split(r"[-_]", lang.strip().lower() or "en")[0]
    return code or "en"


_warned: set[str] = set()


def _warn_once(message: str) -> None:
    if message not in _warned:
        _warned.add(message)
        print(f"valuelint: {message}", file=sys.stderr)


#: The module spaCy's package imports only to offer ``spacy.info``.
_SPACY_INFO = "spacy.cli.info"


_BLAS_THREADS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def one_blas_thread() -> None:
    """Keep numpy's BLAS library to one thread, unless the environment says otherwise.

    spaCy loads numpy, whose BLAS library starts a pool of threads (one per
    CPU) that spin for a moment: 0.1 s of CPU in a one-post run. valuelint does
    no linear algebra with a blank pipeline, and with one worker process per
    CPU more threads would only compete. Only an environment variable read
    when numpy is first imported sets this, so it is set before then; a
    variable the user has set is left as it is.
    """
    if "numpy" not in sys.modules:
        for name in _BLAS_THREADS:
            os.environ.setdefault(name, "1")


def import_spacy() -> Any:
    """spaCy, imported without its command-line interface.

    ``import spacy`` runs ``from .cli.info import info``, which loads every
    ``spacy`` command and with them requests, httpx and weasel: 0.2 s of the
    0.6 s the import takes, for commands valuelint never runs. While spaCy's
    package is imported, ``spacy.cli.info`` is a stand-in whose ``info``
    imports the real one when called; afterwards the stand-in is gone, so
    ``import spacy.cli`` works as usual. A spaCy already imported is returned
    as it is.
    """
    loaded = sys.modules.get("spacy")
    if loaded is not None:
        return loaded
    one_blas_thread()
    stand_in = types.ModuleType(_SPACY_INFO)

    def info(*args: Any, **kwargs: Any) -> Any:
        from spacy.cli.info import info as spacy_info

        return spacy_info(*args, **kwargs)

    stand_in.info = info  # type: ignore[attr-defined]
    placed = sys.modules.setdefault(_SPACY_INFO, stand_in) is stand_in
    try:
        import spacy
    finally:
        if placed and sys.modules.get(_SPACY_INFO) is stand_in:
            del sys.modules[_SPACY_INFO]
    return spacy


@cache
def get_pipeline(lang: str = "en", model: str = "") -> Pipeline:
    """The pipeline for a language (and optional trained model), loaded once per process."""
    spacy = import_spacy()
    from spacy.util import get_lang_class

    code = language_code(lang)
    if model:
        try:
            nlp = spacy.load(model, exclude=["parser"] if "senter" in _components(model) else [])
        except OSError:
            _warn_once(
                f"spaCy pipeline '{model}' is not installed; rules that need "
                "part-of-speech tags are skipped (install it with pip to enable them)"
            )
        else:
            if not nlp.has_pipe("sentencizer") and not nlp.has_pipe("senter") \
                    and not nlp.has_pipe("parser"):
                nlp.add_pipe("sentencizer")
            lang_code = str(nlp.lang or code)
            return Pipeline(nlp=nlp, table=_lemma_table(lang_code), tagged=True,
                            language=lang_code)
    try:
        language_class = get_lang_class(code)
    except ImportError:
        _warn_once(f"spaCy has no language '{code}'; using its multi-language tokenizer")
        code = "xx"
        language_class = get_lang_class(code)
    # What spacy.blank(code) builds, without resolving and checking a whole
    # default configuration first (0.02 s).
    nlp = language_class()
    # analyse() runs only the tokenizer and applies the sentencizer's rule itself,
    # with these marks; nlp(text) still gives sentences to whoever calls it.
    sentencizer: Any = nlp.add_pipe("sentencizer")
    return Pipeline(nlp=nlp, table=_lemma_table(code), tagged=False, language=code,
                    sentence_marks=frozenset(sentencizer.punct_chars))


def _components(model: str) -> list[str]:
    try:
        from spacy.util import get_model_meta, get_package_path

        meta = get_model_meta(get_package_path(model))
        return list(meta.get("components", []))
    except Exception:
        return []


def _lemma_table(code: str) -> Any:
    """The lookup lemma table for a language from spacy-lookups-data, or ``{}``.

    The package's data file is read straight into a dict (a third of the time
    spaCy's ``load_lookups`` takes, with the same entries); spaCy's loader is
    the fallback for a layout this does not know.
    """
    table = _lemma_file(code)
    if table is not None:
        return table
    try:
        from spacy.lookups import load_lookups

        lookups = load_lookups(code, ["lemma_lookup"], strict=False)
    except Exception:
        return {}
    if not lookups.has_table("lemma_lookup"):
        return {}
    return lookups.get_table("lemma_lookup")


def _lemma_file(code: str) -> dict[str, str] | None:
    """spacy-lookups-data's lemma table for ``code`` read from its file, or None.

    The package names ``xx_lemma_lookup.json`` in its ``data`` folder; the file
    shipped may be that name plus ``.gz``, which spaCy's own loader also looks
    for. The file is found where the package keeps it, without importing the
    package (which builds the paths of all its 150 files: 0.015 s); where it is
    not, the package's own list of files says.
    """
    try:
        for sources in (_lookups_data_files, _lookups_data_listed):
            for source in sources(code):
                for candidate in (source, source.with_name(source.name + ".gz")):
                    if candidate.is_file():
                        data = candidate.read_bytes()
                        if candidate.suffix == ".gz":
                            data = gzip.decompress(data)
                        table = json.loads(data)
                        return table if isinstance(table, dict) else None
    except (ImportError, OSError, ValueError, AttributeError, EOFError):
        pass
    return None


def _lookups_data_files(code: str) -> list[Path]:
    from importlib.util import find_spec

    spec = find_spec("spacy_lookups_data")
    folders = (spec.submodule_search_locations or []) if spec is not None else []
    return [Path(folder, "data", f"{code}_lemma_lookup.json") for folder in folders]


def _lookups_data_listed(code: str) -> list[Path]:
    import spacy_lookups_data

    files = getattr(spacy_lookups_data, code, None)
    source = files.get("lemma_lookup") if isinstance(files, dict) else None
    return [] if source is None else [Path(str(source))]


class _Quotes:
    """The quoted stretches of a block, sorted and apart: is an offset inside one?"""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self._starts = [start for start, _ in spans]
        self._ends = [end for _, end in spans]

    def inside(self, offset: int) -> bool:
        """True when ``offset`` lies strictly between a quote's marks."""
        if not self._starts:
            return False
        at = bisect.bisect_left(self._starts, offset) - 1
        return at >= 0 and offset < self._ends[at]


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    if not any(mark in text for mark in '"“„«'):
        return []
    return [m.span() for m in _QUOTED.finditer(text)]


#: Longest piece of a block handed to spaCy at once. spaCy refuses a text over
#: ``nlp.max_length`` (a million characters), and a trained pipeline's parser needs
#: memory in proportion to the length of what it reads; a longer block is cut at
#: a sentence end or a space into pieces of at most this many characters.
MAX_PIECE = 20_000
_PIECE_BREAKS = (". ", "! ", "? ", "\n", " ", "\t")


def pieces(text: str, limit: int = MAX_PIECE) -> list[tuple[int, str]]:
    """``text`` cut into (offset, piece) parts of at most ``limit`` characters.

    Each cut falls after a sentence end where there is one in the second half
    of the piece, else after a space, else (a run of ``limit`` characters
    without one) anywhere. Joined in order, the pieces are ``text``.
    """
    if len(text) <= limit:
        return [(0, text)]
    found: list[tuple[int, str]] = []
    at = 0
    while len(text) - at > limit:
        stop = at + limit
        cut = -1
        for mark in _PIECE_BREAKS:
            where = text.rfind(mark, at + limit // 2, stop - len(mark) + 1)
            if where >= 0:
                cut = where + len(mark)
                break
        if cut <= at:
            cut = stop
        found.append((at, text[at:cut]))
        at = cut
    found.append((at, text[at:]))
    return found


def analyse(doc: Document, pipeline: Pipeline) -> Analysis:
    """Tokenise every prose block of ``doc`` once, in one pass through spaCy.

    A block longer than :data:`MAX_PIECE` characters is read in pieces (see
    :func:`pieces`); a cut between pieces also ends a sentence. A block the
    pipeline has read lately is not read again (see :class:`BlockMemo`): a
    writer's editor sends the same post after every keystroke, and only the
    paragraph being typed in has changed.
    """
    tokens: list[list[Token]] = [[] for _ in doc.blocks]
    sentences: list[Sentence] = []
    texts = [block.text for block in doc.blocks]
    pending: list[tuple[int, int]] = []  # sentences of the current block: (start, end)

    def finish(index: int) -> None:
        starts = [t.start for t in tokens[index]]
        for start, end in pending:
            first = _bisect(starts, start)
            last = _bisect(starts, end)
            if first < last:
                sentences.append(Sentence(index, start, end, first, last))
        pending.clear()

    read: Callable[[Any, int, Pipeline, _Quotes | None, list[Token], list[tuple[int, int]]],
                   None]
    # The words spaCy meets for the first time are forgotten again when the post is
    # read (its memory zone): a process judging millions of posts, a Dask or Ray
    # worker, must not grow with every new name, number or typo it has seen. The
    # zone is the pipeline's, so threads sharing it read one post at a time.
    with pipeline.lock, pipeline.nlp.memory_zone():
        memo = pipeline.blocks
        known = [memo.get(text) for text in texts]
        parts = [(index, offset, piece) for index, text in enumerate(texts)
                 if known[index] is None for offset, piece in pieces(text)]
        if pipeline.tagged:
            # One string object per distinct word: a long post repeats its words.
            read = partial(_read_tagged, words={})
            spacy_docs = pipeline.nlp.pipe((piece for _, _, piece in parts), batch_size=64)
        else:
            read = _read_untagged
            spacy_docs = map(pipeline.nlp.make_doc, (piece for _, _, piece in parts))
        read_docs = zip(parts, spacy_docs, strict=True)
        at = 0
        for index, text in enumerate(texts):
            reading = known[index]
            if reading is not None:
                tokens[index].extend(reading[0])
                pending.extend(reading[1])
                finish(index)
                continue
            spans = _quoted_spans(text)
            quotes = _Quotes(spans) if spans else None
            while at < len(parts) and parts[at][0] == index:
                (_, offset, _), spacy_doc = next(read_docs)
                read(spacy_doc, offset, pipeline, quotes, tokens[index], pending)
                at += 1
            memo.put(text, tokens[index], pending)
            finish(index)
    return Analysis(tokens=tokens, sentences=sentences, tagged=pipeline.tagged,
                    language=pipeline.language)


class BlockMemo:
    """The tokens and sentences of the blocks a pipeline read last, by block text.

    Reading a block depends on its text alone, so a block met again (the same
    paragraph in the next version of a post) takes its reading from here. The
    memo holds at most :data:`BLOCK_MEMO_CHARS` characters of blocks and forgets
    the ones used longest ago first: its size does not grow with the posts read.
    """

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._entries: OrderedDict[str, tuple[tuple[Token, ...], tuple[tuple[int, int], ...]]]
        self._entries = OrderedDict()
        self._chars = 0

    def __contains__(self, text: str) -> bool:
        return text in self._entries

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, text: str) -> tuple[tuple[Token, ...], tuple[tuple[int, int], ...]] | None:
        found = self._entries.get(text)
        if found is not None:
            self._entries.move_to_end(text)
        return found

    def put(self, text: str, tokens: Sequence[Token], sentences: Sequence[tuple[int, int]]
            ) -> None:
        if len(text) > self.limit // 4 or text in self._entries:
            return
        self._entries[text] = (tuple(tokens), tuple(sentences))
        self._chars += len(text)
        while self._chars > self.limit:
            old, _ = self._entries.popitem(last=False)
            self._chars -= len(old)


#: Most characters of blocks a pipeline remembers the reading of (see :class:`BlockMemo`):
#: about 20 posts of 2,000 words, a few megabytes of tokens.
BLOCK_MEMO_CHARS = 250_000


def _read_tagged(spacy_doc: Any, offset: int, pipeline: Pipeline, quotes: _Quotes | None,
                 block_tokens: list[Token], sentences: list[tuple[int, int]],
                 words: dict[str, str]) -> None:
    """Tokens and sentences of one piece that a trained pipeline has read."""
    lemma = pipeline.lemma
    same = words.setdefault
    for tok in spacy_doc:
        if tok.is_space:
            continue
        word = tok.text
        text = same(word, word)
        lower = tok.lower_
        lower = same(lower, lower)
        start = offset + tok.idx
        block_tokens.append(Token(
            text=text, lower=lower, lemma=tok.lemma_.lower() or lemma(lower),
            start=start, end=start + len(text), is_alpha=tok.is_alpha,
            like_num=tok.like_num, is_punct=tok.is_punct, is_stop=tok.is_stop,
            quoted=quotes is not None and quotes.inside(start),
            pos=tok.pos_, tag=tok.tag_, dep=tok.dep_,
        ))
    sentences.extend((offset + sent.start_char, offset + sent.end_char)
                     for sent in spacy_doc.sents)


def _read_untagged(spacy_doc: Any, offset: int, pipeline: Pipeline, quotes: _Quotes | None,
                   block_tokens: list[Token], sentences: list[tuple[int, int]]) -> None:
    """Tokens and sentences of one piece that spaCy's tokenizer alone has read.

    Without tags every field but the place is the word's own (a lexeme's
    attributes in spaCy's terms): each word is looked up once per process.
    Sentences follow the rule of spaCy's sentencizer, applied here while the
    tokens are read rather than by the sentencizer in a second pass over
    them: a sentence starts at the first token, and at the first token after
    a sentence mark (``.``, ``!``, ``?``...) that is neither punctuation nor a
    mark. Space tokens count, as they do for the sentencizer, so a sentence
    may start or end with one (tests/test_language.py checks the two agree).
    """
    lexemes = pipeline.lexemes
    make = untagged_token
    append = block_tokens.append
    sentence_start = offset  # spaCy keeps leading spaces as a token: the first starts at 0
    end = -1
    after_mark = False
    for tok in spacy_doc:
        orth = tok.orth
        entry = lexemes.get(orth)
        if entry is None:
            entry = pipeline.lexeme(orth)
        text, lower, lemma, is_alpha, like_num, is_punct, is_stop, is_space, mark = entry
        start = offset + tok.idx
        if mark:
            after_mark = True
        elif after_mark and not is_punct:
            sentences.append((sentence_start, end))
            sentence_start = start
            after_mark = False
        end = start + len(text)
        if not is_space:
            append(make(text, lower, lemma, start, end, is_alpha, like_num, is_punct,
                        is_stop, quotes is not None and quotes.inside(start)))
    if end >= 0:
        sentences.append((sentence_start, end))


def _bisect(values: Sequence[int], target: int) -> int:
    return bisect.bisect_left(values, target)
