"""The whole blog at a glance: site-level checks, static-site generators and the HTML report.

A *site* is a folder of posts: the folder ``valuelint check`` or ``valuelint
site`` is given, or the root of the static-site generator that folder belongs
to. :mod:`~valuelint.site.generators` recognises Jekyll, Hugo, Eleventy,
Astro, Docusaurus, MkDocs and Zola and knows where each keeps its posts and
drafts; :mod:`~valuelint.site.posts` reads what the site checks need from each
post (title, description, date, draft state, paragraphs, words);
the ``SITE`` rules of :mod:`~valuelint.site.rules` find near-duplicate posts,
boilerplate paragraphs, duplicate titles and descriptions, publishing
cadence, the share of thin and promotional posts, the score trend and stale
drafts, each in its ``check_site`` given a :class:`~valuelint.site.context.SiteContext`;
:mod:`~valuelint.site.analysis` gathers a site's posts and runs them, and
:mod:`~valuelint.site.store` keeps what they need in the result cache.
:mod:`~valuelint.site.html` draws the report.

This package imports nothing heavy at import time: the document model calls
:func:`valuelint.site.syntax.mask_generator_syntax` on every post.
"""
