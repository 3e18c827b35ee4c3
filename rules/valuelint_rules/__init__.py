"""The built-in rule packs of valuelint.

Each module is one pack registered under the ``valuelint.rules`` entry-point
group, exactly as a third-party pack would be; its ``RULES`` sequence lists
its rule classes. Word lists live in ``wordlists/`` as data.
"""
