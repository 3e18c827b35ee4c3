"""EVID001: an appeal to unnamed research or experts with no source next to it."""

from __future__ import annotations

from valuelint.rule import ENGLISH, Category, Severity
from valuelint_rules.evidence._helpers import AttributionRule


class UnsupportedResearchClaim(AttributionRule):
    """An appeal to unnamed research or experts with no source next to it.

    ## What it does
    Finds phrases from the `evid_research` word list ("studies show",
    "research proves", "experts agree", "scientists say", ...) and reports
    one when neither its sentence nor the next holds a link, a footnote, a
    citation ("(Smith, 2019)") or a named source ("a 2021 survey by the
    Linux Foundation", "according to Gartner").

    ## Why it matters to readers
    "Studies show" asks the reader to trust research they cannot see. A
    reader who wants to check the claim, or judge how strong it is, has
    nowhere to go; a reader who has been burnt by such claims before stops
    trusting the post.

    ## Example
    ```markdown
    Studies show that pair programming halves the number of bugs.
    ```

    ## Use instead
    Name and link the source, and say what it measured: "In a 2000 study of
    41 students, [Williams et al.](https://example.org/paper) found pairs
    passed 15% more tests." If there is no source, say it is your experience.
    """

    code = "EVID001"
    languages = ENGLISH
    name = "unsupported-research-claim"
    category = Category.EVIDENCE
    severity = Severity.WARNING
    wordlist = "evid_research"
    advice = ("appeals to research or experts with no source nearby; "
              "link or name the study, or say it is your own experience")
