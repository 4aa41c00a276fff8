"""Fetching a URL politely: separate connect and read timeouts, a size cap, a bounded
number of redirects, and a rate limiter whose clock and sleep tests can replace.

Only the standard library is used (``http.client``), so the connect timeout and the
read timeout are really separate: the socket gets the read timeout once connected.
"""

from __future__ import annotations

import email.utils
import http.client
import socket
import ssl
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from . import __version__

USER_AGENT = f"surveyatlas/{__version__} (+https://github.com/llm-survey-atlas)"
REDIRECTS = frozenset({301, 302, 303, 307, 308})
# Host name -> address to connect to instead, keeping the Host header (like curl's
# --resolve). Empty in normal use; tests point public-looking names at a local server.
RESOLVE: dict[str, str] = {}


class FetchError(Exception):
    """The request failed before an HTTP answer arrived (DNS, connect, TLS, timeout)."""

    def __init__(self, message: str, *, timeout: bool = False) -> None:
        super().__init__(message)
        self.timeout = timeout


@dataclass
class Response:
    url: str  # after redirects
    status: int
    headers: dict[str, str] = field(default_factory=dict)  # lower-case names
    body: bytes = b""


class RateLimiter:
    """At most one call to :meth:`wait` returns per ``interval`` seconds."""

    def __init__(
        self,
        interval: float,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.interval = interval
        self.clock = clock
        self.sleep = sleep
        self._last: float | None = None

    def wait(self) -> None:
        if self._last is not None:
            remaining = self.interval - (self.clock() - self._last)
            if remaining > 0:
                self.sleep(remaining)
        self._last = self.clock()


def fetch(
    url: str,
    *,
    method: str = "GET",
    headers: Mapping[str, str] | None = None,
    connect_timeout: float = 10.0,
    read_timeout: float = 30.0,
    max_bytes: int = 2_000_000,
    max_redirects: int = 5,
    truncate: bool = False,
) -> Response:
    """One request, following up to ``max_redirects`` http(s) redirects. A body over
    ``max_bytes`` is an error, or with ``truncate`` is cut there (enough to see a page
    exists without downloading it)."""
    seen = 0
    while True:
        response = _request(
            url, method, headers or {}, connect_timeout, read_timeout, max_bytes, truncate
        )
        location = response.headers.get("location")
        if response.status not in REDIRECTS or not location:
            return response
        seen += 1
        if seen > max_redirects:
            raise FetchError(f"more than {max_redirects} redirects")
        url = urljoin(url, location)
        if urlsplit(url).scheme not in ("http", "https"):
            raise FetchError(f"redirected to a non-http address: {url[:80]}")
        if response.status == 303:
            method = "GET"


def _request(
    url: str,
    method: str,
    headers: Mapping[str, str],
    connect_timeout: float,
    read_timeout: float,
    max_bytes: int,
    truncate: bool = False,
) -> Response:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(f"not an http(s) URL: {url[:80]}")
    conn: http.client.HTTPConnection
    address = RESOLVE.get(parts.hostname, parts.hostname)
    if parts.scheme == "https":
        conn = http.client.HTTPSConnection(
            address,
            parts.port,
            timeout=connect_timeout,
            context=ssl.create_default_context(),
        )
    else:
        conn = http.client.HTTPConnection(address, parts.port, timeout=connect_timeout)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    try:
        conn.connect()
        assert conn.sock is not None
        conn.sock.settimeout(read_timeout)
        sent = {"User-Agent": USER_AGENT, "Host": parts.netloc, **headers}
        conn.request(method, target, headers=sent)
        answer = conn.getresponse()
        body = answer.read(max_bytes + 1) if method != "HEAD" else b""
        if len(body) > max_bytes:
            if not truncate:
                raise FetchError(f"response larger than {max_bytes} bytes")
            body = body[:max_bytes]
        names = {name.lower(): value for name, value in answer.getheaders()}
        return Response(url, answer.status, names, body)
    except TimeoutError as exc:
        raise FetchError("timed out", timeout=True) from exc
    except ssl.SSLError as exc:
        raise FetchError(f"TLS error: {exc.reason or exc}") from exc
    except (OSError, http.client.HTTPException) as exc:
        raise FetchError(_describe(exc)) from exc
    finally:
        conn.close()


def _describe(exc: BaseException) -> str:
    if isinstance(exc, socket.gaierror):
        return "host name not found"
    if isinstance(exc, ConnectionRefusedError):
        return "connection refused"
    if isinstance(exc, http.client.RemoteDisconnected):
        return "the server closed the connection without answering"
    text = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
    return text


def retry_after(value: str | None, now: Callable[[], float] = time.time) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - now())
