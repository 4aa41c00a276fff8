"""`surveyatlas export` and the site's downloads: JSON (against its published schema),
BibTeX (bibtexparser, and biber when installed), CSV and the Markdown awesome list."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import bibtexparser
import jsonschema
import markdown
import pytest
from markdown_it import MarkdownIt

from surveyatlas.atlas import Atlas, build_index
from surveyatlas.cli import main
from surveyatlas.exporters import export, site_downloads
from surveyatlas.exporters.csv_export import safe_cell
from surveyatlas.exporters.json_export import export_schema, export_schema_text
from surveyatlas.loader import load_content
from surveyatlas.problems import ExitCode

from .conftest import ATLAS, ROOT, TODAY, Scratch

SCHEMA_FILE = ROOT / "content" / "schemas" / "export.schema.json"


@pytest.fixture(scope="module")
def atlas() -> Atlas:
    content = load_content(ATLAS / "content", today=TODAY)
    assert not content.errors
    return build_index(content.surveys, content.papers, content.files)


def test_published_schema_is_current() -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == export_schema_text()


def test_json_export_validates_against_the_published_schema(atlas: Atlas) -> None:
    data = json.loads(export(atlas, "json"))
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(data)
    assert data["schema_version"] == 1
    assert [p["id"] for p in data["papers"]] == list(atlas.papers)
    vislm = next(p for p in data["papers"] if p["id"] == "vislm")
    assert vislm["topics"][0] == {
        "path": "vision-language/architecture/connectors",
        "survey": "vision-language",
        "survey_title": "Seeing and Saying: A Survey of Vision-Language Models",
        "names": ["Architecture", "Connectors & projectors"],
    }
    assert vislm["links"]["code"] == "https://github.com/example/vislm"
    assert vislm["bibkey"] == atlas.bibkeys["vislm"]


def test_schema_rejects_what_the_export_never_writes(atlas: Atlas) -> None:
    data = json.loads(export(atlas, "json"))
    data["papers"][0]["surprise"] = 1
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, export_schema())


def test_bibtex_export_parses_to_one_entry_per_paper(atlas: Atlas) -> None:
    library = bibtexparser.parse_string(export(atlas, "bibtex"))
    assert not library.failed_blocks
    assert sorted(e.key for e in library.entries) == sorted(atlas.bibkeys.values())
    by_key = {e.key: e for e in library.entries}
    vislm = by_key[atlas.bibkeys["vislm"]]
    assert vislm["eprint"] == "2304.00011" and vislm["archivePrefix"] == "arXiv"
    one = bibtexparser.parse_string(export(atlas, "bibtex", "efficient-tuning"))
    assert len(one.entries) == len(atlas.survey_papers["efficient-tuning"])


@pytest.mark.skipif(
    shutil.which("biber") is None, reason="biber is not installed (apt-get install biber)"
)
def test_bibtex_export_passes_biber(atlas: Atlas, tmp_path: Path) -> None:
    (tmp_path / "papers.bib").write_text(export(atlas, "bibtex"), encoding="utf-8")
    done = subprocess.run(
        ["biber", "--tool", "--validate-datamodel", "papers.bib"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "ERROR" not in done.stdout
    assert not re.search(r"WARN - .*(?:syntax|Duplicate|Missing mandatory)", done.stdout)


def test_csv_export_has_one_row_per_paper(atlas: Atlas) -> None:
    rows = list(csv.reader(io.StringIO(export(atlas, "csv"), newline="")))
    assert rows[0][:3] == ["id", "title", "authors"]
    assert [r[0] for r in rows[1:]] == list(atlas.papers)
    hostile = next(r for r in rows if r[0] == "hostile-title")
    assert hostile[1] == atlas.papers["hostile-title"].title  # quoting round-trips


@pytest.mark.parametrize("value", ["=1+1", "+SUM(A1)", "-2", "@cmd", "\tx"])
def test_csv_cells_never_start_a_formula(value: str) -> None:
    assert safe_cell(value) == "'" + value
    assert safe_cell("plain") == "plain"


def test_csv_guards_content_that_looks_like_a_formula(tmp_path: Path) -> None:
    scratch = Scratch(tmp_path / "content")
    scratch.survey()
    scratch.paper(
        "sneaky",
        body="""
        id: sneaky
        title: '=HYPERLINK("https://example.org","x")'
        authors: ["@someone"]
        date: 2023-04
        arxiv: "2304.12345"
        topics: [demo/models/vision]
        added: 2026-11-01
        """,
    )
    content = load_content(scratch.root, today=TODAY)
    built = build_index(content.surveys, content.papers, content.files)
    row = list(csv.reader(io.StringIO(export(built, "csv"), newline="")))[1]
    assert row[1].startswith("'=HYPERLINK") and row[2] == "'@someone"


def test_markdown_export_renders_as_a_clean_list(atlas: Atlas) -> None:
    text = export(atlas, "markdown")
    html = markdown.markdown(text)
    mentions = sum(len(entry.papers) for entry in atlas.topics.values())
    assert html.count("<li>") == mentions
    assert html.count("<ul>") == sum(1 for entry in atlas.topics.values() if entry.papers)
    for bad in ("<script", "<img", "javascript:", 'onerror="', "<b>"):
        assert bad not in html
    tags, visible = read_html(html)
    assert tags <= {"h1", "h2", "h3", "h4", "p", "ul", "li", "a", "strong", "em", "code"}
    assert atlas.papers["hostile-title"].title in visible  # shown literally
    # GitHub renders CommonMark: markdown-it (a CommonMark renderer) must agree.
    common = MarkdownIt("commonmark", {"html": True}).render(text)
    common_tags, common_text = read_html(common)
    assert common_tags <= {"h1", "h2", "h3", "h4", "p", "ul", "li", "a", "strong", "em", "code"}
    assert atlas.papers["hostile-title"].title in common_text
    assert common.count("<li>") == mentions
    hostile = next(line for line in text.splitlines() if "alert(1)" in line)
    title = hostile.split("](<", 1)[0]
    assert not re.search(r"[<>\[\]*_`]", title.removeprefix("- [**").removesuffix("**"))


def read_html(html: str) -> tuple[set[str], str]:
    """The element names in ``html`` and its visible text."""
    from html.parser import HTMLParser

    class Reader(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.tags: set[str] = set()
            self.text = ""

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            self.tags.add(tag)
            for name, value in attrs:
                assert name == "href" and (value or "").startswith("https://"), (name, value)

        def handle_data(self, data: str) -> None:
            self.text += data

    reader = Reader()
    reader.feed(html)
    return reader.tags, reader.text


def test_markdown_export_of_one_survey_is_grouped_newest_first(atlas: Atlas) -> None:
    text = export(atlas, "markdown", "vision-language")
    assert text.startswith("# Seeing and Saying&#58; A Survey of Vision-Language Models\n")
    assert "\n## Architecture\n" in text and "\n### Connectors &amp; projectors\n" in text
    lines = [line for line in text.splitlines() if line.startswith("- ")]
    assert lines and all("](<https://" in line for line in lines)


def test_site_downloads(atlas: Atlas) -> None:
    files = site_downloads(atlas)
    assert set(files) == {"papers.json", "papers.bib", "papers.csv"} | {
        f"surveys/{sid}/papers.bib" for sid in atlas.surveys
    }
    assert json.loads(files["papers.json"])["papers"]


def test_render_publishes_the_downloads(atlas_copy: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "out"
    assert main(["render", "--out", str(out), "--content", str(atlas_copy)]) == ExitCode.OK
    assert (out / "papers.json").is_file() and (
        out / "surveys/vision-language/papers.bib"
    ).is_file()


def test_export_command(atlas_copy: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "one.csv"
    args = [
        "export",
        "--format",
        "csv",
        "--survey",
        "efficient-tuning",
        "--content",
        str(atlas_copy),
    ]
    assert main([*args, "--out", str(out)]) == ExitCode.OK
    content = load_content(atlas_copy, today=TODAY)
    count = sum("efficient-tuning" in p.surveys for p in content.papers.values())
    assert len(out.read_text(encoding="utf-8").splitlines()) == 1 + count
    assert main(["export", "--survey", "nope", "--content", str(atlas_copy)]) == ExitCode.USAGE
    assert "unknown survey 'nope'" in capsys.readouterr().err
    assert main(["export", "--format", "json-schema"]) == ExitCode.OK
    assert capsys.readouterr().out == export_schema_text()
