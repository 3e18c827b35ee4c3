"""The measures benchmarks/quality.py reports: rank statistics on numbers whose answer is known."""

from __future__ import annotations

import math
import random
import sys

import pytest

from conftest import REPO

sys.path.insert(0, str(REPO / "benchmarks"))
import measures


def test_auc_of_perfectly_separated_scores_is_one_and_reversed_is_zero() -> None:
    scores = [1, 2, 3, 10, 11, 12]
    positive = [False, False, False, True, True, True]
    assert measures.auc(scores, positive) == 1.0
    assert measures.auc([-s for s in scores], positive) == 0.0


def test_auc_of_tied_scores_is_one_half() -> None:
    assert measures.auc([7, 7, 7, 7, 7], [True, False, True, False, False]) == 0.5


def test_auc_counts_pairs_and_ties_half() -> None:
    # Positives 2 and 3 against negatives 1 and 3: pairs (2>1) (2<3) (3>1) (3=3) -> 2.5 of 4.
    assert measures.auc([2, 3, 1, 3], [True, True, False, False]) == pytest.approx(2.5 / 4)


def test_auc_with_one_class_is_undefined() -> None:
    assert math.isnan(measures.auc([1, 2, 3], [True, True, True]))


def test_spearman_sees_only_order() -> None:
    xs = [1.0, 2.0, 3.0, 4.0, 5.0]
    assert measures.spearman(xs, [x ** 3 for x in xs]) == pytest.approx(1.0)
    assert measures.spearman(xs, [math.exp(-x) for x in xs]) == pytest.approx(-1.0)
    assert math.isnan(measures.spearman(xs, [2.0] * 5))


def test_partial_spearman_of_a_pure_length_proxy_is_zero() -> None:
    rng = random.Random(7)
    length = [rng.uniform(20, 2000) for _ in range(2000)]
    votes = [math.log(n) + rng.gauss(0, 1) for n in length]
    # A score that is a function of length alone: nothing beyond length.
    assert measures.partial_spearman([math.sqrt(n) for n in length], votes, length) == 0.0
    # A score that is length plus noise unrelated to votes: close to nothing.
    noisy = [math.log(n) + rng.gauss(0, 1) for n in length]
    assert measures.spearman(noisy, votes) > 0.3
    assert abs(measures.partial_spearman(noisy, votes, length)) < 0.06


def test_partial_spearman_keeps_what_length_does_not_explain() -> None:
    rng = random.Random(11)
    length = [rng.uniform(20, 2000) for _ in range(2000)]
    quality = [rng.gauss(0, 1) for _ in length]
    votes = [q + rng.gauss(0, 0.5) for q in quality]
    # The score knows quality and nothing of length: holding length fixed changes little.
    plain = measures.spearman(quality, votes)
    assert measures.partial_spearman(quality, votes, length) == pytest.approx(plain, abs=0.03)
    assert plain > 0.8
    # Words or log words: ranks are the same, so is the figure.
    logs = [math.log(n) for n in length]
    assert (measures.partial_spearman(quality, votes, length)
            == pytest.approx(measures.partial_spearman(quality, votes, logs)))


def test_pairwise_compares_only_within_a_group() -> None:
    groups = {
        "q1": [(10.0, 90.0), (1.0, 40.0)],  # agrees
        "q2": [(5.0, 30.0), (0.0, 80.0)],   # disagrees
        "q3": [(3.0, 50.0), (2.0, 50.0)],   # tie: half
        "q4": [(4.0, 10.0), (4.0, 99.0)],   # equal votes: not counted
    }
    assert measures.pairwise(groups) == pytest.approx(1.5 / 3)


def test_length_bands_are_quintiles() -> None:
    lengths = list(range(1, 101))
    bands = measures.length_bands(lengths)
    assert [bands.count(b) for b in range(5)] == [20, 20, 20, 20, 20]
    assert bands == sorted(bands)  # longer never sits in a lower band
    shuffled = lengths[::-1]
    assert measures.length_bands(shuffled) == bands[::-1]


def test_equal_lengths_share_a_band() -> None:
    bands = measures.length_bands([5, 5, 5, 5, 9, 9, 9, 9, 9, 9])
    assert len({bands[i] for i in range(4)}) == 1
    assert len({bands[i] for i in range(4, 10)}) == 1


def test_banded_auc_removes_what_length_alone_separates() -> None:
    # Positives are longer, and within each band the score says nothing.
    lengths = [n for n in range(100)]
    positive = [n % 5 < (1 if n < 50 else 4) for n in lengths]
    bands = measures.length_bands(lengths)
    assert measures.auc(lengths, positive) > 0.75
    flat = measures.banded_auc([1.0] * 100, positive, bands)
    assert flat.mean == 0.5 and flat.minimum == 0.5
    assert [items for _, items, _ in flat.per_band] == [20] * 5


def test_banded_auc_skips_bands_with_one_class_and_reports_the_worst() -> None:
    scores = [1, 2, 3, 4, 1, 2, 3, 4, 5, 6]
    positive = [False, False, True, True, True, False, False, True, True, True]
    bands = [0, 0, 0, 0, 1, 1, 1, 1, 2, 2]
    banded = measures.banded_auc(scores, positive, bands)
    assert banded.per_band[0][2] == 1.0
    assert banded.per_band[1][2] == 0.5
    assert math.isnan(banded.per_band[2][2])
    assert banded.mean == 0.75 and banded.minimum == 0.5


def test_largest_share_names_the_most_common_value() -> None:
    assert measures.largest_share([100, 100, 100, 80, 60]) == (100, 0.6)
    value, share = measures.largest_share([3, 1, 1, 3, 2])
    assert (value, share) == (1, 0.4)  # two as common: the smaller, every run


def test_word_count_baseline_takes_the_better_direction() -> None:
    positive = [True, True, False, False]
    assert measures.best_direction_auc([1, 2, 3, 4], positive) == (1.0, "shorter")
    assert measures.best_direction_auc([4, 3, 2, 1], positive) == (1.0, "longer")


def test_targets_mark_met_and_missed() -> None:
    assert measures.Target(">=", 0.7).mark(0.7) == "met"
    assert measures.Target(">=", 0.7).mark(0.69) == "MISSED"
    assert measures.Target("<=", 0.2).mark(0.21) == "MISSED"
    assert measures.Target("<", 50).mark(50) == "MISSED"
    assert measures.Target("<", 50).mark(49) == "met"
    assert measures.Target(">=", 0.7).mark(float("nan")) == "MISSED"
    assert str(measures.Target(">=", 0.72)) == ">= 0.72"


def test_a_row_shows_the_figure_the_baseline_and_whether_the_target_is_met() -> None:
    line = measures.row("promotion AUC", 0.6512, measures.Target(">=", 0.72),
                        "words alone 0.601 (longer)")
    assert line.split() == ["promotion", "AUC", "0.651", "words", "alone", "0.601", "(longer)",
                            "target", ">=", "0.72:", "MISSED"]
    share = measures.row("posts scoring exactly 100", 12.34, measures.Target("<=", 20),
                         unit="%", digits=1)
    assert share.endswith("12.3%   target <= 20%: met")


def test_a_row_without_a_figure_is_not_counted_as_met_or_missed() -> None:
    for value in (None, float("nan")):
        line = measures.row("grouped CV", value, measures.Target(">=", 0.78))
        assert " n/a " in line and line.endswith("target >= 0.78: n/a")


def test_the_summary_counts_targets_and_lists_each_miss_with_its_section() -> None:
    target = measures.Target(">=", 0.7)
    sections = [
        ("npov", [measures.row("promotion AUC", 0.63, target), "  a line without a target"]),
        ("ott", [measures.row("evidence AUC", 0.81, target),
                 measures.row("cv AUC", None, target)]),
    ]
    lines = measures.summary(sections)
    assert lines[0] == "targets: 1 met, 1 MISSED, 1 without a figure (n/a), of 3"
    assert lines[1:] == ["  MISSED npov: promotion AUC 0.630 target >= 0.70"]
    assert measures.summary([("examples", ["  no targets here"])]) == []
