"""Sanitizing generated pages on a second core while MkDocs converts the rest.

``mkdocs build`` first converts every page's Markdown to HTML, then renders every page
through the theme. The HTML of a generated page must pass the sanitizer before the
theme sees it; :class:`CleanPool` sends each page to a worker process as soon as it is
converted and collects the results before rendering starts, so on a machine with two
cores the sanitizer costs almost nothing. nh3 holds the GIL while it works, so a thread
would not run alongside MkDocs; a process does.

Nothing unsanitized can slip through: the caller keeps what it submitted and cleans
in-process any page whose result is missing or whose HTML changed since it was sent.
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from .sanitize import clean_html

BATCH = 32  # pages per message to the worker


def clean_batch(fragments: list[str]) -> list[str]:
    """Runs in the worker."""
    return [clean_html(fragment) for fragment in fragments]


class CleanPool:
    """Cleans HTML fragments in one worker process; results come back by key."""

    def __init__(self) -> None:
        self._executor: ProcessPoolExecutor | None = None
        self._keys: list[str] = []
        self._batch: list[str] = []
        self._futures: list[tuple[list[str], Future[list[str]]]] = []
        self.failed = False

    def submit(self, key: str, fragment: str) -> None:
        self._keys.append(key)
        self._batch.append(fragment)
        if len(self._batch) >= BATCH:
            self._send()

    def ready(self) -> dict[str, str]:
        """The cleaned fragments that are back already (without waiting for the rest)."""
        done = [entry for entry in self._futures if entry[1].done()]
        if not done:
            return {}
        self._futures = [entry for entry in self._futures if not entry[1].done()]
        return self._collect(done)

    def results(self) -> dict[str, str]:
        """Every cleaned fragment not yet handed over, waiting for them (a missing key
        means the worker failed: clean that one in-process)."""
        if self._batch:
            self._send()
        futures, self._futures = self._futures, []
        return self._collect(futures)

    def _collect(self, futures: list[tuple[list[str], Future[list[str]]]]) -> dict[str, str]:
        cleaned: dict[str, str] = {}
        for keys, future in futures:
            try:
                cleaned.update(zip(keys, future.result(), strict=True))
            except (BrokenProcessPool, OSError, RuntimeError, ValueError):
                self.failed = True
        return cleaned

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)
            self._executor = None

    def _send(self) -> None:
        keys, batch = self._keys, self._batch
        self._keys, self._batch = [], []
        if self.failed:
            return
        try:
            if self._executor is None:
                # A fresh interpreter: forking a process with threads (the preview's) is unsafe.
                context = multiprocessing.get_context("spawn")
                self._executor = ProcessPoolExecutor(max_workers=1, mp_context=context)
            self._futures.append((keys, self._executor.submit(clean_batch, batch)))
        except (BrokenProcessPool, OSError, RuntimeError):
            self.failed = True
