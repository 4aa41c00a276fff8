"""The arXiv client against a local server: parsing, retries, waits and failures."""

from __future__ import annotations

import time

import pytest

from surveyatlas import arxiv
from surveyatlas.errors import NetworkError
from surveyatlas.webfetch import RateLimiter, retry_after

from .httpstub import FakeTime, Reply, atom, by_arxiv_id, closed_port_url, serve, silent_server


def client(url: str, fake: FakeTime, **options: float) -> arxiv.ArxivClient:
    limiter = RateLimiter(arxiv.MIN_INTERVAL, fake.clock, fake.sleep)
    return arxiv.ArxivClient(url, limiter=limiter, sleep=fake.sleep, **options)  # type: ignore[arg-type]


def failure(routes: dict[str, list[Reply]], arxiv_id: str) -> tuple[str, int]:
    """The message of the NetworkError fetching ``arxiv_id`` raises, and the request count."""
    with serve(routes, by_arxiv_id) as stub:
        with pytest.raises(NetworkError) as info:
            client(stub.url, FakeTime()).fetch(arxiv_id)
        return str(info.value), len(stub.seen)


def test_plain_paper() -> None:
    fake = FakeTime()
    with serve({"2304.08485": [atom("plain.xml")]}, by_arxiv_id) as stub:
        record = client(stub.url + "/api/query", fake).fetch("2304.08485")
    assert record.title == "Visual Instruction Tuning"
    assert record.authors == ["Haotian Liu", "Chunyuan Li", "Qingyang Wu", "Yong Jae Lee"]
    assert record.published == "2023-04-17"  # <published> is the first version
    assert record.doi is None and record.journal_ref is None
    assert stub.seen[0].path == "/api/query"
    assert stub.seen[0].query == {"id_list": ["2304.08485"], "max_results": ["1"]}
    assert stub.seen[0].headers["User-Agent"].startswith("surveyatlas/")
    assert fake.sleeps == []


def test_doi_and_journal_reference_and_wrapped_title() -> None:
    fake = FakeTime()
    with serve({"0710.2073": [atom("doi-journal.xml")]}, by_arxiv_id) as stub:
        record = client(stub.url, fake).fetch("0710.2073")
    assert record.title == (
        "On coincidence of Alday-Maldacena-regularized $σ$-model and "
        "Nambu-Goto areas of minimal surfaces"
    )
    assert record.doi == "10.1134/s0021364007210011"
    assert record.journal_ref == "JETP Lett.86:559-561,2008"
    assert record.published == "2007-10-10"


def test_error_feed_is_a_network_failure_with_arxivs_reason() -> None:
    message, _ = failure({"2313.00001": [atom("error.xml")]}, "2313.00001")
    assert message == "arXiv refused the id 2313.00001: incorrect id format for 2313.00001"


def test_empty_result() -> None:
    message, _ = failure({"2304.99999": [atom("empty.xml")]}, "2304.99999")
    assert message == "arXiv has no paper 2304.99999 (the API returned no result)"


def test_an_answer_about_another_paper_is_refused() -> None:
    message, _ = failure({"2304.00001": [atom("plain.xml")]}, "2304.00001")
    assert message == "arXiv answered with a different paper (2304.08485) for 2304.00001"


def test_503_then_success_waits_as_asked() -> None:
    fake = FakeTime()
    busy = Reply(503, b"Rate exceeded.", {"Retry-After": "5"})
    with serve({"2304.08485": [busy, atom("plain.xml")]}, by_arxiv_id) as stub:
        record = client(stub.url, fake).fetch("2304.08485")
    assert record.title == "Visual Instruction Tuning"
    assert len(stub.seen) == 2
    assert fake.sleeps == [5.0]  # Retry-After beats the 3 s backoff; the limiter is satisfied


def test_retries_back_off_and_are_bounded() -> None:
    fake = FakeTime()
    with serve({"2304.08485": [Reply(502, b"bad gateway")]}, by_arxiv_id) as stub:
        with pytest.raises(NetworkError, match=r"HTTP 502 after 3 attempts"):
            client(stub.url, fake).fetch("2304.08485")
        assert len(stub.seen) == 3
    assert fake.sleeps == [3.0, 6.0]


def test_a_long_retry_after_gives_up_at_once() -> None:
    busy = Reply(429, b"", {"Retry-After": "3600"})
    message, requests = failure({"2304.08485": [busy]}, "2304.08485")
    assert message == "arXiv is busy and asked to wait 3600 s; try again later"
    assert requests == 1


def test_client_errors_are_not_retried() -> None:
    message, requests = failure({}, "2304.08485")
    assert "answered HTTP 404; check the address (--arxiv-api)" in message
    assert requests == 1


def test_a_server_that_never_answers_times_out() -> None:
    fake = FakeTime()
    started = time.monotonic()
    with silent_server() as url, pytest.raises(NetworkError, match="timed out after 3 attempts"):
        client(url, fake, read_timeout=0.2).fetch("2304.08485")
    assert time.monotonic() - started < 5
    assert fake.sleeps == [3.0, 6.0]


def test_nothing_listening() -> None:
    with pytest.raises(NetworkError, match="connection refused"):
        client(closed_port_url(), FakeTime()).fetch("2304.08485")


def test_one_request_every_three_seconds() -> None:
    fake = FakeTime()
    with serve({"2304.08485": [atom("plain.xml")]}, by_arxiv_id) as stub:
        api = client(stub.url, fake)
        api.fetch("2304.08485")
        fake.now += 1.0  # one second of other work
        api.fetch("2304.08485")
        api.fetch("2304.08485")
    assert fake.sleeps == [2.0, 3.0]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"Rate exceeded.", "did not answer with an Atom feed: 'Rate exceeded.'"),
        (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>', "DTD"),
        (b"<html><body>maintenance</body></html>", "did not answer with an Atom feed"),
    ],
)
def test_answers_that_are_not_feeds(body: bytes, message: str) -> None:
    with pytest.raises(NetworkError, match=message):
        arxiv.parse_feed(body, "2304.08485")


def test_api_url_comes_from_option_then_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(arxiv.API_ENV, raising=False)
    assert arxiv.api_url(None) == "https://export.arxiv.org/api/query"
    monkeypatch.setenv(arxiv.API_ENV, "http://127.0.0.1:9/api")
    assert arxiv.api_url(None) == "http://127.0.0.1:9/api"
    assert arxiv.api_url("http://example.org/q") == "http://example.org/q"


def test_retry_after_accepts_seconds_and_dates() -> None:
    assert retry_after("7") == 7.0
    assert retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now=lambda: 1445412470.0) == 10.0
    assert retry_after("soon") is None
    assert retry_after(None) is None
