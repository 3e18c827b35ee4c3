"""Near-duplicate text: MinHash sketches over word shingles, and similar short texts.

Each post's words are cut into overlapping *shingles* of ``size`` words; two
posts are near-duplicates when the Jaccard similarity of their shingle sets
(shared shingles over all shingles) is at or above a threshold. Comparing
every pair of a thousand posts is too slow, so each post gets a *bottom-k
MinHash sketch*: the ``k`` smallest hashes of its shingles. Posts whose
sketches share enough hashes to come near the threshold are candidates, and
each candidate's similarity is then measured exactly. Word hashes come from
BLAKE2b with a fixed key and shingle hashes from hashing tuples of them (which
Python does not salt), so every run finds the same pairs and the same figures.
"""

from __future__ import annotations

import hashlib
import heapq
import struct
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from itertools import combinations

from valuelint.facts import WORD

__all__ = [
    "Pair",
    "Shingler",
    "clusters",
    "fingerprint",
    "is_number_word",
    "jaccard",
    "near_duplicates",
    "similar_texts",
    "sketch",
    "sketched_near_duplicates",
    "sketches_agree",
    "words_of",
]


#: The sketch size: the estimate's standard error is about 1/sqrt(k).
SKETCH_SIZE = 128
_KEY = b"valuelint-minhash"


@dataclass(frozen=True, slots=True)
class Pair:
    """Two items (by index) and how similar they are (0-1)."""

    first: int
    second: int
    similarity: float


#: Each word's hash, kept for the process: a blog repeats its words from post to post.
_word_ids: dict[str, int] = {}
#: Most words whose hashes are kept.
_WORD_IDS_KEPT = 500_000


def _word_id(word: str) -> int:
    digest = hashlib.blake2b(word.encode("utf-8"), digest_size=8, key=_KEY).digest()
    if len(_word_ids) >= _WORD_IDS_KEPT:
        _word_ids.clear()  # Posts full of distinct made-up words must not fill the memory.
    found = _word_ids[word] = int.from_bytes(digest, "little")
    return found


class Shingler:
    """Turns word lists into shingle hash sets; word hashes are kept across posts."""

    def __init__(self, size: int = 5) -> None:
        self.size = max(1, size)

    def shingles(self, words: Sequence[str]) -> frozenset[int]:
        """The hashes of every run of ``size`` consecutive words (one run if fewer)."""
        known = _word_ids.get
        ids = [known(word) or _word_id(word) for word in words]
        if not ids:
            return frozenset()
        size = min(self.size, len(ids))
        # A tuple of integers hashes the same in every process (only str and
        # bytes hashes are salted), and its hash mixes every member in order.
        return frozenset(map(hash, zip(*(ids[offset:len(ids) - size + 1 + offset]
                                         for offset in range(size)), strict=True)))


def words_of(text: str) -> tuple[str, ...]:
    """The words of ``text``, lower-cased (:data:`valuelint.facts.WORD`)."""
    return tuple(WORD.findall(text.lower()))


def jaccard(first: AbstractSet[Hashable], second: AbstractSet[Hashable]) -> float:
    """Shared items over all items; 0 for two empty sets."""
    if not first and not second:
        return 0.0
    shared = len(first & second)
    return shared / (len(first) + len(second) - shared)


def fingerprint(items: AbstractSet[int]) -> str:
    """A digest of a whole set of shingle hashes, "" for an empty set.

    Two sets with the same fingerprint are the same set (BLAKE2b of the sorted
    hashes), so a pair of posts with the same words is known to be a
    near-duplicate (similarity 1) without reading either post again.
    """
    if not items:
        return ""
    ordered = sorted(items)
    return hashlib.blake2b(struct.pack(f"<{len(ordered)}q", *ordered),
                           digest_size=16).hexdigest()


def sketch(items: AbstractSet[int], k: int = SKETCH_SIZE) -> tuple[int, ...]:
    """The bottom-k MinHash sketch of a set of hashes: its ``k`` smallest, sorted."""
    return tuple(sorted(heapq.nsmallest(k, items)))


def near_duplicates(
    sets: Sequence[frozenset[int]], threshold: float, k: int = SKETCH_SIZE,
) -> list[Pair]:
    """Every pair of sets whose Jaccard similarity is at least ``threshold``.

    Empty sets are never paired. Pairs come sorted by first index, then second.
    """
    return sketched_near_duplicates(
        [sketch(items, k) for items in sets], [len(items) for items in sets], threshold,
        lambda first, second: jaccard(sets[first], sets[second]), k)


def sketched_near_duplicates(
    sketches: Sequence[Sequence[int]], sizes: Sequence[int], threshold: float,
    exact: Callable[[int, int], float], k: int = SKETCH_SIZE,
) -> list[Pair]:
    """:func:`near_duplicates` from each set's sketch and size.

    Only the candidates the sketches point at are measured, by ``exact(first,
    second)``: the whole sets need not be in memory at once.
    """
    postings: dict[int, list[int]] = defaultdict(list)
    for index, values in enumerate(sketches):
        for value in values:
            postings[value].append(index)
    shared: Counter[tuple[int, int]] = Counter()
    for members in postings.values():
        if len(members) > 1:
            # Indices were added in order, so each pair comes (lower, higher).
            shared.update(combinations(members, 2))
    candidates = [pair for pair, count in shared.items()
                  if sketches_agree(count, sizes[pair[0]], sizes[pair[1]], threshold, k)]
    found: list[Pair] = []
    for first, second in sorted(candidates):
        measured = exact(first, second)
        if measured >= threshold:
            found.append(Pair(first, second, measured))
    return found


def sketches_agree(shared: int, first_size: int, second_size: int, threshold: float,
                   k: int = SKETCH_SIZE) -> bool:
    """True when two sets, of these sizes and whose bottom-k sketches share ``shared``
    values, may be ``threshold`` similar: the pairs :func:`sketched_near_duplicates`
    measures exactly (a pair sharing no sketch value never is)."""
    if shared < 1:
        return False
    small, large = sorted((first_size, second_size))
    if small / large < threshold:  # Jaccard is at most the ratio of the sizes
        return False
    # A pair at the threshold shares about threshold * k of its sketch values;
    # the margin is 2.5 standard errors of that estimate.
    margin = 2.5 / k ** 0.5
    return bool(shared >= (threshold - margin) * min(k, small))


#: Words that count installments of a series, like digits do: numbers, ordinals and
#: months ("the second year", "the March 2025 selections").
_NUMBER_WORDS = frozenset({
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
    "ninth", "tenth", "eleventh", "twelfth", "january", "february", "march", "april", "may",
    "june", "july", "august", "september", "october", "november", "december",
})


def is_number_word(word: str) -> bool:
    """True for a word with a digit ("1.58", "2024", "5th"), a number word ("second") or a
    month ("March")."""
    return word in _NUMBER_WORDS or any(ch.isdigit() for ch in word)


def similar_texts(
    texts: Sequence[tuple[str, ...]], threshold: float, min_words: int = 3,
) -> list[Pair]:
    """Pairs of short texts (titles, descriptions) that say the same thing.

    Texts are word tuples. Two are the same when their words are; similar when
    they have at least ``min_words`` words each, the Jaccard similarity of
    their word sets is at least ``threshold`` and no word that differs is a
    number or a month (:func:`is_number_word`): "Announcing Rust 1.47.0" and
    "Announcing Rust 1.48.0", or "the first year of Rust" and "the second year
    of Rust", are a series, not duplicates.
    """
    found: list[Pair] = []
    sets = [frozenset(words) for words in texts]
    by_word: dict[str, list[int]] = defaultdict(list)
    for index, words in enumerate(sets):
        for word in words:
            by_word[word].append(index)
    # Prefix filtering: two sets with Jaccard >= t share one of the rarest
    # (|A| - ceil(t * |A|) + 1) words of each.
    frequency = {word: len(members) for word, members in by_word.items()}
    candidates: set[tuple[int, int]] = set()
    exact: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for index, text in enumerate(texts):
        if text:
            exact[text].append(index)
    for members in exact.values():
        for a_at, first in enumerate(members):
            for second in members[a_at + 1:]:
                candidates.add((first, second))
    for index, words in enumerate(sets):
        if len(words) < min_words:
            continue
        ranked = sorted(words, key=lambda w: (frequency[w], w))
        keep = len(ranked) - int(threshold * len(ranked) + 0.999999) + 1
        for word in ranked[:max(keep, 1)]:
            for other in by_word[word]:
                if other != index and len(sets[other]) >= min_words:
                    candidates.add((min(index, other), max(index, other)))
    for first, second in sorted(candidates):
        if texts[first] == texts[second]:
            found.append(Pair(first, second, 1.0))
            continue
        a, b = sets[first], sets[second]
        if any(is_number_word(word) for word in a ^ b):
            continue
        value = jaccard(a, b)
        if value >= threshold:
            found.append(Pair(first, second, value))
    return found


def clusters(pairs: Iterable[Pair], count: int) -> list[list[int]]:
    """Groups of items linked by pairs (each sorted), largest first, then by first item."""
    parent = list(range(count))

    def root(item: int) -> int:
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    linked: set[int] = set()
    for pair in pairs:
        linked.update((pair.first, pair.second))
        a, b = root(pair.first), root(pair.second)
        if a != b:
            parent[max(a, b)] = min(a, b)
    groups: dict[int, list[int]] = defaultdict(list)
    for item in sorted(linked):
        groups[root(item)].append(item)
    return sorted(groups.values(), key=lambda group: (-len(group), group[0]))
