"""EVID002: a claim credited to unnamed people ("some say", "it is widely known")."""

from __future__ import annotations

from valuelint.rule import ENGLISH, Category, Severity
from valuelint_rules.evidence._helpers import AttributionRule


class WeaselAttribution(AttributionRule):
    """A claim credited to unnamed people ("some say", "it is widely known").

    ## What it does
    Finds vague attributions from the `weasel` word list ("some say",
    "many people believe", "it is widely known", "everyone knows", ...) and
    reports one when neither its sentence nor the next holds a link, a
    footnote, a citation or a named source.

    ## Why it matters to readers
    Vague attribution lends a claim the weight of a crowd without letting the
    reader see who that is. It can also put an opinion the writer does not
    want to own into nobody's mouth.

    ## Example
    ```markdown
    Many people believe that tabs are faster to navigate than spaces.
    ```

    ## Use instead
    Say who: link the discussion, quote the person, or own the view ("I find
    tabs faster to navigate"). When you introduce a view to argue with it,
    link where it is made.
    """

    code = "EVID002"
    languages = ENGLISH
    name = "weasel-attribution"
    category = Category.EVIDENCE
    severity = Severity.INFO
    wordlist = "weasel"
    advice = "credits a claim to unnamed people; say who, link it, or own the view"
    exact = True
