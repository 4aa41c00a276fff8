"""Local HTTP servers for network tests: recorded answers, scripted failures, silence."""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

ARXIV_FIXTURES = Path(__file__).resolve().parent / "fixtures" / "arxiv"


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds to wait before answering


def atom(name: str) -> Reply:
    body = (ARXIV_FIXTURES / name).read_bytes()
    return Reply(200, body, {"Content-Type": "application/atom+xml; charset=utf-8"})


@dataclass
class Seen:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]


class Stub:
    """Answers each path (or arXiv ``id_list``) with its scripted replies in turn; the
    last reply repeats. Records every request."""

    def __init__(self, routes: dict[str, list[Reply]], key: Callable[[Seen], str]) -> None:
        self.routes = {name: list(replies) for name, replies in routes.items()}
        self.key = key
        self.seen: list[Seen] = []
        self.lock = threading.Lock()
        self.url = ""
        self.busy: dict[str, int] = {}  # requests being answered, per Host header
        self.most_busy: dict[str, int] = {}

    def enter(self, host: str) -> None:
        with self.lock:
            self.busy[host] = self.busy.get(host, 0) + 1
            self.most_busy[host] = max(self.most_busy.get(host, 0), self.busy[host])

    def leave(self, host: str) -> None:
        with self.lock:
            self.busy[host] -= 1

    def next_reply(self, request: Seen) -> Reply:
        with self.lock:
            self.seen.append(request)
            replies = self.routes.get(self.key(request))
            if not replies:
                return Reply(404, b"not found")
            return replies.pop(0) if len(replies) > 1 else replies[0]


def _handler(stub: Stub) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _answer(self, with_body: bool) -> None:
            parts = urlsplit(self.path)
            seen = Seen(self.command, parts.path, parse_qs(parts.query), dict(self.headers))
            host = self.headers.get("Host", "")
            stub.enter(host)
            try:
                reply = stub.next_reply(seen)
                if reply.delay:
                    threading.Event().wait(reply.delay)
            finally:
                stub.leave(host)
            self.send_response(reply.status)
            for name, value in reply.headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(reply.body)))
            self.end_headers()
            if with_body:
                self.wfile.write(reply.body)

        def do_GET(self) -> None:
            self._answer(True)

        def do_HEAD(self) -> None:
            self._answer(False)

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


@contextmanager
def serve(
    routes: dict[str, list[Reply]], key: Callable[[Seen], str] | None = None
) -> Iterator[Stub]:
    stub = Stub(routes, key or (lambda seen: seen.path))
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(stub))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    stub.url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield stub
    finally:
        server.shutdown()
        server.server_close()


def by_arxiv_id(seen: Seen) -> str:
    return seen.query.get("id_list", [""])[0]


@contextmanager
def silent_server() -> Iterator[str]:
    """A port that accepts connections (the kernel's backlog does) and never answers."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}/api/query"
    finally:
        sock.close()


def closed_port_url() -> str:
    """An address where nothing listens (connection refused)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return f"http://127.0.0.1:{port}/api/query"


class FakeTime:
    """A clock and a sleep that only move when slept: tests see every wait."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(round(seconds, 3))
        self.now += seconds


class ThreadTime(FakeTime):
    """A :class:`FakeTime` per thread: a wait in one worker does not pass in another."""

    def __init__(self) -> None:
        super().__init__()
        self.local = threading.local()
        self.record = threading.Lock()

    def clock(self) -> float:
        return float(getattr(self.local, "now", 1000.0))

    def sleep(self, seconds: float) -> None:
        with self.record:
            self.sleeps.append(round(seconds, 3))
        self.local.now = self.clock() + seconds
