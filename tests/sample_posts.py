"""Small posts the command-line, configuration and reporter tests share."""

#: About 80 words of plain prose: short of THIN001's floor of 150, but more than half
#: of it, so THIN001 is a warning rather than an error.
BODY = (
    "The release moves the settings page to the sidebar, where readers asked for it. "
    "Saving a draft no longer reloads the editor, and the preview follows the cursor "
    "as you type. Imports from the old format keep their dates and tags. The search "
    "box now finds posts by their description as well as by their title, and the list "
    "of drafts can be sorted by the date they were last changed. Thanks to everyone "
    "who tried the beta and wrote to us about what broke."
)
#: A short post that sells: THIN001 (warning) on line 1, PROM001 (error) on line 3.
SELLING = f"# Launch day\n\nBuy now and save. {BODY}\n"
#: A post that is only short: THIN001, a warning.
SHORT = f"# Notes\n\n{BODY}\n"
