"""The ``model`` setting with a real trained spaCy pipeline, and READ004 (passive voice) on it.

Nothing is downloaded: the pipeline is the tiny English tagger tests/tiny_tagger.py
trains once per test session, saved as a folder, and packaged with ``spacy package``
and installed with pip where a test needs it installed. Every run is a real
``valuelint check`` process on real files.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import package_tagger, run_valuelint, split_timings, with_path
from tiny_tagger import sentences

#: A post that hides its actors: 9 of its 12 sentences are passive.
PASSIVE = """\
# The outage

We saw the first errors on Monday.
The release was delayed.
A decision was made to roll back.
The database was restored from the backup.
Several reports were filed by users.
The logs were reviewed by the team.
A fix was written and was tested.
The new build was deployed on Tuesday.
The incident was closed.
It has been reviewed again.
We learned a lot.
Our users are happy.
"""

#: The same story told by the people who did it: no passive sentence.
ACTIVE = """\
# The outage

We saw the first errors on Monday.
We delayed the release.
We decided to roll back.
We restored the database from the backup.
Several users filed reports.
The team reviewed the logs.
She wrote a fix and we tested it.
We deployed the new build on Tuesday.
We closed the incident.
We have reviewed it again.
The build is fast.
Our users are happy.
"""

CONFIG = 'select = ["READ004"]\nmodel = "{model}"\n'


def check(root: Path, *args: str, env: dict[str, str] | None = None) -> tuple[int, str, str,
                                                                                 dict[str, int]]:
    """``valuelint check ARGS`` in ``root``: exit code, stdout, stderr and the timings."""
    outcome = run_valuelint("check", *args, cwd=root,
                            env={"VALUELINT_PROFILE": "1", **(env or {})})
    stderr, timings = split_timings(outcome.stderr)
    return outcome.code, outcome.stdout, stderr, timings


@pytest.fixture
def blog(tmp_path: Path, tagger: Path) -> Path:
    """A blog whose configuration names the trained pipeline folder."""
    root = tmp_path / "blog"
    (root / ".git").mkdir(parents=True)
    (root / "posts").mkdir()
    (root / "posts" / "passive.md").write_text(PASSIVE, "utf-8")
    (root / "posts" / "active.md").write_text(ACTIVE, "utf-8")
    (root / "valuelint.toml").write_text(CONFIG.format(model=tagger.as_posix()), "utf-8")
    return root


def test_the_trained_tagger_tells_a_past_participle_from_a_past_tense(tagger: Path) -> None:
    import spacy

    nlp = spacy.load(tagger)
    held_out = list(sentences(200, seed=7))
    right = total = 0
    for tagged in held_out:
        doc = nlp(" ".join(word for word, _ in tagged))
        for token, (_, tag) in zip(doc, tagged, strict=True):
            if tag in ("VBD", "VBN"):
                total += 1
                right += token.tag_ == tag
    assert right / total >= 0.95, f"{right} of {total} verbs tagged right"


def test_passive_voice_reports_a_post_told_in_the_passive(blog: Path) -> None:
    code, out, err, _ = check(blog, "posts/passive.md", "--format", "json", "--no-cache")
    assert err == "" and code == 0  # READ004 is advisory: it does not fail the post
    [found] = json.loads(out)["files"][0]["findings"]
    assert found["code"] == "READ004" and found["severity"] == "info"
    assert found["message"].startswith("9 of 12 sentences (75%) are in the passive voice, "
                                       'such as "The release was delayed."')
    assert (found["line"], found["column"]) == (4, 1)


def test_passive_voice_leaves_a_post_told_in_the_active_alone(blog: Path) -> None:
    code, out, err, _ = check(blog, "posts/active.md", "--format", "json", "--no-cache")
    assert (code, err) == (0, "")
    assert json.loads(out)["files"][0]["findings"] == []


def test_passive_voice_is_quiet_under_its_share_and_its_minimum(blog: Path) -> None:
    config = (blog / "valuelint.toml").read_text("utf-8")
    (blog / "valuelint.toml").write_text(
        config + '[rules.passive-voice]\nmax-share = 0.75\n', "utf-8")
    _, out, _, _ = check(blog, "posts/passive.md", "--format", "json", "--no-cache")
    assert json.loads(out)["files"][0]["findings"] == []  # 75% is not over 75%
    (blog / "valuelint.toml").write_text(
        config + '[rules.passive-voice]\nmin-sentences = 13\n', "utf-8")
    _, out, _, _ = check(blog, "posts/passive.md", "--format", "json", "--no-cache")
    assert json.loads(out)["files"][0]["findings"] == []


def test_without_the_model_passive_voice_is_skipped_and_says_so(blog: Path) -> None:
    (blog / "valuelint.toml").write_text('select = ["READ004"]\n', "utf-8")
    code, out, err, _ = check(blog, "posts/passive.md", "--format", "json", "--no-cache")
    assert code == 0 and json.loads(out)["files"][0]["findings"] == []
    assert "READ004 needs a trained spaCy pipeline" in err


# --------------------------------------------------------------------------- the cache key


def _edit_meta(folder: Path, **changes: str) -> None:
    meta = folder / "meta.json"
    data = json.loads(meta.read_text("utf-8"))
    data.update(changes)
    meta.write_text(json.dumps(data, indent=2), "utf-8")


@pytest.mark.parametrize("change", ["version", "name"])
def test_a_pipeline_folder_with_another_name_or_version_is_checked_again(
    blog: Path, tagger: Path, tmp_path: Path, change: str,
) -> None:
    model = tmp_path / "model"
    shutil.copytree(tagger, model)
    (blog / "valuelint.toml").write_text(CONFIG.format(model=model.as_posix()), "utf-8")
    first = check(blog, "posts")
    assert first[3]["cached"] == 0 and "READ004" in first[1]
    assert check(blog, "posts")[3]["cached"] == 2
    _edit_meta(model, **{"version": "1.0.1"} if change == "version" else {"name": "retrained"})
    again = check(blog, "posts")
    assert again[3]["cached"] == 0, f"the pipeline's {change} changed, yet the cache served"
    assert again[:3] == first[:3]


def test_an_installed_pipeline_is_keyed_by_its_name_and_version(
    builder: Path, tagger: Path, tmp_path: Path, blog: Path,
) -> None:
    one = package_tagger(builder, tagger, "1.0.0", tmp_path / "site-1.0.0")
    two = package_tagger(builder, tagger, "1.0.1", tmp_path / "site-1.0.1")
    (blog / "valuelint.toml").write_text(CONFIG.format(model="en_tiny_tagger"), "utf-8")
    first = check(blog, "posts", env=with_path(one))
    assert first[3]["cached"] == 0 and "posts/passive.md:4:1: READ004" in first[1]
    assert check(blog, "posts", env=with_path(one))[3]["cached"] == 2
    upgraded = check(blog, "posts", env=with_path(two))
    assert upgraded[3]["cached"] == 0, "the pipeline was upgraded, yet the cache served"
    assert upgraded[:3] == first[:3]
    assert check(blog, "posts", env=with_path(one))[3]["cached"] == 2
    # Another pipeline by name: the folder the package was made from.
    (blog / "valuelint.toml").write_text(CONFIG.format(model=tagger.as_posix()), "utf-8")
    assert check(blog, "posts", env=with_path(one))[3]["cached"] == 0
