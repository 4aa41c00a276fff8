"""Checking that the atlas's links still lead somewhere, politely.

Politeness: requests to one host go one at a time with a pause between them, and
at most ``concurrency`` hosts are checked at once. A link is tried with HEAD, and
with a small GET when a server refuses HEAD. Each request has connect and read
timeouts; failures to connect, timeouts, 429 and 5xx answers get one more try.

A link is *broken* when the server says it is gone (404, 410), keeps failing, or
cannot be reached; *unverified* when the server will not tell a robot (401, 403,
429 after retrying): those are listed but do not count as failures.
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from .loader import Content
from .schema import Paper, Survey
from .webfetch import FetchError, RateLimiter, Response, fetch, retry_after

OK, BROKEN, UNVERIFIED = "ok", "broken", "unverified"
HEAD_REFUSED = frozenset({400, 403, 405, 406, 501})
RETRY = frozenset({429, 500, 502, 503, 504})
NOT_FOR_ROBOTS = frozenset({401, 403, 429, 999})  # 999: some sites' answer to robots
MAX_RETRY_WAIT = 30.0


@dataclass(frozen=True)
class Use:
    path: str  # the content file
    field: str  # e.g. "links.code"


@dataclass
class LinkResult:
    url: str
    verdict: str  # OK, BROKEN or UNVERIFIED
    reason: str  # "HTTP 200", "HTTP 404", "timed out", ...
    uses: list[Use] = field(default_factory=list)
    final_url: str | None = None


def collect_links(content: Content) -> dict[str, list[Use]]:
    """Every link of every valid paper and survey, with the places that use it."""
    links: dict[str, list[Use]] = defaultdict(list)
    entries: list[tuple[str, Paper | Survey]] = [
        *(("papers", paper) for paper in content.papers.values()),
        *(("surveys", survey) for survey in content.surveys.values()),
    ]
    for kind, item in sorted(entries, key=lambda entry: (entry[0], entry[1].id)):
        path = content.path_of(kind, item.id)
        for name, url in item.links.model_dump().items():
            if url:
                links[url].append(Use(path, f"links.{name}"))
    return dict(links)


@dataclass
class Settings:
    concurrency: int = 8
    per_host_interval: float = 1.0
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    attempts: int = 2
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep


def check_links(
    links: dict[str, list[Use]],
    settings: Settings | None = None,
    progress: Callable[[LinkResult], None] | None = None,
) -> list[LinkResult]:
    """Check every link; results in the order of ``links``."""
    settings = settings or Settings()
    by_host: dict[str, list[str]] = defaultdict(list)
    for url in links:
        by_host[(urlsplit(url).hostname or "").lower()].append(url)
    results: dict[str, LinkResult] = {}
    lock = threading.Lock()

    def check_host(urls: list[str]) -> None:
        limiter = RateLimiter(settings.per_host_interval, settings.clock, settings.sleep)
        for url in urls:
            result = check_link(url, limiter, settings)
            result.uses = links[url]
            with lock:
                results[url] = result
                if progress:
                    progress(result)

    with ThreadPoolExecutor(max_workers=max(1, settings.concurrency)) as pool:
        for future in [pool.submit(check_host, urls) for urls in by_host.values()]:
            future.result()
    return [results[url] for url in links]


def check_link(url: str, limiter: RateLimiter, settings: Settings) -> LinkResult:
    reason = ""
    for attempt in range(1, settings.attempts + 1):
        try:
            response = _probe(url, limiter, settings)
        except FetchError as exc:
            reason, wait = str(exc), 0.0
        else:
            status = response.status
            reason = f"HTTP {status}"
            if 200 <= status < 300:
                return LinkResult(url, OK, reason, final_url=_moved(url, response))
            if status in (404, 410) or (status < 500 and status not in NOT_FOR_ROBOTS):
                return LinkResult(url, BROKEN, reason)
            if status not in RETRY:
                return LinkResult(url, UNVERIFIED if status in NOT_FOR_ROBOTS else BROKEN, reason)
            wait = retry_after(response.headers.get("retry-after")) or 0.0
            if wait > MAX_RETRY_WAIT:
                break
        if attempt < settings.attempts:
            settings.sleep(max(wait, settings.per_host_interval))
    verdict = UNVERIFIED if reason == "HTTP 429" else BROKEN
    return LinkResult(url, verdict, reason)


def _probe(url: str, limiter: RateLimiter, settings: Settings) -> Response:
    """HEAD, and a small GET when the server does not answer HEAD properly."""

    def get(method: str) -> Response:
        limiter.wait()
        return fetch(
            url,
            method=method,
            connect_timeout=settings.connect_timeout,
            read_timeout=settings.read_timeout,
            max_bytes=65536,
            truncate=True,
        )

    try:
        response = get("HEAD")
    except FetchError as exc:
        if exc.timeout:
            raise
    else:
        if response.status not in HEAD_REFUSED and response.status < 500:
            return response
    return get("GET")


def _moved(url: str, response: Response) -> str | None:
    return response.url if response.url != url else None
