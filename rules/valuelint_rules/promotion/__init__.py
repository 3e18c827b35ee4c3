"""Promotion: writing that sells to the reader instead of informing them.

One rule per module, named after the rule (``hard_sell.py`` is PROM001
``hard-sell``); what several rules share is in ``_helpers.py`` and ``_lexicon.py``.
"""

from __future__ import annotations

from valuelint_rules.promotion.hard_sell import HardSell
from valuelint_rules.promotion.loaded_language import LoadedLanguage
from valuelint_rules.promotion.peacock_terms import PeacockTerms
from valuelint_rules.promotion.puffery import Puffery
from valuelint_rules.promotion.sales_density import SalesDensity
from valuelint_rules.promotion.self_focus import SelfFocus
from valuelint_rules.promotion.shouting import Shouting
from valuelint_rules.promotion.unbacked_superlative import UnbackedSuperlative
from valuelint_rules.promotion.undisclosed_affiliate_link import UndisclosedAffiliateLink
from valuelint_rules.promotion.urgency import Urgency

__all__ = [
    "RULES", "HardSell", "LoadedLanguage", "PeacockTerms", "Puffery", "SalesDensity",
    "SelfFocus", "Shouting", "UnbackedSuperlative", "UndisclosedAffiliateLink", "Urgency",
]

RULES = (HardSell, Puffery, PeacockTerms, LoadedLanguage, UnbackedSuperlative, Urgency,
         SelfFocus, SalesDensity, UndisclosedAffiliateLink, Shouting)
