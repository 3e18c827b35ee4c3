"""What the site checks keep in the result cache: each post's features, its shingles,
and the near-duplicate pairs of a site.

Every value is kept under the SHA-256 of the bytes (or of the JSON values) it
was made from, so a post edited, renamed or checked with other options is
worked out again, and nothing stale is ever read back. Without a cache, every
value is made afresh.
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import json
import sys
from array import array
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from valuelint.site.posts import (
    Features,
    SitePost,
    post_from_json,
    post_from_text,
    post_to_json,
    shingles_of_text,
)
from valuelint.site.similarity import Pair
from valuelint.source import InputError, read_bytes, read_file

if TYPE_CHECKING:
    from valuelint.cache import ResultCache

__all__ = ["KnownPost", "SiteStore", "digest_of", "feature_parts"]

#: The versions of the values kept in the cache: change them with their shape.
POST_FEATURES = "post-features-1"
POST_SHINGLES = "post-shingles-1"
NEAR_PAIRS = "near-duplicate-pairs-1"
_T = TypeVar("_T")


def digest_of(made_from: Any) -> str:
    """The SHA-256 of what a value kept for the whole site is made from (JSON values)."""
    return hashlib.sha256(json.dumps(made_from).encode("utf-8", "surrogatepass")).hexdigest()


def feature_parts(display: str, drafts_folder: bool, features: Features) -> list[Any]:
    """The key parts, beside the post's bytes, of a post's features in the cache."""
    return [POST_FEATURES, display, drafts_folder, dataclasses.astuple(features)]


def _pack(shingles: Iterable[int]) -> str:
    packed = array("q", shingles)
    if sys.byteorder == "big":  # stored little-endian, on every machine
        packed.byteswap()
    return base64.b64encode(packed.tobytes()).decode("ascii")


def _unpack(stored: Any) -> array[int]:
    """Shingles :func:`_pack` stored; raises ``ValueError`` or ``TypeError`` on anything else."""
    raw = base64.b64decode(stored, validate=True)
    packed: array[int] = array("q")
    if len(raw) % packed.itemsize:
        raise ValueError("not a whole number of shingles")
    packed.frombytes(raw)
    if sys.byteorder == "big":
        packed.byteswap()
    return packed


def _pairs_from_json(stored: Any, count: int) -> list[Pair]:
    """Pairs :meth:`SiteStore.pairs` stored; raises ``TypeError`` or ``ValueError`` on
    anything else."""
    pairs = []
    for first, second, similarity in stored:
        if not (type(first) is int and type(second) is int and 0 <= first < second < count
                and type(similarity) in (int, float) and 0 <= similarity <= 1):
            raise TypeError("not a near-duplicate pair")
        pairs.append(Pair(first, second, float(similarity)))
    return pairs


def _given_pairs(measured: Mapping[tuple[str, str], float],
                 posts: Sequence[SitePost]) -> list[Pair]:
    """The pairs of ``measured`` among ``posts``, by index, sorted as measured pairs are."""
    index = {post.path: at for at, post in enumerate(posts)}
    pairs = []
    for (first, second), similarity in measured.items():
        if first in index and second in index and first != second:
            low, high = sorted((index[first], index[second]))
            pairs.append(Pair(low, high, similarity))
    return sorted(pairs, key=lambda pair: (pair.first, pair.second))


@dataclass(frozen=True, slots=True)
class KnownPost:
    """A post's features worked out while it was checked, and what they were made for."""

    features: Features
    drafts_folder: bool
    post: SitePost


class SiteStore:
    """The posts' values for one site analysis: worked out while they were checked, from
    the cache, else made from their text."""

    def __init__(self, cache: ResultCache | None, features: Features, max_bytes: int,
                 known: Mapping[str, KnownPost] | None = None,
                 measured: Mapping[tuple[str, str], float] | None = None) -> None:
        self.cache = cache
        self.features = features
        self.max_bytes = max_bytes
        self.known = known or {}
        self.measured = measured
        """The near-duplicate pairs, when they were measured away from the posts' files
        (on the machines that held their text): the similarity of each, by the paths of
        its two posts. :meth:`pairs` gives these, and measures nothing."""
        self.digests: dict[str, str] = {}
        """SHA-256 of the bytes each post's cached values were made from, by path."""

    def _cached(
        self, file: Path, display: str, parts: list[Any], make: Callable[[str], _T | None],
        *, save: Callable[[_T], Any], load: Callable[[Any], _T],
    ) -> _T | None:
        """What ``make`` builds from a post's text, kept in the cache by the post's bytes
        and ``parts``; None when the post cannot be read. A stored value ``load``
        refuses (``ValueError``, ``TypeError``, ``KeyError``, ``AttributeError``: made
        by another version, or damaged) is built again.

        When this run looked the post's result up, the digest of the bytes it read
        then finds the value without reading the post again. The digest of the
        bytes each value was made from is kept in :attr:`digests`.
        """
        cache = self.cache

        def stored(entries: ResultCache, digest: str) -> _T | None:
            value = entries.load_value(entries.site_key(parts, digest))
            if value is None:
                return None
            try:
                found = load(value)
            except (ValueError, TypeError, KeyError, AttributeError):
                return None
            self.digests[display] = digest
            return found

        known = cache.digest_of(display) if cache is not None else None
        if cache is not None and known is not None and (
                found := stored(cache, known)) is not None:
            return found
        try:
            data = read_file(file, self.max_bytes)
            text = read_bytes(data, self.max_bytes)
        except InputError:
            return None
        if cache is None:
            return make(text)
        digest = hashlib.sha256(data).hexdigest()
        if digest != known and (found := stored(cache, digest)) is not None:
            return found
        made = make(text)
        if made is not None:
            self.digests[display] = digest
            cache.store_value(cache.site_key(parts, digest), save(made))
        return made

    def post(self, file: Path, display: str, drafts_folder: bool) -> SitePost | None:
        """A post's site features: as worked out while it was checked, from the cache when
        its bytes are unchanged, else read."""
        features = self.features
        known = self.known.get(display)
        if known is not None and known.post.file == file and known.features == features \
                and known.drafts_folder == drafts_folder:
            digest = self.cache.digest_of(display) if self.cache is not None else None
            if digest is not None:
                self.digests[display] = digest  # as the check stored them
            return known.post
        return self._cached(
            file, display, feature_parts(display, drafts_folder, features),
            lambda text: post_from_text(text, file, display, features, drafts_folder),
            save=post_to_json, load=lambda stored: post_from_json(stored, file, display))

    def shingles(self, post: SitePost, size: int) -> array[int]:
        """A post's shingles, packed 8 bytes each: from the cache, or read again from its
        file."""
        found = self._cached(
            post.file, post.path, [POST_SHINGLES, post.path, size],
            lambda text: array("q", shingles_of_text(text, post.file, post.path, size)),
            save=_pack, load=_unpack)
        return array("q") if found is None else found

    def pairs(self, site: str, posts: Sequence[SitePost], options: Any,
              measure: Callable[[], list[Pair]]) -> list[Pair]:
        """The near-duplicate pairs among ``posts`` of the site shown as ``site``:
        ``measure()``, or the pairs a run over the same posts (the same bytes, paths
        and ``options``, JSON values) measured; or the pairs among them in
        :attr:`measured`, when it is given."""
        if self.measured is not None:
            return _given_pairs(self.measured, posts)
        cache = self.cache
        if cache is None or any(post.path not in self.digests for post in posts):
            return measure()
        entry = cache.site_key([NEAR_PAIRS, site], digest_of(
            [options, dataclasses.astuple(self.features),
             [[post.path, self.digests[post.path]] for post in posts]]))
        stored = cache.load_value(entry)
        if stored is not None:
            try:
                return _pairs_from_json(stored, len(posts))
            except (TypeError, ValueError):
                pass
        pairs = measure()
        cache.store_value(entry, [[pair.first, pair.second, pair.similarity] for pair in pairs])
        return pairs
