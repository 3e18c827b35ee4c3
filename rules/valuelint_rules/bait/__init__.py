"""Bait: asking readers for likes, follows and shares instead of earning them,
and titles that tease a click instead of naming their subject.

One rule per module, named after the rule (``engagement_begging.py`` is BAIT001
``engagement-begging``).
"""

from __future__ import annotations

from valuelint_rules.bait.clickbait_title import ClickbaitTitle, title_devices
from valuelint_rules.bait.engagement_begging import EngagementBegging
from valuelint_rules.bait.social_follow_request import SocialFollowRequest

__all__ = ["RULES", "ClickbaitTitle", "EngagementBegging", "SocialFollowRequest",
           "title_devices"]

RULES = (EngagementBegging, ClickbaitTitle, SocialFollowRequest)
