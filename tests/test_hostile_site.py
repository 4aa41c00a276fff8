"""The hostile-but-valid atlas (tests/hostile/valid): payloads in every free-text field pass
``check``, build with the real ``mkdocs build --strict``, leave nothing active in any
output, and show on the pages as the literal text that was written."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import bibtexparser
import markdown
import pytest
from selectolax.lexbor import LexborHTMLParser

from surveyatlas import cli
from surveyatlas.loader import load_content
from surveyatlas.scan import (
    Policy,
    default_theme_dirs,
    scan_html,
    scan_site,
    theme_script_patterns,
)
from surveyatlas.scan_data import scan_bibtex

from .conftest import ROOT, TODAY
from .sitefixture import built_site

pytestmark = pytest.mark.build
VALID = Path(__file__).resolve().parent / "hostile" / "valid"
SPEC: dict[str, Any] = json.loads((VALID / "expected.json").read_text(encoding="utf-8"))
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built_site(tmp_path_factory.mktemp("hostile") / "p", VALID / "content")


def visible_text(html: str) -> str:
    """What a reader sees: the text of the body, entities decoded, whitespace collapsed."""
    tree = LexborHTMLParser(html)
    assert tree.body is not None
    return " ".join(tree.body.text(deep=True, separator="").split())


def test_payloads_pass_check() -> None:
    content = load_content(VALID / "content", today=TODAY)
    assert content.problems == []
    assert len(content.papers) == 7 and "hostile-survey" in content.surveys


def test_scanner_finds_nothing_active(hostile_site: Path) -> None:
    policy = Policy(hostile_site, theme_script_patterns(default_theme_dirs(ROOT)))
    result = scan_site(hostile_site, policy)
    assert result.files > 50
    assert [f.headline() for f in result.findings] == []


def test_scan_command_passes_like_ci(hostile_site: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "surveyatlas", "scan", str(hostile_site)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout[-3000:]
    assert run.stdout.strip().endswith(": nothing active")


@pytest.mark.parametrize("page", sorted(SPEC["visible"]))
def test_payloads_show_as_literal_text(hostile_site: Path, page: str) -> None:
    shown = visible_text((hostile_site / page).read_text(encoding="utf-8"))
    missing = [t for t in SPEC["visible"][page] if " ".join(t.split()) not in shown]
    assert missing == []


@pytest.mark.parametrize("page", sorted(SPEC["titles"]))
def test_page_title_is_literal_text(hostile_site: Path, page: str) -> None:
    tree = LexborHTMLParser((hostile_site / page).read_text(encoding="utf-8"))
    titles = tree.css("title")
    assert len(titles) == 1  # no <title> smuggled in by content
    assert SPEC["titles"][page] in titles[0].text()


def test_navigation_shows_survey_and_topic_names_as_text(hostile_site: Path) -> None:
    page = (hostile_site / "surveys/hostile-survey/alpha/index.html").read_text("utf-8")
    nav = " ".join(" ".join(n.text().split()) for n in LexborHTMLParser(page).css("nav.md-nav"))
    payloads = SPEC["payloads"]
    assert "Hostile " + payloads["img"] + " " + payloads["jinja"] in nav  # survey short title
    assert "Alpha " + payloads["script"] + " " + payloads["pipes"] in nav  # a topic
    assert "Gamma " + payloads["heading"] + " " + payloads["jinja-config"] in nav


def test_jinja_is_never_evaluated(hostile_site: Path) -> None:
    page = visible_text((hostile_site / "papers/jinja-title/index.html").read_text("utf-8"))
    assert "{{ 7*7 }}" in page and "{{ config }}" in page
    assert " 49 " not in f" {page} " and "yes {#" not in page


def test_feed_titles_are_text(hostile_site: Path) -> None:
    root = ET.fromstring((hostile_site / "feed.xml").read_bytes())
    titles = {e.findtext(f"{ATOM}title") for e in root.iter(f"{ATOM}entry")}
    assert set(SPEC["titles"].values()) <= titles
    for name in ("title", "subtitle", "summary", "content", "rights"):
        for element in root.iter(f"{ATOM}{name}"):
            assert element.get("type", "text") == "text"  # never "html": readers would render it


def test_bibtex_block_escapes_latex(hostile_site: Path) -> None:
    tree = LexborHTMLParser((hostile_site / "papers/bibtex-title/index.html").read_text("utf-8"))
    code = tree.css_first("code.language-bibtex")
    assert code is not None
    entry = code.text()
    # One balanced entry: the '} , author = {Evil}, @misc{evil,' in the title stays inside
    # its field, and no LaTeX command other than the writer's escapes survives.
    assert scan_bibtex(entry, "papers/bibtex-title") == []
    assert entry.startswith("@") and entry.count("\n@") == 0
    assert r"\textbraceright{} , author = \textbraceleft{}Evil\textbraceright{}" in entry
    assert r"\textbackslash{}input\textbraceleft{}" in entry
    assert r"\textbackslash{}write18" in entry and r"\write18" not in entry


def test_json_download_holds_the_literal_text(hostile_site: Path) -> None:
    data = json.loads((hostile_site / "papers.json").read_text(encoding="utf-8"))
    titles = {paper["id"]: paper["title"] for paper in data["papers"]}
    expected = {Path(page).parent.name: title for page, title in SPEC["titles"].items()}
    assert titles == expected


def test_bibtex_downloads_parse_to_one_entry_per_paper(hostile_site: Path) -> None:
    for rel in ("papers.bib", "surveys/hostile-survey/papers.bib"):
        text = (hostile_site / rel).read_text(encoding="utf-8")
        library = bibtexparser.parse_string(text)
        assert len(library.entries) == len(SPEC["titles"]) and not library.failed_blocks
        assert scan_bibtex(text, rel) == []


def test_csv_download_cells_cannot_run_as_formulas(hostile_site: Path) -> None:
    with (hostile_site / "papers.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert {row["id"] for row in rows} == {Path(p).parent.name for p in SPEC["titles"]}
    cells = [cell for row in rows for cell in row.values()]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    [bibtex_row] = [row for row in rows if row["id"] == "bibtex-title"]
    assert bibtex_row["authors"].startswith("'" + SPEC["payloads"]["at-sign"])


def test_markdown_export_renders_payloads_as_text(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The awesome-list export is read on GitHub or by any Markdown engine: no payload may
    become a link, heading, attribute, table or HTML there."""
    assert cli.main(["export", "--format", "markdown", "--content", str(VALID / "content")]) == 0
    text = capsys.readouterr().out
    html = markdown.markdown(text, extensions=["attr_list", "tables", "md_in_html"])
    assert [f.headline() for f in scan_html(html, "export.md", Policy())] == []
    tree = LexborHTMLParser(html)
    headings = [" ".join(h.text().split()) for h in tree.css("h1, h2, h3, h4, h5, h6")]
    payloads = SPEC["payloads"]
    assert headings == [
        "LLM Survey Atlas",
        "Hostile " + payloads["img"] + " " + payloads["jinja"],
        "Alpha " + payloads["script"] + " " + payloads["pipes"],
        "Beta " + payloads["md-link"] + " " + payloads["attr-list"],
        "Gamma " + payloads["heading"] + " " + payloads["jinja-config"],
    ]
    hrefs = {a.attributes.get("href") or "" for a in tree.css("a")}
    assert all(h.startswith("https://") for h in hrefs)
    shown = visible_text(html)
    assert all(" ".join(t.split()) in shown for t in SPEC["titles"].values())
    assert not tree.css("table, script, img, iframe, svg")
