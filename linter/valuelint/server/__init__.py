"""valuelint's language server: findings, quick fixes and the score in the editor.

``valuelint server`` speaks the Language Server Protocol over standard input and
output (docs/server.md). Its modules, one job each:

* :mod:`~valuelint.server.positions`: finding positions (lines and code points)
  to and from the client's position encoding;
* :mod:`~valuelint.server.settings`: the client's settings and each workspace
  folder's :class:`~valuelint.api.Linter`, with the last configuration that worked;
* :mod:`~valuelint.server.checking`: which documents are checked and how, from the
  editor's buffer;
* :mod:`~valuelint.server.scheduling`: debouncing, and never publishing a stale check;
* :mod:`~valuelint.server.diagnostics`: results as LSP diagnostics;
* :mod:`~valuelint.server.fixing`: applying fixes to text;
* :mod:`~valuelint.server.actions`: code actions, hover and the score's code lens;
* :mod:`~valuelint.server.protocol`: the LSP handlers that tie them together.
"""

from __future__ import annotations

__all__ = ["serve"]


def _preload() -> None:
    """Import the engine and load the default language pipeline (spaCy), while the
    main thread imports the protocol's modules and answers ``initialize``."""
    try:
        from valuelint.language import get_pipeline

        get_pipeline("en", "")
    except Exception:  # the first check reports what is wrong, in the editor
        pass


def serve() -> None:
    """Run the server over standard input and output until the client says ``exit``."""
    import threading

    preload = threading.Thread(target=_preload, name="valuelint-preload", daemon=True)
    preload.start()
    from valuelint.server.protocol import create_server

    create_server(preload).start_io()
