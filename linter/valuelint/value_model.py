"""The fitted value model: named coefficients read from a data file, nothing opaque.

The rule pack ships ``valuelint_rules/data/value_model.json``, written by
``benchmarks/fit_value_model.py`` from labelled posts (its ``provenance``
block names the data and the command). This module reads it and evaluates it;
it needs no scikit-learn and no network.

For each fitted dimension (promotion, bait, evidence, substance), every term
turns one named signal (docs/signals.md) into a standardised value::

    z = (transform(value) - mean) / scale       transform: identity, log_rate or log_count
    logit = intercept + sum(weight * z)
    p = 1 / (1 + exp(-logit))

and the dimension's model score is ``100 * (1 - p)`` when the model predicts
what costs a reader (``"scores": "against"``: promotional, bait) and ``100 * p``
when it predicts what serves one (``"for"``: specific, substantial). A post
whose every signal sits at the fitted mean is the *typical post*: its logit is
the intercept. docs/scoring.md prints every coefficient.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

from valuelint.rule import Severity

__all__ = ["MODEL_FORMAT", "Combine", "FittedDimension", "ModelError", "Term", "ValueModel",
           "load_model", "parse_model", "transform"]

#: The data file format this module reads.
MODEL_FORMAT = 2
#: The transforms a term may name (the data file's ``transforms`` say what each does).
TRANSFORMS = ("identity", "log_rate", "log_count")


class ModelError(ValueError):
    """The data file is missing, unreadable or not of :data:`MODEL_FORMAT`."""


def transform(kind: str, value: float, words: float) -> float:
    """A signal's value as a term reads it (the data file's ``transforms`` say the same)."""
    if kind == "identity":
        return value
    if kind == "log_rate":
        return math.log1p(100 * value / (words + 50))
    if kind == "log_count":
        return math.log1p(value)
    raise ModelError(f"unknown transform {kind!r}")


@dataclass(frozen=True, slots=True)
class Term:
    """One signal in a fitted dimension."""

    signal: str
    transform: str
    mean: float
    scale: float
    weight: float

    def z(self, value: float, words: float) -> float:
        """The signal's standardised value: 0 for a typical post."""
        return (transform(self.transform, value, words) - self.mean) / self.scale

    def typical(self, words: float) -> float:
        """The raw value a post of ``words`` words would need to sit at the mean."""
        if self.transform == "log_rate":
            return math.expm1(self.mean) * (words + 50) / 100
        if self.transform == "log_count":
            return math.expm1(self.mean)
        return self.mean


@dataclass(frozen=True, slots=True)
class FittedDimension:
    """A logistic model of one dimension."""

    name: str
    predicts: str
    against: bool
    """True when the model predicts what costs a reader (its score is 100 * (1 - p))."""
    intercept: float
    terms: tuple[Term, ...]

    def model_score(self, logit: float) -> float:
        """0-100 from a logit: high is good for the reader."""
        p = _sigmoid(logit)
        return 100 * (1 - p) if self.against else 100 * p

    @property
    def typical(self) -> float:
        """The model score of a post whose every signal sits at the fitted mean."""
        return self.model_score(self.intercept)


@dataclass(frozen=True, slots=True)
class Combine:
    """The hand-set numbers that combine the dimensions (not fitted)."""

    weights: Mapping[str, float]
    cap_margin: float
    above_cap: float
    """Share of the weighted mean above the cap that still counts (0-1)."""
    finding_penalty: Mapping[Severity, float]
    reasons: Mapping[str, str]


@dataclass(frozen=True, slots=True)
class ValueModel:
    """The whole data file."""

    dimensions: Mapping[str, FittedDimension]
    combine: Combine
    provenance: Mapping[str, Any]


def _sigmoid(x: float) -> float:
    if x >= 0:
        return 1 / (1 + math.exp(-x))
    e = math.exp(x)
    return e / (1 + e)


def _number(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ModelError(f"{where} is not a finite number")
    return float(value)


def _mapping(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ModelError(f"{where} is not a mapping")
    return value


def parse_model(data: Any) -> ValueModel:
    """Read a data file's parsed JSON; raises :class:`ModelError` on anything malformed."""
    data = _mapping(data, "the file")
    if data.get("format") != MODEL_FORMAT:
        raise ModelError(f"format is {data.get('format')!r}, valuelint reads {MODEL_FORMAT}")
    combine = _mapping(data.get("combine"), "combine")
    weights = {name: _number(value, f"combine.weights.{name}")
               for name, value in _mapping(combine.get("weights"), "combine.weights").items()}
    penalty = {}
    for severity in Severity:
        penalty[severity] = _number(
            _mapping(combine.get("finding_penalty"), "combine.finding_penalty").get(
                severity.value), f"combine.finding_penalty.{severity.value}")
    reasons = {str(k): str(v) for k, v in _mapping(combine.get("reasons", {}),
                                                   "combine.reasons").items()}
    dimensions = {}
    for name, entry in sorted(_mapping(data.get("dimensions"), "dimensions").items()):
        entry = _mapping(entry, f"dimensions.{name}")
        if entry.get("scores") not in ("against", "for"):
            raise ModelError(f"dimensions.{name}.scores must be 'against' or 'for'")
        terms = []
        for index, term in enumerate(entry.get("terms") or []):
            where = f"dimensions.{name}.terms[{index}]"
            term = _mapping(term, where)
            kind = term.get("transform")
            if kind not in TRANSFORMS or not isinstance(term.get("signal"), str):
                raise ModelError(f"{where} needs a signal and a known transform")
            scale = _number(term.get("scale"), f"{where}.scale")
            if scale <= 0:
                raise ModelError(f"{where}.scale must be positive")
            terms.append(Term(term["signal"], kind, _number(term.get("mean"), f"{where}.mean"),
                              scale, _number(term.get("weight"), f"{where}.weight")))
        dimensions[name] = FittedDimension(
            name, str(entry.get("predicts", "")), entry["scores"] == "against",
            _number(entry.get("intercept"), f"dimensions.{name}.intercept"), tuple(terms))
    missing = set(dimensions) - set(weights)
    if missing:
        raise ModelError(f"combine.weights has no weight for {', '.join(sorted(missing))}")
    return ValueModel(dimensions,
                      Combine(weights, _number(combine.get("cap_margin"), "combine.cap_margin"),
                              _number(combine.get("above_cap"), "combine.above_cap"),
                              penalty, reasons),
                      _mapping(data.get("provenance", {}), "provenance"))


@cache
def load_model() -> ValueModel:
    """The model the rule pack ships (read once per process)."""
    resource = files("valuelint_rules").joinpath("data", "value_model.json")
    try:
        return parse_model(json.loads(resource.read_text(encoding="utf-8")))
    except (OSError, json.JSONDecodeError) as exc:
        raise ModelError(f"cannot read valuelint_rules/data/value_model.json: {exc}") from exc
