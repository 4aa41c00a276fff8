"""A small client for the arXiv API (``export.arxiv.org/api/query?id_list=...``).

arXiv asks API users to make at most one request every three seconds; the client
waits for that between its own requests, retries a bounded number of times on
timeouts, dropped connections and 429/5xx answers (honouring ``Retry-After``), and
reports every failure as a :class:`~surveyatlas.errors.NetworkError` in one line.

The answer is untrusted: the XML is refused if it declares a DTD or entities, its
size is capped, and the entry must be the paper that was asked for. What comes back
is still validated like a pull request by the caller.
"""

from __future__ import annotations

import os
import re
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

from . import ids
from .errors import NetworkError
from .webfetch import FetchError, RateLimiter, Response, fetch, retry_after

DEFAULT_API = "https://export.arxiv.org/api/query"
API_ENV = "SURVEYATLAS_ARXIV_API"
MIN_INTERVAL = 3.0  # seconds between requests, as arXiv's terms of use ask
ATTEMPTS = 3
CONNECT_TIMEOUT = 10.0
READ_TIMEOUT = 30.0
MAX_WAIT = 60.0  # longest Retry-After we sit through before giving up
RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
ATOM = "{http://www.w3.org/2005/Atom}"
ARXIV_NS = "{http://arxiv.org/schemas/atom}"
_ENTRY_ID = re.compile(r"arxiv\.org/abs/(?P<id>.+?)(?P<version>v[0-9]+)?$")

# Replaced in tests; the default clients share one limiter so that every request
# this process makes keeps the interval.
CLOCK: Callable[[], float] = time.monotonic
SLEEP: Callable[[float], None] = time.sleep
_shared_limiter: RateLimiter | None = None


@dataclass(frozen=True)
class ArxivRecord:
    arxiv_id: str  # canonical, unversioned
    title: str
    authors: list[str]
    published: str  # YYYY-MM-DD of the first version
    doi: str | None = None
    journal_ref: str | None = None


def api_url(explicit: str | None = None) -> str:
    return explicit or os.environ.get(API_ENV) or DEFAULT_API


def shared_limiter() -> RateLimiter:
    global _shared_limiter
    if _shared_limiter is None:
        _shared_limiter = RateLimiter(MIN_INTERVAL, CLOCK, SLEEP)
    return _shared_limiter


class ArxivClient:
    def __init__(
        self,
        base_url: str | None = None,
        *,
        limiter: RateLimiter | None = None,
        sleep: Callable[[float], None] | None = None,
        attempts: int | None = None,
        connect_timeout: float | None = None,
        read_timeout: float | None = None,
    ) -> None:
        self.base_url = api_url(base_url)
        self.limiter = limiter or shared_limiter()
        self.sleep = sleep or SLEEP
        self.attempts = attempts or ATTEMPTS
        self.connect_timeout = connect_timeout or CONNECT_TIMEOUT
        self.read_timeout = read_timeout or READ_TIMEOUT

    def fetch(self, arxiv_id: str) -> ArxivRecord:
        """The record of one paper, or NetworkError saying what went wrong."""
        query = urlencode({"id_list": arxiv_id, "max_results": "1"})
        separator = "&" if "?" in self.base_url else "?"
        response = self._get(f"{self.base_url}{separator}{query}")
        return parse_feed(response.body, arxiv_id)

    def _get(self, url: str) -> Response:
        problem = ""
        for attempt in range(1, self.attempts + 1):
            self.limiter.wait()
            try:
                response = fetch(
                    url,
                    headers={"Accept": "application/atom+xml"},
                    connect_timeout=self.connect_timeout,
                    read_timeout=self.read_timeout,
                )
            except FetchError as exc:
                problem, asked = str(exc), None
            else:
                if response.status == 200:
                    return response
                if response.status not in RETRY_STATUS:
                    raise NetworkError(
                        f"arXiv API at {self.base_url} answered HTTP {response.status}; "
                        "check the address (--arxiv-api)"
                    )
                problem = f"HTTP {response.status}"
                asked = retry_after(response.headers.get("retry-after"))
                if asked is not None and asked > MAX_WAIT:
                    raise NetworkError(
                        f"arXiv is busy and asked to wait {asked:.0f} s; try again later"
                    )
            if attempt < self.attempts:
                self.sleep(self._backoff(attempt, asked))
        raise NetworkError(
            f"arXiv API at {self.base_url} did not answer: {problem} after {self.attempts} "
            f"attempt{'s' if self.attempts > 1 else ''}; check your connection or try again later"
        )

    @staticmethod
    def _backoff(attempt: int, asked: float | None) -> float:
        backoff = MIN_INTERVAL * 2 ** (attempt - 1)
        return max(backoff, asked or 0.0)


# --------------------------------------------------------------------------- parsing


def parse_feed(body: bytes, arxiv_id: str) -> ArxivRecord:
    """The entry for ``arxiv_id`` in an Atom answer, or NetworkError."""
    head = body[:4096].lower()
    if b"<!doctype" in head or b"<!entity" in body.lower():
        raise NetworkError("arXiv answered with XML that declares a DTD; refusing to read it")
    try:
        root = ET.fromstring(body)
    except ET.ParseError:
        snippet = body[:60].decode("utf-8", "replace").strip().splitlines()
        said = f": {snippet[0]!r}" if snippet else ""
        raise NetworkError(f"arXiv did not answer with an Atom feed{said}") from None
    if root.tag != f"{ATOM}feed":
        raise NetworkError("arXiv did not answer with an Atom feed")
    entries = root.findall(f"{ATOM}entry")
    for entry in entries:
        entry_id = _text(entry, "id")
        if "/api/errors" in entry_id:
            reason = _text(entry, "summary") or "no reason given"
            raise NetworkError(f"arXiv refused the id {arxiv_id}: {reason}")
    if not entries or not _text(entries[0], "title"):
        raise NetworkError(f"arXiv has no paper {arxiv_id} (the API returned no result)")
    return _record(entries[0], arxiv_id)


def _record(entry: ET.Element, asked: str) -> ArxivRecord:
    match = _ENTRY_ID.search(_text(entry, "id"))
    found = ids.normalize_arxiv(match.group("id")) if match else None
    if found != asked:
        raise NetworkError(f"arXiv answered with a different paper ({found}) for {asked}")
    authors = [_clean(a.findtext(f"{ATOM}name") or "") for a in entry.findall(f"{ATOM}author")]
    published = _text(entry, "published")[:10]
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", published):
        raise NetworkError(f"arXiv's answer for {asked} has no publication date")
    doi_text = _clean(entry.findtext(f"{ARXIV_NS}doi") or "")
    journal = _clean(entry.findtext(f"{ARXIV_NS}journal_ref") or "")
    return ArxivRecord(
        arxiv_id=asked,
        title=_clean(_text(entry, "title")),
        authors=[name for name in authors if name],
        published=published,
        doi=ids.normalize_doi(doi_text.split()[0]) if doi_text else None,
        journal_ref=journal or None,
    )


def _text(element: ET.Element, tag: str) -> str:
    return (element.findtext(f"{ATOM}{tag}") or "").strip()


def _clean(text: str) -> str:
    """arXiv wraps long titles and names over several lines: join them with spaces."""
    return " ".join(text.split())
