"""valuelint: a content linter for blog drafts.

valuelint reads Markdown posts, flags what costs a writer their readers'
trust (thin content, hard selling, engagement bait, unsupported claims) and
gives every post a 0-100 reader-value score that explains itself.
"""

__version__ = "0.1.0"
