"""Structure: how a reader finds their way through a post.

Advisory rules (``info``) that read only the document model (headings and
blocks), never the language analysis, so they cost next to nothing. The
post's title is not one of its subheadings: it is the front matter
``title`` (which stands for a level-1 heading) or, without one, the first
level-1 heading.
"""

from valuelint_rules.structure._helpers import signposts, subheadings
from valuelint_rules.structure.missing_subheadings import MissingSubheadings
from valuelint_rules.structure.skipped_heading_level import SkippedHeadingLevel
from valuelint_rules.structure.unbroken_stretch import UnbrokenStretch

__all__ = ["RULES", "MissingSubheadings", "SkippedHeadingLevel", "UnbrokenStretch",
           "signposts", "subheadings"]

RULES = (UnbrokenStretch, SkippedHeadingLevel, MissingSubheadings)
