"""What one search costs a reader: the bytes a browser downloads to answer one query.

With Pagefind (what the site ships), a headless Chromium opens the search page with the
query in its URL, exactly as a visitor's link would, and every response under
``pagefind/`` is summed once the page is idle: the loader, its WebAssembly, the entry and
metadata files, the index and filter chunks the query touched and the result fragments
the page showed. Bytes are as served by a plain static server (no transfer compression;
Pagefind's index files are compressed already). With MkDocs' own search, a query needs
the whole ``search_index.json`` and the search worker.
"""

from __future__ import annotations

import contextlib
import functools
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import quote

CHROMIUM = "/usr/bin/chromium"
DEFAULT_QUERY = "instruction tuning"


@dataclass(frozen=True)
class SearchCost:
    engine: str  # "pagefind" or "mkdocs"
    query: str
    bytes: int
    requests: int
    by_kind: dict[str, int] = field(default_factory=dict)  # file kind -> bytes
    results: int | None = None  # papers the query matched, when the page says


def search_cost(site_dir: Path, query: str = DEFAULT_QUERY) -> SearchCost | str:
    """The cost of ``query``, or why it could not be measured."""
    if (site_dir / "pagefind" / "pagefind.js").is_file():
        return _pagefind_cost(site_dir, query)
    index = site_dir / "search" / "search_index.json"
    if index.is_file():
        return _mkdocs_search_cost(site_dir, index, query)
    return "the site has no search index"


def _mkdocs_search_cost(site_dir: Path, index: Path, query: str) -> SearchCost:
    workers = list((site_dir / "assets" / "javascripts" / "workers").glob("search*.js"))
    by_kind = {"index": index.stat().st_size, "worker": sum(w.stat().st_size for w in workers)}
    return SearchCost("mkdocs", query, sum(by_kind.values()), 1 + len(workers), by_kind)


def browser_path() -> str | None:
    return CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")


def _pagefind_cost(site_dir: Path, query: str) -> SearchCost | str:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return "Playwright is not installed (pip install playwright)"
    chromium = browser_path()
    if chromium is None:
        return "no Chromium found (apt install chromium)"
    search_page = "search/" if (site_dir / "search" / "index.html").is_file() else None
    with _serve(site_dir) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        try:
            page = browser.new_page()
            responses: list[Any] = []

            def record(response: Any) -> None:
                responses.append(response)

            page.on("response", record)
            if search_page:
                page.goto(f"{base}{search_page}?q={quote(query)}", wait_until="load")
                page.wait_for_load_state("networkidle", timeout=120_000)
                results = None
            else:
                page.goto(base, wait_until="load")
                results = page.evaluate(_API_QUERY, query)
                page.wait_for_load_state("networkidle", timeout=120_000)
            by_kind: dict[str, int] = {}
            count = 0
            for response in responses:
                url = response.url
                if "/pagefind/" not in url or response.status != 200:
                    continue
                size = len(response.body())
                kind = _kind(url.split("/pagefind/", 1)[1])
                by_kind[kind] = by_kind.get(kind, 0) + size
                count += 1
        finally:
            browser.close()
    if not count:
        return "the search page made no Pagefind requests"
    return SearchCost("pagefind", query, sum(by_kind.values()), count, by_kind, results)


# Without a search page, do what one would: load Pagefind, search, and fetch the data of
# the first page of results.
_API_QUERY = """async (query) => {
  const pagefind = await import(new URL("pagefind/pagefind.js", location.href).href);
  await pagefind.init();
  const found = await pagefind.search(query);
  await Promise.all(found.results.slice(0, 10).map((r) => r.data()));
  return found.results.length;
}"""


def _kind(name: str) -> str:
    if name.startswith("fragment/"):
        return "fragments"
    if name.startswith("index/"):
        return "index chunks"
    if name.startswith("filter/"):
        return "filter chunks"
    if name.endswith(".pf_meta"):
        return "metadata"
    if name.endswith((".wasm", ".pagefind")) or "wasm" in name:
        return "wasm"
    return "loader"


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextlib.contextmanager
def _serve(site_dir: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
