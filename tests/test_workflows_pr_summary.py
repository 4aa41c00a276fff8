"""``surveyatlas pr-summary``: what a pull request adds and changes, safe to render on GitHub."""

from __future__ import annotations

import re
import subprocess
import textwrap
from pathlib import Path

import pytest

from surveyatlas.cli import main
from surveyatlas.commands.pr_summary import parse_name_status
from surveyatlas.ghmarkdown import code, fenced
from surveyatlas.prsummary import Change

from .conftest import Scratch


def git(repo: Path, *argv: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=T", "-c", "user.email=t@example.org", *argv],
        cwd=repo,
        check=True,
        capture_output=True,
    )


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Scratch:
    git(tmp_path, "init", "-q", "-b", "main")
    scratch = Scratch(tmp_path / "content")
    scratch.survey()
    scratch.paper("kept")
    scratch.paper("edited")
    scratch.paper("dropped")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "base")
    monkeypatch.chdir(tmp_path)
    return scratch


def summary(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(["pr-summary", "--base", "main", *args]) == 0
    return capsys.readouterr().out


def test_lists_added_changed_and_removed_papers(
    repo: Scratch, capsys: pytest.CaptureFixture[str]
) -> None:
    repo.write(
        "papers/fresh.yml",
        """
        id: fresh
        title: A Fresh Paper
        authors: [Ada Example]
        date: 2024-01
        arxiv: "2401.12345"
        topics: [demo/models, demo/data]
        added: 2026-11-01
        """,
    )
    edited = repo.root / "papers" / "edited.yml"
    edited.write_text(edited.read_text().replace("[demo/models/vision]", "[demo/data]"))
    (repo.root / "papers" / "dropped.yml").unlink()
    assert summary(capsys) == textwrap.dedent(
        """\
        ## Content in this pull request

        **Papers: 1 added, 1 changed, 1 removed.** Surveys changed: 0.

        ### Papers added

        - `fresh` — `A Fresh Paper` ([arXiv 2401.12345](https://arxiv.org/abs/2401.12345))
          - topics: `demo/models`, `demo/data`
          - ⚠️ summary missing

        ### Papers changed

        - `edited` — `Paper edited` ([arXiv 2304.%s](https://arxiv.org/abs/2304.%s))
          - topics: `demo/data`
          - changed: topics +`demo/data` −`demo/models/vision`

        ### Papers removed

        - `content/papers/dropped.yml`
        """
    ).replace("%s", _arxiv_number("edited"))


def _arxiv_number(paper_id: str) -> str:
    import zlib

    return f"{zlib.crc32(paper_id.encode()) % 90000 + 10000:05d}"


def test_untrusted_text_cannot_become_markup_mentions_or_links(
    repo: Scratch, capsys: pytest.CaptureFixture[str]
) -> None:
    repo.write(
        "papers/evil.yml",
        """
        id: evil
        title: "`x` <script>alert(1)</script> @octocat #1 [a](javascript:b) http://evil.example\
          \u202e"
        authors: [Ada Example]
        date: 2024-01
        arxiv: "not-an-id"
        topics: ["demo/models", "<img src=x onerror=alert(1)>"]
        summary: Fine.
        added: 2026-11-01
        """,
    )
    out = summary(capsys)
    title = "`x` <script>alert(1)</script> @octocat #1 [a](javascript:b) http://evil.example \ufffd"
    assert f"- `evil` — `` {title} ``\n" in out
    assert "  - topics: `demo/models`, `<img src=x onerror=alert(1)>`\n" in out
    assert "arxiv.org" not in out  # a malformed id is never linked
    assert "  - ❌ 3 errors: see the check step\n" in out  # title, arxiv and a topic
    outside_code = re.sub(r"(`+)(?!`).*?(?<!`)\1(?!`)", "", out)  # drop the code spans
    for dangerous in ("<script", "<img", "@octocat", "javascript:", "http://evil", "\u202e"):
        assert dangerous not in outside_code


def test_surveys_and_no_changes(repo: Scratch, capsys: pytest.CaptureFixture[str]) -> None:
    assert summary(capsys).endswith("This pull request changes no paper or survey files.\n")
    survey = repo.root / "surveys" / "demo.yml"
    survey.write_text(survey.read_text().replace("A survey for one test.", "Better words."))
    out = summary(capsys)
    assert "Surveys changed: 1." in out
    assert "### Surveys\n\n- `demo` changed: `description`\n" in out


def test_a_bad_revision_is_a_usage_error(repo: Scratch, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["pr-summary", "--base", "--upload-pack=evil"]) == 2
    assert main(["pr-summary", "--base", "main..x"]) == 2
    assert main(["pr-summary", "--base", "nosuchbranch"]) == 2
    assert "unknown git revision 'nosuchbranch'" in capsys.readouterr().err


def test_parse_name_status_handles_renames_and_odd_names() -> None:
    output = "A\0content/papers/a b.yml\0R087\0content/papers/old.yml\0content/papers/new.yml\0"
    assert parse_name_status(output) == [
        Change("added", "content/papers/a b.yml"),
        Change("changed", "content/papers/new.yml", "content/papers/old.yml"),
    ]


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("plain", "`plain`"),
        ("a`b", "``a`b``"),
        ("``x``", "``` ``x`` ```"),
        ("line\nbreak", "`line break`"),
        ("x" * 400, "`" + "x" * 299 + "…`"),
    ],
)
def test_code_spans(text: str, shown: str) -> None:
    assert code(text) == shown


def test_fenced_blocks_outlast_the_text() -> None:
    assert fenced("a\n```\nb") == "````text\na\n```\nb\n````"
