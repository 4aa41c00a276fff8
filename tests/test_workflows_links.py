"""The link checker behind the weekly links workflow, against a local server."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from surveyatlas import webfetch
from surveyatlas.cli import main
from surveyatlas.linkcheck import BROKEN, OK, UNVERIFIED, Settings, Use, check_links

from .conftest import Scratch
from .httpstub import FakeTime, Reply, ThreadTime, closed_port_url, serve

ROUTES = {
    "/ok": [Reply(200, b"fine")],
    "/gone": [Reply(404, b"no")],
    "/moved": [Reply(301, b"", {"Location": "/ok"})],
    "/loop": [Reply(302, b"", {"Location": "/loop"})],
    "/no-head": [Reply(405), Reply(200, b"x" * 200_000)],  # HEAD refused, GET works
    "/flaky": [Reply(503), Reply(503), Reply(200)],  # HEAD and GET fail, then HEAD works
    "/robots-unwelcome": [Reply(403)],
    "/busy": [Reply(429, b"", {"Retry-After": "2"})],
    "/slow": [Reply(200, delay=1.0)],
}


def settings(fake: FakeTime, **changes: float) -> Settings:
    base = Settings(per_host_interval=0.5, read_timeout=0.3, clock=fake.clock, sleep=fake.sleep)
    for name, value in changes.items():
        setattr(base, name, value)
    return base


def test_verdicts() -> None:
    fake = FakeTime()
    with serve(ROUTES) as stub:
        urls = {f"{stub.url}{path}": [Use("content/papers/x.yml", "links.code")] for path in ROUTES}
        urls[closed_port_url()] = [Use("content/papers/y.yml", "links.project")]
        results = {r.url.rsplit("/", 1)[-1]: r for r in check_links(urls, settings(fake))}
    found = {name: (r.verdict, r.reason) for name, r in results.items()}
    assert found == {
        "ok": (OK, "HTTP 200"),
        "gone": (BROKEN, "HTTP 404"),
        "moved": (OK, "HTTP 200"),
        "loop": (BROKEN, "more than 5 redirects"),
        "no-head": (OK, "HTTP 200"),
        "flaky": (OK, "HTTP 200"),
        "robots-unwelcome": (UNVERIFIED, "HTTP 403"),
        "busy": (UNVERIFIED, "HTTP 429"),
        "slow": (BROKEN, "timed out"),
        "query": (BROKEN, "connection refused"),
    }
    assert results["moved"].final_url is not None and results["moved"].final_url.endswith("/ok")
    assert results["query"].uses == [Use("content/papers/y.yml", "links.project")]


def test_one_request_at_a_time_per_host_with_a_pause() -> None:
    fake = ThreadTime()
    routes = {f"/p{i}": [Reply(200, delay=0.05)] for i in range(4)}
    with serve(routes) as stub:
        port = stub.url.rsplit(":", 1)[1]
        urls = {}
        for host in ("127.0.0.1", "localhost"):
            for path in routes:
                urls[f"http://{host}:{port}{path}"] = [Use("f.yml", "links.code")]
        results = check_links(urls, settings(fake, concurrency=2))
    assert all(r.verdict == OK for r in results)
    assert set(stub.most_busy.values()) == {1}  # never two requests to one host at once
    assert len(stub.seen) == 8
    assert sorted(fake.sleeps) == [0.5] * 6  # three pauses on each host, none before its first


def test_retry_after_is_honoured_once() -> None:
    fake = FakeTime()
    with serve({"/busy": [Reply(429, b"", {"Retry-After": "7"}), Reply(200)]}) as stub:
        [result] = check_links({f"{stub.url}/busy": []}, settings(fake))
    assert result.verdict == OK
    assert 7.0 in fake.sleeps


def test_links_command_reports_in_markdown_and_fails_on_broken_links(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    scratch = Scratch(tmp_path / "content")
    scratch.survey()
    # Content may only link to public host names: point one at the local server.
    monkeypatch.setitem(webfetch.RESOLVE, "links.example.org", "127.0.0.1")
    with serve(ROUTES) as local:
        stub_url = local.url.replace("127.0.0.1", "links.example.org")
        scratch.paper(
            "one",
            f"""
            id: one
            title: Paper one
            authors: [Ada Example]
            date: 2023-04
            arxiv: "2304.10001"
            links:
              code: {stub_url}/ok
              project: {stub_url}/gone
              demo: {stub_url}/robots-unwelcome
            topics: [demo/models/vision]
            summary: A test paper.
            added: 2026-11-01
            """,
        )
        args = ["links", "--content", str(scratch.root), "--per-host-interval", "0"]
        assert main([*args, "--format", "markdown"]) == 1
        markdown = capsys.readouterr().out
        assert main([*args, "--format", "json"]) == 1
        payload = json.loads(capsys.readouterr().out)
        (scratch.root / "papers" / "one.yml").write_text(
            (scratch.root / "papers" / "one.yml").read_text().replace("/gone", "/ok?x=1")
        )
        assert main(args) == 0
        text = capsys.readouterr().out
    path = scratch.root / "papers" / "one.yml"
    assert markdown == (
        "## Link check\n\n"
        "Checked 3 links: 1 fine, 1 broken, 1 could not be verified.\n\n"
        "### Broken (1)\n\n"
        f"- `{stub_url}/gone` — `HTTP 404` — in `{path}` (`links.project`)\n\n"
        "### Could not be verified (1)\n\n"
        f"- `{stub_url}/robots-unwelcome` — `HTTP 403` — in `{path}` (`links.demo`)\n"
    )
    assert payload["checked"] == 3
    assert {r["verdict"] for r in payload["results"]} == {OK, BROKEN, UNVERIFIED}
    assert text.endswith("checked 3 links: 2 fine, 0 broken, 1 could not be verified\n")
    assert text.startswith(f"unverified: {stub_url}/robots-unwelcome (HTTP 403) in {path}")
