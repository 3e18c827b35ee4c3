"""When documents are checked: at most one pending check per document, debounced.

An edit schedules a check :data:`DEBOUNCE` seconds later; a newer edit before
then cancels it and schedules its own. A check already running in the worker
thread cannot be stopped, but its result is dropped when the document has moved
on (:meth:`Scheduler.current`): diagnostics are never published for an old
version.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

__all__ = ["DEBOUNCE", "Scheduler"]

#: Seconds between the last edit and the check of a document.
DEBOUNCE = 0.3


class Scheduler:
    """Pending checks by document URI."""

    def __init__(self) -> None:
        self._tasks: dict[str, asyncio.Task[None]] = {}
        self.versions: dict[str, int | None] = {}
        """The version of each open document, as last opened or changed."""

    def schedule(self, uri: str, job: Callable[[], Awaitable[object]],
                 delay: float = 0.0) -> None:
        """Run ``job`` after ``delay`` seconds, instead of what was pending for ``uri``."""
        self.cancel(uri)

        async def later() -> None:
            if delay:
                await asyncio.sleep(delay)
            await job()

        task = asyncio.ensure_future(later())
        self._tasks[uri] = task

        def done(finished: asyncio.Task[None]) -> None:
            if self._tasks.get(uri) is finished:
                del self._tasks[uri]

        task.add_done_callback(done)

    def cancel(self, uri: str) -> None:
        task = self._tasks.pop(uri, None)
        if task is not None:
            task.cancel()

    def current(self, uri: str, version: int | None) -> bool:
        """True while ``version`` is the document's latest and it is open."""
        return uri in self.versions and self.versions[uri] == version

    def cancel_all(self) -> None:
        for uri in list(self._tasks):
            self.cancel(uri)
