"""Real `mkdocs build --strict` runs: the fixture atlas and the shipped content."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .conftest import ATLAS, ROOT
from .sitefixture import built_site

pytestmark = pytest.mark.build


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built_site(tmp_path_factory.mktemp("fixture") / "p", ATLAS / "content")


def test_fixture_site_has_every_page(fixture_site: Path) -> None:
    for rel in (
        "index.html",
        "surveys/index.html",
        "surveys/vision-language/index.html",
        "surveys/vision-language/training/instruction-tuning/index.html",
        "papers/vislm/index.html",
        "timeline/index.html",
        "timeline/2023/index.html",
        "about/index.html",
    ):
        assert (fixture_site / rel).is_file(), rel


def test_hostile_title_is_inert_text(fixture_site: Path) -> None:
    page = (fixture_site / "papers/hostile-title/index.html").read_text(encoding="utf-8")
    title = re.search(r"<title>(.*?)</title>", page, re.S)
    assert title and "<script>" not in title.group(1)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in title.group(1)
    content = page.split('<article class="md-content__inner', 1)[1].split("</article>", 1)[0]
    assert "javascript:" not in re.sub(
        r"&[a-z]+;|&#\d+;", "", "".join(re.findall(r'href="([^"]*)"', content))
    )
    assert "onerror=" not in "".join(re.findall(r"<[^>]+>", content))
    assert "{{ 7*7 }}" in content and "49" not in content


def test_edit_links_point_at_content_files(fixture_site: Path) -> None:
    page = (fixture_site / "papers/vislm/index.html").read_text(encoding="utf-8")
    assert "edit/main/content/papers/vislm.yml" in page


def test_shipped_content_builds_strict(tmp_path: Path) -> None:
    site = built_site(tmp_path / "p", ROOT / "content")
    assert (site / "index.html").is_file()
