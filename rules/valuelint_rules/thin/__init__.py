"""Thin content: posts that give a reader too little to be worth the click."""

from valuelint_rules.thin._helpers import post_kind
from valuelint_rules.thin.links_without_commentary import LinksWithoutCommentary
from valuelint_rules.thin.low_information_density import LowInformationDensity, moving_average_ttr
from valuelint_rules.thin.low_lexical_density import LowLexicalDensity
from valuelint_rules.thin.placeholder_text import PlaceholderText
from valuelint_rules.thin.repeated_text import RepeatedText
from valuelint_rules.thin.self_focused import FirstPersonHeavy
from valuelint_rules.thin.thin_section import ThinSection
from valuelint_rules.thin.too_short import TooShort, concrete_content, too_short_cost
from valuelint_rules.thin.undelivered_title import UndeliveredTitle

__all__ = [
    "RULES",
    "FirstPersonHeavy",
    "LinksWithoutCommentary",
    "LowInformationDensity",
    "LowLexicalDensity",
    "PlaceholderText",
    "RepeatedText",
    "ThinSection",
    "TooShort",
    "UndeliveredTitle",
    "concrete_content",
    "moving_average_ttr",
    "post_kind",
    "too_short_cost",
]

RULES = (TooShort, PlaceholderText, ThinSection, RepeatedText, LowInformationDensity,
         LinksWithoutCommentary, UndeliveredTitle, LowLexicalDensity, FirstPersonHeavy)
