"""Browser tests: the built site in Debian's Chromium, driven by Playwright.

The site is built once per session from the shipped content and served by a local
HTTP server; every request a page makes must stay on that server. Screenshots go to
``test-artifacts/`` for a person to look at.

Without Chromium or Playwright these tests skip with the reason, except in CI
(``CI=true``), where a missing browser is a failure: CI must really run them.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from ..conftest import ROOT
from ..sitefixture import built_site

CHROMIUM = Path(os.environ.get("SURVEYATLAS_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
ARTIFACTS = ROOT / "test-artifacts"
PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 900}


def missing(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI must run the browser tests; .ci/run installs it)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def playwright_api() -> Iterator[Any]:
    if not CHROMIUM.exists():
        missing(f"Chromium not found at {CHROMIUM}: install it with `apt-get install chromium`")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("Playwright is not installed: `pip install -e .[dev]`")
    with sync_playwright() as api:
        yield api


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built_site(tmp_path_factory.mktemp("browser") / "p", ROOT / "content")


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="session")
def server(site: Path) -> Iterator[str]:
    handler = functools.partial(QuietHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="session")
def browser(playwright_api: Any) -> Iterator[Any]:
    browser = playwright_api.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@dataclass
class Watch:
    """What a page did that it must not: console errors, script errors, outside requests."""

    origin: str
    errors: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)

    def route(self, route: Any) -> None:
        url = route.request.url
        if url.startswith(self.origin) or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()


def open_context(browser: Any, server: str, viewport: dict[str, int]) -> tuple[Any, Watch]:
    context = browser.new_context(viewport=viewport, color_scheme="light")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.rstrip("/"))
    watch = Watch(server.rstrip("/"))
    context.route("**/*", watch.route)
    return context, watch


def watch_page(page: Any, watch: Watch) -> Any:
    page.on("console", lambda m: m.type == "error" and watch.errors.append(m.text))
    page.on("pageerror", lambda e: watch.errors.append(str(e)))
    return page


@pytest.fixture
def desktop(browser: Any, server: str) -> Iterator[tuple[Any, Watch]]:
    context, watch = open_context(browser, server, DESKTOP)
    yield watch_page(context.new_page(), watch), watch
    context.close()
    assert not watch.errors, f"console errors: {watch.errors}"
    assert not watch.outside, f"requests left the local server: {watch.outside}"


@pytest.fixture
def phone(browser: Any, server: str) -> Iterator[tuple[Any, Watch]]:
    context, watch = open_context(browser, server, PHONE)
    yield watch_page(context.new_page(), watch), watch
    context.close()
    assert not watch.errors, f"console errors: {watch.errors}"
    assert not watch.outside, f"requests left the local server: {watch.outside}"


def screenshot(page: Any, name: str, full_page: bool = False) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path
