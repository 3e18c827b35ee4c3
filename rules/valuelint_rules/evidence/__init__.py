"""Evidence: claims a reader cannot check, and writing with no concrete detail."""

from valuelint_rules.evidence.claims_without_links import ClaimsWithoutLinks
from valuelint_rules.evidence.low_specificity import LowSpecificity, concrete_detail
from valuelint_rules.evidence.unsourced_statistic import UnsourcedStatistic
from valuelint_rules.evidence.unsupported_research_claim import UnsupportedResearchClaim
from valuelint_rules.evidence.weasel_attribution import WeaselAttribution

__all__ = [
    "RULES",
    "ClaimsWithoutLinks",
    "LowSpecificity",
    "UnsourcedStatistic",
    "UnsupportedResearchClaim",
    "WeaselAttribution",
    "concrete_detail",
]

RULES = (UnsupportedResearchClaim, WeaselAttribution, UnsourcedStatistic, LowSpecificity,
         ClaimsWithoutLinks)
