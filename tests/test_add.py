"""``surveyatlas add`` end to end, against a local server with recorded arXiv answers."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from surveyatlas import arxiv
from surveyatlas.cli import main
from surveyatlas.yamlsource import parse_yaml
from surveyatlas.yamlwrite import format_document

from .httpstub import FakeTime, Reply, atom, by_arxiv_id, serve, silent_server

TOPIC = "vision-language/architecture/connectors"


@pytest.fixture(autouse=True)
def fake_time(monkeypatch: pytest.MonkeyPatch) -> FakeTime:
    fake = FakeTime()
    monkeypatch.setattr(arxiv, "CLOCK", fake.clock)
    monkeypatch.setattr(arxiv, "SLEEP", fake.sleep)
    monkeypatch.setattr(arxiv, "_shared_limiter", None)
    monkeypatch.setattr(arxiv, "READ_TIMEOUT", 0.2)
    monkeypatch.delenv(arxiv.API_ENV, raising=False)
    return fake


@pytest.fixture
def api() -> Iterator[str]:
    routes = {
        "2304.08485": [atom("plain.xml")],
        "0710.2073": [atom("doi-journal.xml")],
        "2401.00051": [atom("hostile.xml")],
    }
    with serve(routes, by_arxiv_id) as stub:
        yield stub.url + "/api/query"


def papers(content: Path) -> set[str]:
    return {p.name for p in (content / "papers").iterdir()}


def add(content: Path, *args: str) -> int:
    return main(["add", *args, "--content", str(content)])


def test_add_writes_a_canonical_file_that_check_accepts(
    atlas_copy: Path, api: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = papers(atlas_copy)
    code = add(
        atlas_copy, "https://arxiv.org/abs/2304.08485v2", "--topic", TOPIC, "--arxiv-api", api
    )
    out = capsys.readouterr().out
    assert code == 0
    assert papers(atlas_copy) - before == {"liu2023visual.yml"}
    written = atlas_copy / "papers" / "liu2023visual.yml"
    text = written.read_text()
    assert text == format_document(text, "paper")
    data, _ = parse_yaml(text, "x")
    assert data["id"] == "liu2023visual"
    assert data["title"] == "Visual Instruction Tuning"
    assert data["authors"] == ["Haotian Liu", "Chunyuan Li", "Qingyang Wu", "Yong Jae Lee"]
    assert data["date"] == "2023-04-17"
    assert data["arxiv"] == "2304.08485"
    assert data["topics"] == [TOPIC]
    assert data["summary"] is None
    assert data["added"] == dt.date.today().isoformat()
    assert "# TODO: write the summary" in text
    assert f"wrote {written}" in out
    assert "summary: summary is missing" in out
    assert main(["check", "--content", str(atlas_copy)]) == 0
    assert "summary is missing" in capsys.readouterr().out


def test_add_records_doi_and_journal_reference(atlas_copy: Path, api: str) -> None:
    assert add(atlas_copy, "0710.2073", "--topic", TOPIC, "--arxiv-api", api) == 0
    data, _ = parse_yaml((atlas_copy / "papers" / "popolitov2007coincidence.yml").read_text(), "x")
    assert data["doi"] == "10.1134/s0021364007210011"
    assert data["venue"] == "JETP Lett.86:559-561,2008"
    assert data["date"] == "2007-10-10"
    assert main(["check", "--content", str(atlas_copy)]) == 0


def test_model_name_before_a_colon_becomes_the_id(
    atlas_copy: Path, api: str, tmp_path: Path
) -> None:
    feed = (Path(__file__).parent / "fixtures/arxiv/plain.xml").read_text()
    feed = feed.replace(
        "<title>Visual Instruction Tuning", "<title>LLaVA: Visual Instruction Tuning"
    )
    with serve({"2304.08485": [Reply(200, feed.encode())]}, by_arxiv_id) as stub:
        assert add(atlas_copy, "2304.08485", "--topic", TOPIC, "--arxiv-api", stub.url) == 0
    assert (atlas_copy / "papers" / "llava.yml").exists()


def test_the_same_paper_again_is_refused_naming_the_file(
    atlas_copy: Path, api: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert add(atlas_copy, "2304.08485", "--topic", TOPIC, "--arxiv-api", api) == 0
    capsys.readouterr()
    before = papers(atlas_copy)
    assert add(atlas_copy, "arXiv:2304.08485v1", "--topic", TOPIC, "--arxiv-api", api) == 1
    err = capsys.readouterr().err
    assert err == (
        f"surveyatlas: error: {atlas_copy}/papers/liu2023visual.yml already has arXiv id "
        "2304.08485: a paper is stored once, so add your topics to that file instead\n"
    )
    assert papers(atlas_copy) == before


def test_a_known_doi_is_refused(atlas_copy: Path, api: str, capsys: pytest.CaptureFixture) -> None:
    (atlas_copy / "papers" / "older.yml").write_text(
        "id: older\ntitle: An Older Entry\nauthors: [A. Popolitov]\ndate: 2008\n"
        "doi: 10.1134/S0021364007210011\ntopics: [vision-language/architecture]\n"
        "added: 2026-11-01\n"
    )
    assert add(atlas_copy, "0710.2073", "--topic", TOPIC, "--arxiv-api", api) == 1
    assert "older.yml already has DOI 10.1134/s0021364007210011" in capsys.readouterr().err
    assert not (atlas_copy / "papers" / "popolitov2007coincidence.yml").exists()


@pytest.mark.parametrize(
    ("reply", "message"),
    [
        ("error.xml", "arXiv refused the id 2304.00002: incorrect id format for 2313.00001"),
        ("empty.xml", "arXiv has no paper 2304.00002 (the API returned no result)"),
    ],
)
def test_error_feed_and_empty_result_exit_3_writing_nothing(
    atlas_copy: Path, capsys: pytest.CaptureFixture[str], reply: str, message: str
) -> None:
    before = papers(atlas_copy)
    with serve({"2304.00002": [atom(reply)]}, by_arxiv_id) as stub:
        code = add(atlas_copy, "2304.00002", "--topic", TOPIC, "--arxiv-api", stub.url)
    assert code == 3
    assert capsys.readouterr().err == f"surveyatlas: error: {message}\n"
    assert papers(atlas_copy) == before


def test_a_malformed_id_never_reaches_arxiv(
    atlas_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with serve({}, by_arxiv_id) as stub:
        assert add(atlas_copy, "2313.00001", "--topic", TOPIC, "--arxiv-api", stub.url) == 2
        assert stub.seen == []
    assert "not an arXiv id or arXiv URL: '2313.00001'" in capsys.readouterr().err


def test_unreachable_arxiv_exits_3_with_one_line(
    atlas_copy: Path, capsys: pytest.CaptureFixture[str], fake_time: FakeTime
) -> None:
    before = papers(atlas_copy)
    with silent_server() as url:
        code = add(atlas_copy, "2304.08485", "--topic", TOPIC, "--arxiv-api", url)
    err = capsys.readouterr().err
    assert code == 3
    assert err.count("\n") == 1
    assert "did not answer: timed out after 3 attempts" in err
    assert fake_time.sleeps == [3.0, 6.0]
    assert papers(atlas_copy) == before


def test_api_address_from_the_environment(
    atlas_copy: Path, api: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SURVEYATLAS_ARXIV_API", api)
    assert add(atlas_copy, "2304.08485", "--topic", TOPIC) == 0


def test_an_answer_that_fails_validation_writes_nothing(
    atlas_copy: Path, api: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = papers(atlas_copy)
    assert add(atlas_copy, "2401.00051", "--topic", TOPIC, "--arxiv-api", api) == 1
    captured = capsys.readouterr()
    assert "title: contains the invisible character U+202E" in captured.err
    assert "does not pass the atlas's checks" in captured.err
    assert papers(atlas_copy) == before


def test_topics_are_checked_before_fetching(
    atlas_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with serve({}, by_arxiv_id) as stub:
        code = add(
            atlas_copy,
            "2304.08485",
            "--topic",
            "vision-language/architecture/conectors",
            "--arxiv-api",
            stub.url,
        )
        assert stub.seen == []
    assert code == 2
    assert capsys.readouterr().err == (
        "surveyatlas: error: unknown topic 'vision-language/architecture/conectors' "
        "(did you mean 'vision-language/architecture/connectors'?) "
        "(`surveyatlas topics` lists them)\n"
    )


def test_not_an_arxiv_id_is_a_usage_error(
    atlas_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert add(atlas_copy, "https://example.org/paper", "--topic", TOPIC) == 2
    assert "not an arXiv id or arXiv URL: 'https://example.org/paper'" in capsys.readouterr().err


def test_no_fetch_scaffolds_from_the_id_and_check_flags_the_gaps(
    atlas_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert add(atlas_copy, "2304.08485", "--topic", TOPIC, "--no-fetch") == 0
    path = atlas_copy / "papers" / "arxiv-2304-08485.yml"
    text = path.read_text()
    assert "# TODO: the title" in text and "title: null" in text
    assert 'date: 2023-04\narxiv: "2304.08485"' in text
    capsys.readouterr()
    assert main(["check", "--content", str(atlas_copy)]) == 1
    out = capsys.readouterr().out
    assert f"{path}:4:8: title: expected text, got nothing" in out
    assert f"{path}:6:10: authors: expected a list, got nothing" in out


def test_an_id_already_taken_gets_a_suffix(atlas_copy: Path, api: str) -> None:
    (atlas_copy / "papers" / "liu2023visual.yml").write_text(
        "id: liu2023visual\ntitle: Another Paper Entirely\nauthors: [Wei Liu]\ndate: 2023\n"
        "doi: 10.1000/xyz\ntopics: [vision-language/architecture]\nadded: 2026-11-01\n"
    )
    assert add(atlas_copy, "2304.08485", "--topic", TOPIC, "--arxiv-api", api) == 0
    assert (atlas_copy / "papers" / "liu2023visual-2.yml").exists()


def test_interrupted_add_leaves_no_file(
    atlas_copy: Path, api: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = set(os.listdir(atlas_copy / "papers"))

    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "link", interrupted)
    assert add(atlas_copy, "2304.08485", "--topic", TOPIC, "--arxiv-api", api) == 130
    assert set(os.listdir(atlas_copy / "papers")) == before  # no file, no temporary file


def test_interrupted_fetch_leaves_no_file(
    atlas_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = set(os.listdir(atlas_copy / "papers"))

    def interrupted(self: object, arxiv_id: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(arxiv.ArxivClient, "fetch", interrupted)
    assert add(atlas_copy, "2304.08485", "--topic", TOPIC) == 130
    assert set(os.listdir(atlas_copy / "papers")) == before


def test_a_control_character_from_arxiv_writes_nothing(
    atlas_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """C1 controls are legal in XML but can drive a terminal: add refuses them."""
    feed = (Path(__file__).parent / "fixtures/arxiv/plain.xml").read_text()
    feed = feed.replace("<title>Visual Instruction", "<title>Visual&#x9b;31m Instruction")
    before = papers(atlas_copy)
    with serve({"2304.08485": [Reply(200, feed.encode())]}, by_arxiv_id) as stub:
        assert add(atlas_copy, "2304.08485", "--topic", TOPIC, "--arxiv-api", stub.url) == 1
    err = capsys.readouterr().err
    assert "liu2023visual31m.yml: title: contains the control character U+009B" in err
    assert "\x9b" not in err
    assert papers(atlas_copy) == before
