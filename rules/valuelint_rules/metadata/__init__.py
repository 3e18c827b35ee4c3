"""Metadata: the title and description readers see before they open a post.

A title is the front matter ``title`` or, without one, a level-1 heading. A
description is the first non-empty front matter ``description``,
``summary``, ``excerpt`` or ``subtitle``, at the top level or under
``extra`` (Zola) or ``params`` (Hugo). These rules read only the document
model.
"""

from valuelint_rules.metadata._helpers import (
    DESCRIPTION_KEYS,
    EXCERPT_WORDS,
    description,
    excerpt_words,
)
from valuelint_rules.metadata.description_repeats_title import DescriptionRepeatsTitle
from valuelint_rules.metadata.missing_description import MissingDescription
from valuelint_rules.metadata.missing_title import MissingTitle

__all__ = ["DESCRIPTION_KEYS", "EXCERPT_WORDS", "RULES", "DescriptionRepeatsTitle",
           "MissingDescription", "MissingTitle", "description", "excerpt_words"]

RULES = (MissingTitle, MissingDescription, DescriptionRepeatsTitle)
