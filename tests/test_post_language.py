"""Posts in other languages: rules written for English do not run on them, and every
report says which language a post was checked as and which rules did not run."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from conftest import Outcome
from valuelint.config import parse_config
from valuelint.engine import check_text
from valuelint.plugins import load_rules, validate_rule
from valuelint.reporters.summary import code_ranges
from valuelint.rule import Category, Finding, Rule, RuleContext

RULES = load_rules()
ENGLISH_ONLY = sorted(code for code, rule in RULES.items() if rule.languages == ("en",))

GERMAN = """---
title: Wie wir die Tests schneller gemacht haben
lang: de
---

Die Tests waren ein Problem, das wir schon lange hatten. Es war so, dass die
Tests bei jeder Änderung mehr als eine halbe Stunde liefen, und das war für uns
alle eine Geduldsprobe, die wir nicht mehr wollten. Wir haben uns dann die Zeit
genommen, um zu sehen, wo die Zeit eigentlich bleibt, und es war nicht das, was
wir gedacht hatten.

Der größte Teil der Zeit ging in die Datenbank, die für jeden Test neu
aufgesetzt wurde. Das war so, weil es am Anfang einfach war, und dann ist es so
geblieben, weil es niemand geändert hat. Wir haben die Datenbank jetzt einmal
pro Lauf aufgesetzt und jeden Test in eine Transaktion gelegt, die am Ende
zurückgerollt wird. Das hat die Zeit von einunddreißig auf neun Minuten
gebracht.

Der zweite Teil war, dass die Tests nicht parallel liefen. Wir haben sie auf
vier Prozesse verteilt, und das hat die Zeit noch einmal auf drei Minuten
gebracht. Es gab ein paar Tests, die sich gegenseitig gestört haben, weil sie in
dieselbe Datei geschrieben haben, und die haben wir so geändert, dass jeder Test
ein eigenes Verzeichnis hat.

Wenn ihr das auch machen wollt, dann fangt mit dem Messen an. Es ist fast immer
etwas anderes, als man denkt, und ohne die Zahlen weiß man nicht, ob eine
Änderung etwas gebracht hat oder nicht.
"""

#: A French post; its language comes from the configuration, not its front matter.
FRENCH = """---
title: Pourquoi nous avons déplacé notre documentation
---

Notre documentation se trouvait dans un wiki que personne ne pouvait relire. Chaque
modification était publiée tout de suite, avec toutes ses fautes, et nous n'avions
aucun historique pour comparer. C'est pour cela que nous avons voulu changer, et
c'est ce que nous avons fait au printemps, en deux semaines de travail.

Le passage à un site statique nous a donné des demandes de fusion, des aperçus et
une construction qui échoue quand un lien est cassé. Le site se construit en
quarante secondes, et chaque modification a un aperçu que toute l'équipe peut
regarder avant de la fusionner. La plupart des erreurs sont maintenant trouvées
dans l'aperçu et plus par nos lecteurs, ce qui est pour nous le plus important.

La première semaine a servi au contenu, la seconde aux redirections des anciennes
adresses, pour que les liens venant d'autres sites ne mènent pas dans le vide.
Le nombre de signalements sur des pages périmées a nettement baissé depuis, et
les nouveaux contributeurs trouvent leurs repères plus vite, parce qu'ils peuvent
traiter la documentation comme du code : modifier, relire, fusionner. Si vous
voulez faire la même chose, commencez par la liste des pages que vos lecteurs
ouvrent le plus, et déplacez-les en premier.
"""


def test_the_rules_built_on_english_word_lists_and_formulas_declare_it() -> None:
    assert {"THIN008", "THIN009", "PROM001", "PROM002", "BAIT001", "BAIT002", "EVID004",
            "READ003"} <= set(ENGLISH_ONLY)
    independent = {code for code, rule in RULES.items() if not rule.languages}
    assert {"THIN001", "THIN004", "READ001", "STRU001", "META001"} <= independent


def test_a_german_post_gets_no_english_only_findings(
    valuelint: Callable[..., Outcome], write: Callable[[str, str], Path],
) -> None:
    post = write("post.md", GERMAN)
    report = valuelint("check", "--no-cache", "--format", "json", post, cwd=post.parent).json()
    [entry] = report["files"]
    assert entry["language"] == "de"
    assert entry["skipped_rules"] == ENGLISH_ONLY
    codes = {f["code"] for f in entry["findings"]}
    assert not codes & set(ENGLISH_ONLY), codes
    assert report["summary"]["languages"] == {"de": 1}


def test_the_text_report_and_the_score_card_say_which_rules_did_not_run(
    valuelint: Callable[..., Outcome], write: Callable[[str, str], Path],
) -> None:
    post = write("post.md", GERMAN)
    text = valuelint("check", "--no-cache", post, cwd=post.parent).stdout
    skipped = (f"{len(ENGLISH_ONLY)} rules written for other languages did not run "
               f"({code_ranges(ENGLISH_ONLY)})")
    assert f"post.md: checked as language 'de': {skipped}" in text
    card = valuelint("score", post, cwd=post.parent).stdout
    assert card.rstrip().endswith(f"Checked as language 'de': {skipped}.")


def test_a_post_in_another_language_is_scored_by_its_findings_not_by_english_signals(
    valuelint: Callable[..., Outcome], write: Callable[[str, str], Path],
) -> None:
    post = write("post.md", GERMAN)
    card = valuelint("score", post, cwd=post.parent).stdout
    assert ("The value model is fitted on English posts: this post, checked as language "
            "'de', is scored as a typical post less what its findings cost.") in card
    entry = json.loads(valuelint("score", post, "--format", "json", cwd=post.parent).stdout)
    signals = [c["signal"] for c in entry["contributions"]]
    assert all(s.startswith("findings.rule.") for s in signals), signals
    # The same text checked as English reads its signals (we/our, numbers, names...).
    english = write("english.md", GERMAN.replace("lang: de", "lang: en"))
    entry = json.loads(valuelint("score", english, "--format", "json",
                                 cwd=english.parent).stdout)
    assert any(not c["signal"].startswith("findings.rule.") for c in entry["contributions"])


@pytest.mark.parametrize(("codes", "shown"), [
    (["BAIT001", "BAIT002", "BAIT003", "THIN002", "THIN005"], "BAIT001-003, THIN002, THIN005"),
    (["PROM009", "PROM001", "EVID002"], "EVID002, PROM001, PROM009"),
    (["READ003", "READ004", "THIN007", "THIN008", "THIN009"], "READ003-004, THIN007-009"),
])
def test_skipped_rules_are_named_by_family_with_runs_shortened(
    codes: list[str], shown: str,
) -> None:
    assert code_ranges(codes) == shown


def test_sarif_properties_name_the_language_and_the_rules_that_did_not_run(
    valuelint: Callable[..., Outcome], write: Callable[[str, str], Path],
) -> None:
    post = write("post.md", GERMAN)
    english = write("english.md", "# Notes\n\nWe moved the docs to a static site.\n")
    run = valuelint("check", "--no-cache", "--format", "sarif", "--exit-zero", post, english,
                    cwd=post.parent)
    properties = json.loads(run.stdout)["runs"][0]["properties"]
    assert properties["languages"] == {"post.md": "de", "english.md": "en"}
    assert properties["skippedRules"] == {"post.md": ENGLISH_ONLY}


def test_the_configured_language_applies_to_a_french_post(
    valuelint: Callable[..., Outcome], write: Callable[[str, str], Path],
) -> None:
    post = write("post.md", FRENCH)
    write("valuelint.toml", 'language = "fr"\n')
    report = valuelint("check", "--no-cache", "--format", "json", post, cwd=post.parent).json()
    [entry] = report["files"]
    assert entry["language"] == "fr"
    assert entry["skipped_rules"] == ENGLISH_ONLY
    assert not {f["code"] for f in entry["findings"]} & set(ENGLISH_ONLY)


@pytest.mark.parametrize("tag", ["de-CH", "de_DE", "DE"])
def test_a_language_tag_with_a_region_is_its_language(tag: str) -> None:
    text = GERMAN.replace("lang: de", f"lang: {tag}")
    result = check_text(text, "post.md", parse_config({}, None, RULES), RULES, Path("post.md"))
    assert result.language == "de"
    assert list(result.skipped) == ENGLISH_ONLY


def test_an_english_post_runs_every_rule() -> None:
    text = GERMAN.replace("lang: de", "lang: en-GB")
    result = check_text(text, "post.md", parse_config({}, None, RULES), RULES, Path("post.md"))
    assert result.language == "en"
    assert result.skipped == ()
    assert "EVID004" in {f.code for f in result.findings}


class GermanOnly(Rule):
    """A rule written for German posts only.

    ## What it does
    Reports every post it runs on.

    ## Why it matters to readers
    It does not; it shows where the rule runs.

    ## Example
    ```markdown
    Hallo
    ```

    ## Use instead
    Nothing.

    ## Options
    None.
    """

    code = "TEST001"
    name = "german-only"
    category = Category.STRUCTURE
    languages = ("de",)

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        yield ctx.finding("ran", line=1)


def test_a_rule_pack_declares_the_languages_its_rules_support() -> None:
    validate_rule(GermanOnly)
    rules = {"TEST001": GermanOnly}
    config = parse_config({}, None, rules)
    german = check_text(GERMAN, "de.md", config, rules, Path("de.md"))
    english = check_text("---\nlang: en\n---\nHello.\n", "en.md", config, rules, Path("en.md"))
    assert [f.code for f in german.findings] == ["TEST001"] and german.skipped == ()
    assert english.findings == () and english.skipped == ("TEST001",)


def test_a_malformed_languages_declaration_is_refused() -> None:
    class Broken(GermanOnly):
        __doc__ = GermanOnly.__doc__
        languages = "de"  # type: ignore[assignment]

    with pytest.raises(ValueError, match="languages must be a tuple of language codes"):
        validate_rule(Broken)


def test_the_configuration_docs_list_every_rule_with_its_languages() -> None:
    docs = (Path(__file__).resolve().parent.parent / "docs" / "configuration.md").read_text(
        "utf-8")
    listed: dict[str, str] = {}
    for line in docs.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 3 and cells[0].startswith("[") and "](rules/" in cells[0]:
            listed[cells[0][1:cells[0].index("]")]] = cells[2]
    expected = {code: ", ".join(rule.languages) if rule.languages else "any"
                for code, rule in RULES.items()}
    assert listed == expected
