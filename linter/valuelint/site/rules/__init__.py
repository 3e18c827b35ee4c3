"""The site-level rules: declared like every rule, checked across the whole site.

These rules look at a blog as a whole, so a post on its own never triggers
them: their :meth:`~valuelint.rule.Rule.check` reports nothing. Their logic is
in :meth:`SiteRule.check_site`, which :func:`valuelint.site.analysis.analyse_site`
calls with a :class:`~valuelint.site.context.SiteContext` (the site's posts and
results, the rule's options, a way to report) when ``valuelint check`` is given
a folder, or by ``valuelint site`` and ``valuelint report``. They are declared
like any other rule so that ``valuelint rules``, ``valuelint rule SITE001``,
``select``/``ignore`` and ``[rules.SITE001]`` options work as for any rule.

One rule per module, named after the rule (SITE001 ``near-duplicate-post`` is
in :mod:`~valuelint.site.rules.near_duplicate_post`); :mod:`._base` holds
:class:`SiteRule` and the bases two rules share, :mod:`._helpers` what several
rules' messages share. Every command loads them, so this package imports
nothing heavy.
"""

from valuelint.site.rules._base import SiteRule
from valuelint.site.rules._helpers import MIN_SITE_POSTS
from valuelint.site.rules.boilerplate_paragraph import BoilerplateParagraph
from valuelint.site.rules.duplicate_description import DuplicateDescription
from valuelint.site.rules.duplicate_title import DuplicateTitle
from valuelint.site.rules.near_duplicate_post import NearDuplicatePost
from valuelint.site.rules.promotional_share import PromotionalShare
from valuelint.site.rules.publishing_cadence import PublishingCadence
from valuelint.site.rules.score_trend import ScoreTrend
from valuelint.site.rules.stale_draft import StaleDraft
from valuelint.site.rules.thin_share import ThinShare

__all__ = [
    "MIN_SITE_POSTS",
    "RULES",
    "BoilerplateParagraph",
    "DuplicateDescription",
    "DuplicateTitle",
    "NearDuplicatePost",
    "PromotionalShare",
    "PublishingCadence",
    "ScoreTrend",
    "SiteRule",
    "StaleDraft",
    "ThinShare",
]

#: The site rules in code order (the ``site`` rule pack's entry point).
RULES: tuple[type[SiteRule], ...] = (
    NearDuplicatePost,
    BoilerplateParagraph,
    DuplicateTitle,
    DuplicateDescription,
    PublishingCadence,
    ThinShare,
    PromotionalShare,
    ScoreTrend,
    StaleDraft,
)
