"""The site scanner: every planted payload in tests/hostile/scan is found, every clean file
passes, and payloads planted into a real built page are located."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from surveyatlas import cli
from surveyatlas.scan import (
    Policy,
    check_url,
    default_theme_dirs,
    scan_html,
    scan_site,
    theme_script_patterns,
)
from surveyatlas.scan_data import scan_file

from .conftest import ATLAS, ROOT
from .sitefixture import built_site as build_site_of

CORPUS = Path(__file__).resolve().parent / "hostile" / "scan"
FILES = sorted(
    p.relative_to(CORPUS).as_posix()
    for p in CORPUS.rglob("*")
    if p.is_file() and p.suffix != ".expect"
)
POLICY = Policy(CORPUS, theme_script_patterns(default_theme_dirs(ROOT)))


@pytest.mark.parametrize("rel", FILES)
def test_corpus_file(rel: str) -> None:
    expected = (CORPUS / f"{rel}.expect").read_text(encoding="utf-8").split()
    findings = scan_file(CORPUS / rel, rel, POLICY)
    assert sorted(f.code for f in findings) == expected, [f.headline() for f in findings]
    for finding in findings:
        assert finding.path == rel and finding.element and finding.reason


def test_theme_patterns_come_from_the_installed_theme() -> None:
    assert len(POLICY.inline_scripts) >= 5
    # A placeholder stands only for a path: it cannot close the string it sits in.
    assert not any(
        p.fullmatch('__md_scope=new URL("x"+alert(1),location)') for p in POLICY.inline_scripts
    )


@pytest.mark.parametrize(
    ("value", "bad"),
    [
        ("https://example.com/", False),
        ("mailto:a@example.com", False),
        ("../papers/x/", False),
        ("#top", False),
        ("javascript-notes/", False),
        ("javascript:alert(1)", True),
        (" \x01JavaScript:alert(1)", True),
        ("java\tscript:alert(1)", True),
        ("java\nscript:alert(1)", True),
        ("java\u200bscript:alert(1)", True),
        ("java\ufffdscript:alert(1)", True),
        ("data:text/html,x", True),
        ("DATA:image/png;base64,AA==", True),
        ("vbscript:x", True),
        ("file:///etc/passwd", True),
        ("blob:https://example.com/uuid", True),
    ],
)
def test_url_spellings(value: str, bad: bool) -> None:
    assert (check_url(value) is not None) == bad


def test_scan_command_reports_and_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    themes = [arg for d in default_theme_dirs(ROOT) for arg in ("--theme-dir", str(d))]
    code = cli.main(["scan", str(CORPUS), *themes])
    out = capsys.readouterr().out
    assert code == 1
    assert 'url-javascript.html: <a href="javascript:alert(1)">: URL scheme' in out
    expected = sum(len((CORPUS / f"{rel}.expect").read_text().split()) for rel in FILES)
    assert out.rstrip().endswith(f"{expected} active items found")


def test_scan_command_json(capsys: pytest.CaptureFixture[str]) -> None:
    code = cli.main(["scan", str(CORPUS / "search-index-html"), "--format", "json"])
    payload = json.loads(capsys.readouterr().out)
    assert code == 1 and payload["files"] == 2  # the index and its .expect file
    [finding] = payload["findings"]
    assert finding["attribute"] == "onerror" and finding["path"] == "search_index.json"


def test_scan_command_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["scan", str(tmp_path / "missing")]) == 2
    assert cli.main(["scan", str(tmp_path), "--theme-dir", str(tmp_path / "nope")]) == 2
    assert "Traceback" not in capsys.readouterr().err


@pytest.fixture(scope="module")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site_of(tmp_path_factory.mktemp("scan") / "p", ATLAS / "content")


PLANTS = [
    ("<img src=x onerror=alert(1)>", {"event-handler"}),
    ('<a href="&#106;avascript:alert(1)">x</a>', {"url-scheme"}),
    ("<script>alert(1)</script>", {"script"}),
    (
        "<svg><animate attributeName=href values=javascript:alert(1) /></svg>",
        {"active-element", "url-scheme"},
    ),
    ('<iframe src="https://example.com"></iframe>', {"active-element"}),
]


@pytest.mark.build
def test_built_fixture_site_is_clean(built_site: Path) -> None:
    policy = Policy(built_site, theme_script_patterns(default_theme_dirs(ROOT)))
    result = scan_site(built_site, policy)
    assert result.files > 20 and result.findings == []


@pytest.mark.build
@pytest.mark.parametrize(("payload", "codes"), PLANTS)
def test_payload_planted_in_a_built_page_is_located(
    built_site: Path, tmp_path: Path, payload: str, codes: set[str]
) -> None:
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    page = site / "papers" / "vislm" / "index.html"
    html = page.read_text(encoding="utf-8")
    page.write_text(html.replace("<h1", payload + "<h1", 1), encoding="utf-8")
    policy = Policy(site, theme_script_patterns(default_theme_dirs(ROOT)))
    findings = scan_site(site, policy).findings
    assert {f.code for f in findings} == codes
    assert {f.path for f in findings} == {"papers/vislm/index.html"}
    assert all("article.md-content__inner" in f.where for f in findings)


SITE_SCRIPTS = [
    *sorted((ROOT / "site_src" / "assets").glob("*.js")),
    ROOT / "scripts/surveyatlas/preview.js",
]
HTML_SINKS = re.compile(
    r"\.innerHTML|\.outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function"
)


@pytest.mark.parametrize("script", SITE_SCRIPTS, ids=[p.name for p in SITE_SCRIPTS])
def test_site_scripts_put_data_in_the_page_as_text(script: Path) -> None:
    """Search results and problem reports carry content (Pagefind fragments, problems.json):
    the atlas's own scripts must insert them as text, never parse them as live HTML."""
    assert HTML_SINKS.findall(script.read_text(encoding="utf-8")) == []


def test_scan_html_on_a_fragment_names_its_location() -> None:
    [finding] = scan_html("<b onclick=x>b</b>", "index.json", Policy(), fragment="docs[0].title")
    assert finding.element == "docs[0].title > b"
    assert (
        finding.headline() == 'index.json: <docs[0].title > b onclick="x">: event handler attribute'
    )
