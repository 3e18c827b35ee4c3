"""The least any linter built on valuelint's two parsing libraries spends on a corpus.

Run from the repository root with the interpreter valuelint is installed in::

    .venv/bin/python benchmarks/floor.py ../shared/corpus

valuelint reads a post with markdown-it-py (with the plugins valuelint
enables) and splits its prose into words and sentences with spaCy's blank
English pipeline; both libraries are fixed by design. This script does only
that, with none of valuelint's own work (valuelint's code only loads the two
libraries, as valuelint loads them): in one worker process per CPU, forked
after the libraries are loaded as valuelint's workers are, it reads each post,
parses it, and runs spaCy's tokenizer over the text of its paragraphs, headings
and table cells (not even the sentencizer valuelint adds). No document model,
no sentences, no rule, no score, no report.

``benchmarks/speed.py`` times this script as a whole process beside valuelint
and proselint: its time is a floor under valuelint's cold run, and the ratio
proselint / floor is the most any such linter could reach on the machine. It
prints the files and words it read on stdout, and the seconds each library
took (added up over the processes) on stderr.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from speed import posts  # the same posts speed.py counts

_parser: Any = None
_nlp: Any = None


def load() -> None:
    """valuelint's Markdown parser without its step counter, and spaCy's blank English.

    Both come as valuelint loads them: the parser from the function that builds
    valuelint's (the same plugins and options), spaCy through the import that
    skips its command line and keeps numpy's BLAS library to one thread.
    """
    global _parser, _nlp
    from valuelint.document import _markdown
    from valuelint.language import import_spacy

    _parser = _markdown()
    _parser.disable("valuelint_count")  # valuelint's own guard against huge posts
    _nlp = import_spacy().blank("en")


def _prose(tokens: Sequence[Any]) -> Iterator[str]:
    """The words a reader sees in each paragraph, heading and table cell, markup left out."""
    for token in tokens:
        if token.type == "inline" and token.children:
            text = "".join(child.content if child.type == "text" else
                           "\n" if child.type in ("softbreak", "hardbreak") else ""
                           for child in token.children)
            if text:
                yield text


def read(path: str) -> tuple[int, float, float]:
    """Parse and tokenise one post: (spaCy tokens, markdown seconds, spaCy seconds)."""
    text = Path(path).read_text("utf-8", "replace")
    started = time.process_time()
    tokens = _parser.parse(text)
    parsed = time.process_time()
    words = sum(len(_nlp.make_doc(prose)) for prose in _prose(tokens))
    return words, parsed - started, time.process_time() - parsed


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 1 or not Path(args[0]).is_dir():
        print("usage: floor.py CORPUS_FOLDER", file=sys.stderr)
        return 2
    files = [str(post) for post in posts(Path(args[0]))]
    load()
    jobs = os.cpu_count() or 1
    if jobs > 1:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            results = pool.map(read, files, chunksize=8)
    else:
        results = [read(path) for path in files]
    words = sum(r[0] for r in results)
    print(f"{len(files)} files, {words} spaCy tokens, {jobs} processes")
    print(f"floor: markdown-it-py {sum(r[1] for r in results):.2f} s, "
          f"spaCy's tokenizer {sum(r[2] for r in results):.2f} s "
          "(CPU, added up over processes)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
