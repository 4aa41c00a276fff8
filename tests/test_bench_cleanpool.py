"""Sanitizing in a worker process: the same result as in-process, and never a page left
unsanitized, whatever happens to the worker."""

from __future__ import annotations

import time
from types import SimpleNamespace
from typing import Any

import pytest

from surveyatlas import cleanpool
from surveyatlas.cleanpool import CleanPool
from surveyatlas.mkdocs_plugin import AtlasPlugin
from surveyatlas.sanitize import clean_html

HOSTILE = [
    f'<p id="p{n}">ok {n}<script>alert({n})</script><a href="javascript:x()">x</a></p>'
    for n in range(70)
]


def test_the_worker_cleans_exactly_like_the_sanitizer() -> None:
    pool = CleanPool()
    try:
        for n, fragment in enumerate(HOSTILE):
            pool.submit(f"page{n}", fragment)
        cleaned = pool.results()
        assert cleaned == {f"page{n}": clean_html(f) for n, f in enumerate(HOSTILE)}
        assert all("script" not in text and "javascript" not in text for text in cleaned.values())
        assert pool.results() == {}  # each result is handed over once
    finally:
        pool.close()


def test_a_worker_that_cannot_start_leaves_the_cleaning_to_the_caller(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def no_processes(method: str) -> Any:
        raise OSError("no processes here")

    monkeypatch.setattr(cleanpool.multiprocessing, "get_context", no_processes)
    pool = CleanPool()
    for n, fragment in enumerate(HOSTILE[:40]):
        pool.submit(f"page{n}", fragment)
    assert pool.results() == {} and pool.failed


def _page(uri: str, content: str) -> Any:
    return SimpleNamespace(content=content, file=SimpleNamespace(src_uri=uri))


def test_the_plugin_puts_every_cleaned_page_in_place_before_rendering() -> None:
    plugin = AtlasPlugin()
    plugin.clean_pool = CleanPool()
    try:
        pages = [_page(f"papers/p{n}/index.md", html) for n, html in enumerate(HOSTILE[:5])]
        for page in pages:
            plugin.clean_pool.submit(page.file.src_uri, page.content)
            plugin.to_clean[page.file.src_uri] = (page, page.content)
        pages[1].content = pages[1].content + "<script>later()</script>"  # changed after sending
        plugin._finish_cleaning()
        assert [page.content for page in pages[:1]] == [clean_html(HOSTILE[0])]
        assert pages[1].content == clean_html(HOSTILE[1] + "<script>later()</script>")
        assert all("<script" not in page.content for page in pages)
        assert plugin.to_clean == {}
    finally:
        plugin.clean_pool.close()


def test_pages_the_worker_lost_are_cleaned_in_process(monkeypatch: pytest.MonkeyPatch) -> None:
    plugin = AtlasPlugin()
    plugin.clean_pool = CleanPool()
    monkeypatch.setattr(plugin.clean_pool, "results", lambda: {})
    page = _page("papers/x/index.md", HOSTILE[3])
    plugin.to_clean[page.file.src_uri] = (page, page.content)
    plugin._finish_cleaning()
    assert page.content == clean_html(HOSTILE[3])


def test_results_that_are_back_early_are_put_in_place_early() -> None:
    pool = CleanPool()
    try:
        for n, fragment in enumerate(HOSTILE[:40]):
            pool.submit(f"page{n}", fragment)
        pool.submit("last", HOSTILE[40])
        early: dict[str, str] = {}
        deadline = time.monotonic() + 60
        while len(early) < 32 and time.monotonic() < deadline:  # the first full batch
            early.update(pool.ready())
            time.sleep(0.05)
        assert early == {f"page{n}": clean_html(HOSTILE[n]) for n in range(32)}
        rest = pool.results()
        assert set(rest) == {f"page{n}" for n in range(32, 40)} | {"last"}
    finally:
        pool.close()
