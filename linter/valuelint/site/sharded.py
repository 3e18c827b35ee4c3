"""The site checks over posts held on many machines (a Dask DataFrame, a table of posts).

``valuelint site`` reads every post of a site on one machine. When the posts are
spread over a cluster, no machine may hold all their texts, so the work is cut in
three, each step small enough to move:

1. Where a post's text is (a worker), it is judged and its site features are worked
   out in the same pass (:func:`post_features`): a :class:`~valuelint.site.posts.SitePost`
   (title, date, draft state, paragraph hashes: a few hundred bytes, no text) and
   its word shingles, packed 8 bytes each (:func:`pack`).
2. Near-duplicate candidates are the posts that share a bucket in one of the bands of
   a MinHash signature (:func:`band_keys`, locality-sensitive hashing): grouping the
   posts by bucket pairs them without comparing all pairs. Each candidate pair is then
   measured where its two shingle sets are brought together (:func:`measure`), with
   the same test and the same exact Jaccard similarity as ``valuelint site``
   (:func:`~valuelint.site.similarity.sketched_near_duplicates`).
3. The pairs and the posts' small records come to one place, where the site rules run
   as they do for ``valuelint site`` (:func:`analyse_records`), given the pairs.

The bands are chosen so that a pair at the threshold is missed with a probability
under one in a million (:func:`band_shape`); the pairs found are then those
``valuelint site`` finds, since each is measured by the same test.
"""

from __future__ import annotations

import hashlib
import sys
from array import array
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from valuelint.config import Config
from valuelint.document import normalize_newlines
from valuelint.frontmatter import FrontMatterError, split_front_matter
from valuelint.result import PostResult
from valuelint.site.analysis import Member, SiteAnalysis, analyse_site, features_for
from valuelint.site.generators import is_section_index
from valuelint.site.posts import Features, SitePost, post_and_shingles
from valuelint.site.similarity import SKETCH_SIZE, jaccard, sketch, sketches_agree
from valuelint.site.store import KnownPost

if TYPE_CHECKING:
    import numpy as np

__all__ = [
    "PostRecord", "analyse_records", "band_keys", "band_shape", "measure", "pack",
    "post_features", "unpack",
]

#: Rows of the MinHash signature the bands are cut from.
SIGNATURE_SIZE = 128
#: The largest chance that a pair exactly at the threshold shares no band bucket.
MISS_CHANCE = 1e-6
_SEED = b"valuelint-lsh"


def post_features(
    text: str, display: str, features: Features, metadata: Mapping[str, Any] | None = None,
) -> tuple[SitePost, frozenset[int]] | None:
    """A post's site features and shingles from its text, with ``metadata`` (front matter
    given apart from the text) over its own front matter, as the post's check reads
    it; None when its front matter cannot be read (its check says why)."""
    text = normalize_newlines(text)
    try:
        front = split_front_matter(text)
    except (FrontMatterError, RecursionError):
        return None
    if metadata:
        front = replace(front, metadata={**front.metadata, **metadata})
    return post_and_shingles(text, Path(display), display, features, False, front)


def pack(shingles: Iterable[int]) -> bytes:
    """Shingles as bytes, sorted, 8 bytes each, little-endian on every machine."""
    packed = array("q", sorted(shingles))
    if sys.byteorder == "big":
        packed.byteswap()
    return packed.tobytes()


def unpack(data: bytes) -> frozenset[int]:
    """The shingles :func:`pack` packed."""
    packed: array[int] = array("q")
    packed.frombytes(data)
    if sys.byteorder == "big":
        packed.byteswap()
    return frozenset(packed)


# --------------------------------------------------------------------------- LSH bands

def band_shape(threshold: float, size: int = SIGNATURE_SIZE) -> tuple[int, int]:
    """(bands, rows per band) for a signature of ``size``: the most rows per band (the
    fewest chance pairs) for which a pair of similarity ``threshold`` shares a bucket but
    for a chance under :data:`MISS_CHANCE`."""
    best = (size, 1)
    for rows in range(1, size + 1):
        bands = size // rows
        if (1 - threshold ** rows) ** bands <= MISS_CHANCE:
            best = (bands, rows)
    return best


def _hash_parameters(size: int) -> tuple[np.ndarray, np.ndarray]:
    import numpy as np

    values = [int.from_bytes(hashlib.blake2b(f"{i}".encode(), digest_size=16,
                                             key=_SEED).digest(), "little")
              for i in range(size)]
    multipliers = np.array([(v & (2 ** 64 - 1)) | 1 for v in values], dtype=np.uint64)
    offsets = np.array([v >> 64 for v in values], dtype=np.uint64)
    return multipliers[:, None], offsets[:, None]


_PARAMETERS: dict[int, tuple[np.ndarray, np.ndarray]] = {}


def signature(shingles: bytes, size: int = SIGNATURE_SIZE) -> list[int]:
    """The MinHash signature of packed shingles: for each of ``size`` hash functions
    (multiply-shift, fixed seeds), the least hash of a shingle."""
    import numpy as np

    if size not in _PARAMETERS:
        _PARAMETERS[size] = _hash_parameters(size)
    multipliers, offsets = _PARAMETERS[size]
    values = np.frombuffer(shingles, dtype="<i8").view(np.uint64)
    least = np.full(size, np.iinfo(np.uint64).max, dtype=np.uint64)
    for start in range(0, len(values), 4096):  # bounded memory for a post of any size
        hashed = (multipliers * values[None, start:start + 4096] + offsets) >> np.uint64(32)
        least = np.minimum(least, hashed.min(axis=1))
    return [int(value) for value in least]


def band_keys(shingles: bytes, threshold: float, size: int = SIGNATURE_SIZE) -> list[int]:
    """The post's bucket in each band of its signature (a signed 64-bit number each):
    two posts that share a bucket are a near-duplicate candidate."""
    if not shingles:
        return []
    values = signature(shingles, size)
    bands, rows = band_shape(threshold, size)
    # A tuple of integers hashes the same in every process (see Shingler).
    return [hash((band, *values[band * rows:(band + 1) * rows])) for band in range(bands)]


def measure(first: bytes, second: bytes, threshold: float) -> float | None:
    """The similarity of two posts' packed shingles when ``valuelint site`` reports the
    pair (the same sketch test, then the exact Jaccard similarity at or above
    ``threshold``), else None."""
    a, b = unpack(first), unpack(second)
    shared = len(set(sketch(a, SKETCH_SIZE)) & set(sketch(b, SKETCH_SIZE)))
    if not sketches_agree(shared, len(a), len(b), threshold, SKETCH_SIZE):
        return None
    value = jaccard(a, b)
    return value if value >= threshold else None


# --------------------------------------------------------------------------- on the client

@dataclass(frozen=True, slots=True)
class PostRecord:
    """What the site checks need of one post judged elsewhere."""

    path: str
    result: PostResult
    """Its check result; the site rules read its score and its findings at warning
    and above, so those are all it needs to hold."""
    post: SitePost | None
    """Its site features (paragraphs: those repeated in enough posts to matter); None
    when its front matter could not be read."""


def analyse_records(
    records: Sequence[PostRecord], root: Path, display: str, config: Config,
    file_config: Callable[[Path], Config | None], today: date,
    measured: Mapping[tuple[str, str], float],
) -> SiteAnalysis:
    """Run the site rules ``config`` selects over posts judged elsewhere, in the order
    given, as :func:`~valuelint.site.analysis.analyse_site` runs them for
    ``valuelint site``, with the near-duplicate pairs ``measured`` (by the posts'
    paths). A post's file is its path under ``root``; Hugo's and Zola's section
    pages (``_index.md``) are not posts, as for ``valuelint site``."""
    members: list[Member] = []
    known: dict[str, KnownPost] = {}
    features = features_for(config)
    for record in records:
        file = root / record.path
        if is_section_index(file) or record.post is None:
            continue
        members.append(Member(record.result, file, False))
        known[record.path] = KnownPost(features, False, replace(record.post, file=file))
    return analyse_site(root, display, None, members, config, file_config, today,
                        known=known, measured=measured)

