"""SITE009: a draft nobody has touched for a long time."""

from __future__ import annotations

from valuelint.rule import Category, Option, Severity
from valuelint.site.context import DraftAge, SiteContext
from valuelint.site.rules._base import SiteRule


class StaleDraft(SiteRule):
    """A draft nobody has touched for a long time.

    ## What it does

    Reports drafts (front matter `draft: true`, Jekyll's `published: false`
    or a post in `_drafts/`) last changed more than `max-age-days` days ago:
    the date of the last commit that changed the file when it is committed and
    unchanged since, else the file's modification time. Today's date is taken
    from `SOURCE_DATE_EPOCH` when it is set, for reproducible runs.

    ## Why it matters to readers

    Old drafts are ideas readers never get: the news they were about goes
    stale, and the pile makes it harder to see which drafts are worth
    finishing.

    ## Example

    ```text
    _drafts/pricing-thoughts.md:1:1: SITE009 [stale-draft] draft last changed
    2023-02-11, 402 days ago (it is in a drafts folder)
    ```

    ## Use instead

    Finish it, merge it into a post that is going out, or delete it (version
    control keeps it).
    """

    code = "SITE009"
    name = "stale-draft"
    category = Category.METADATA
    severity = Severity.INFO
    options = (
        Option("max-age-days", 180, "The age in days from which a draft is reported.",
               minimum=1),
    )

    #: Today's date and git decide its findings: never kept in the cache.
    cached = False

    def check_site(self, ctx: SiteContext) -> None:
        if not ctx.selected:
            return  # git is asked about every draft: only when the rule is on
        # Imported here: every command loads the rules, few ask git (subprocess: 6 ms).
        from valuelint.changes import last_change

        limit = ctx.options["max-age-days"]
        for post in ctx.drafts:
            changed, how = last_change(post.file)
            age = (ctx.today - changed).days
            if age <= limit:
                continue
            ctx.site.stale.append(DraftAge(post.path, changed, age, how))
            verb = "last committed" if how == "last commit" else "last modified"
            ctx.report(post, f"draft {verb} {changed.isoformat()}, {age} days ago "
                       f"({post.draft_reason}); finish it, merge it into another post or "
                       "delete it", post.draft_line)
