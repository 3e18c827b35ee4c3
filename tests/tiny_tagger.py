"""A tiny trained English part-of-speech tagger, for the rules that need a trained pipeline.

valuelint downloads no model, and the test suite does not either: this module
trains a spaCy tagger (Penn Treebank tags, what READ004 reads) on a few hundred
sentences built from the templates below, in a few seconds, and saves it as a
pipeline folder that ``model`` can name, or that ``spacy package`` turns into an
installable package. The sentences are about the kind of thing a blog post
tells: a team that fixed, tested and shipped something, said in the active voice
and in the passive ("the bug was fixed"), with perfect tenses ("we have fixed",
"it has been fixed") and adverbs ("was quickly fixed"), so that the tagger has
to tell a past tense (VBD) from a past participle (VBN) by its context.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

#: Verbs as (past tense, past participle, present third person, base).
VERBS = [
    ("fixed", "fixed", "fixes", "fix"), ("tested", "tested", "tests", "test"),
    ("deployed", "deployed", "deploys", "deploy"), ("updated", "updated", "updates", "update"),
    ("reviewed", "reviewed", "reviews", "review"), ("delayed", "delayed", "delays", "delay"),
    ("restored", "restored", "restores", "restore"), ("closed", "closed", "closes", "close"),
    ("scheduled", "scheduled", "schedules", "schedule"),
    ("collected", "collected", "collects", "collect"), ("filed", "filed", "files", "file"),
    ("removed", "removed", "removes", "remove"), ("released", "released", "releases", "release"),
    ("measured", "measured", "measures", "measure"), ("changed", "changed", "changes", "change"),
    ("replaced", "replaced", "replaces", "replace"), ("moved", "moved", "moves", "move"),
    ("checked", "checked", "checks", "check"), ("rewrote", "rewritten", "rewrites", "rewrite"),
    ("wrote", "written", "writes", "write"), ("made", "made", "makes", "make"),
    ("built", "built", "builds", "build"), ("found", "found", "finds", "find"),
    ("read", "read", "reads", "read"), ("took", "taken", "takes", "take"),
    ("chose", "chosen", "chooses", "choose"), ("broke", "broken", "breaks", "break"),
    ("shipped", "shipped", "ships", "ship"), ("merged", "merged", "merges", "merge"),
    ("published", "published", "publishes", "publish"),
]
SUBJECTS = [
    [("We", "PRP")], [("She", "PRP")], [("They", "PRP")], [("I", "PRP")],
    [("The", "DT"), ("team", "NN")], [("Our", "PRP$"), ("engineers", "NNS")],
    [("The", "DT"), ("maintainers", "NNS")], [("Ana", "NNP")],
]
OBJECTS = [
    [("the", "DT"), ("bug", "NN")], [("the", "DT"), ("release", "NN")],
    [("the", "DT"), ("database", "NN")], [("the", "DT"), ("logs", "NNS")],
    [("the", "DT"), ("parser", "NN")], [("the", "DT"), ("tests", "NNS")],
    [("a", "DT"), ("fix", "NN")], [("the", "DT"), ("build", "NN")],
    [("the", "DT"), ("runbook", "NN")], [("the", "DT"), ("old", "JJ"), ("server", "NN")],
    [("the", "DT"), ("new", "JJ"), ("version", "NN")], [("the", "DT"), ("report", "NN")],
    [("it", "PRP")], [("them", "PRP")], [("errors", "NNS")],
]
#: Objects turned subjects of a passive sentence, with the form of "be" they take.
PASSIVE_SUBJECTS = [
    ([("The", "DT"), ("bug", "NN")], "singular"), ([("The", "DT"), ("release", "NN")], "singular"),
    ([("The", "DT"), ("logs", "NNS")], "plural"), ([("The", "DT"), ("tests", "NNS")], "plural"),
    ([("A", "DT"), ("fix", "NN")], "singular"), ([("The", "DT"), ("build", "NN")], "singular"),
    ([("Several", "JJ"), ("reports", "NNS")], "plural"), ([("It", "PRP")], "singular"),
    ([("The", "DT"), ("old", "JJ"), ("server", "NN")], "singular"),
    ([("The", "DT"), ("database", "NN")], "singular"), ([("They", "PRP")], "plural"),
]
ADVERBS = [("quickly", "RB"), ("finally", "RB"), ("carefully", "RB"), ("already", "RB"),
           ("never", "RB"), ("not", "RB")]
ENDINGS = [
    [], [("on", "IN"), ("Tuesday", "NNP")], [("after", "IN"), ("the", "DT"), ("outage", "NN")],
    [("by", "IN"), ("the", "DT"), ("team", "NN")], [("last", "JJ"), ("week", "NN")],
    [("in", "IN"), ("the", "DT"), ("morning", "NN")], [("yesterday", "NN")],
    [("with", "IN"), ("care", "NN")], [("from", "IN"), ("the", "DT"), ("backup", "NN")],
    [("to", "TO"), ("save", "VB"), ("time", "NN")], [("again", "RB")],
]
#: Adjectives that follow "be" without making a passive.
ADJECTIVES = [("fast", "JJ"), ("slow", "JJ"), ("ready", "JJ"), ("stable", "JJ"),
              ("simple", "JJ"), ("late", "JJ"), ("small", "JJ"), ("happy", "JJ")]
BE = {
    "singular": [("was", "VBD"), ("is", "VBZ")], "plural": [("were", "VBD"), ("are", "VBP")],
}
HAVE = {"singular": ("has", "VBZ"), "plural": ("have", "VBP")}

Tagged = list[tuple[str, str]]


def _number(subject: Tagged) -> str:
    word, tag = subject[-1]
    return "plural" if tag == "NNS" or word in ("We", "They", "I") else "singular"


def sentences(count: int, seed: int = 0) -> Iterator[Tagged]:
    """``count`` tagged sentences, in the active and the passive voice, in turn."""
    rng = random.Random(seed)
    kinds = ["past", "passive", "present", "perfect", "passive-perfect", "passive-adverb",
             "modal", "passive-modal", "copula", "and", "passive-and", "to"]
    for index in range(count):
        past, participle, present, base = rng.choice(VERBS)
        ending = rng.choice(ENDINGS)
        kind = kinds[index % len(kinds)]
        if kind == "copula":
            subject, number = rng.choice(PASSIVE_SUBJECTS)
            words = [*subject, rng.choice(BE[number]), rng.choice(ADJECTIVES), *ending]
        elif kind == "and":
            first, second = rng.choice(SUBJECTS), rng.choice(SUBJECTS)
            other = rng.choice(VERBS)[0]
            words = [*first, (past, "VBD"), *rng.choice(OBJECTS), ("and", "CC"),
                     *[(w.lower() if t == "PRP" or t == "DT" else w, t) for w, t in second],
                     (other, "VBD"), *rng.choice(OBJECTS)]
        elif kind == "passive-and":
            subject, number = rng.choice(PASSIVE_SUBJECTS)
            other = rng.choice(VERBS)[1]
            be = rng.choice(BE[number])
            words = [*subject, be, (participle, "VBN"), ("and", "CC"), be, (other, "VBN"),
                     *ending]
        elif kind == "to":
            subject = rng.choice(SUBJECTS)
            words = [*subject, (past, "VBD"), ("to", "TO"), (rng.choice(VERBS)[3], "VB"),
                     *rng.choice(OBJECTS)]
        elif kind.startswith("passive"):
            subject, number = rng.choice(PASSIVE_SUBJECTS)
            if kind == "passive-perfect":
                middle = [HAVE[number], ("been", "VBN")]
            elif kind == "passive-modal":
                middle = [("will", "MD"), ("be", "VB")]
            else:
                middle = [rng.choice(BE[number])]
                if kind == "passive-adverb":
                    middle.append(rng.choice(ADVERBS))
            words = [*subject, *middle, (participle, "VBN"), *ending]
        else:
            subject = rng.choice(SUBJECTS)
            obj = rng.choice(OBJECTS)
            number = _number(subject)
            if kind == "past":
                verb: Tagged = [(past, "VBD")]
            elif kind == "present":
                verb = [(present, "VBZ")] if number == "singular" else [(base, "VBP")]
            elif kind == "perfect":
                verb = [HAVE[number], (participle, "VBN")]
            else:
                verb = [("will", "MD"), (base, "VB")]
            words = [*subject, *verb, *obj, *ending]
        yield [*words, (".", ".")]


def train(folder: Path, *, name: str = "tiny_tagger", version: str = "1.0.0",
          count: int = 400, epochs: int = 12) -> Path:
    """Train the tagger and save it as a spaCy pipeline folder; returns ``folder``."""
    import spacy
    from spacy.tokens import Doc
    from spacy.training import Example

    nlp = spacy.blank("en")
    nlp.add_pipe("tagger", config={"model": {
        "@architectures": "spacy.Tagger.v2",
        "tok2vec": {"@architectures": "spacy.HashEmbedCNN.v2", "pretrained_vectors": None,
                    "width": 64, "depth": 2, "embed_size": 2000, "window_size": 1,
                    "maxout_pieces": 2, "subword_features": True},
    }})
    examples: list[Any] = []
    for tagged in sentences(count):
        words = [word for word, _ in tagged]
        reference = Doc(nlp.vocab, words=words, tags=[tag for _, tag in tagged])
        examples.append(Example(nlp.make_doc(" ".join(words[:-1]) + " ."), reference))
    optimizer = nlp.initialize(lambda: examples)
    rng = random.Random(1)
    for _ in range(epochs):
        rng.shuffle(examples)
        for start in range(0, len(examples), 16):
            nlp.update(examples[start:start + 16], sgd=optimizer)
    nlp.meta["name"] = name
    nlp.meta["version"] = version
    nlp.to_disk(folder)
    return folder
