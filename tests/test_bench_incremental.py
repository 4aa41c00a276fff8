"""Incremental preview builds: only changed pages are re-rendered and re-staged, and the
result is always exactly what a full build would produce."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from surveyatlas import pipeline
from surveyatlas.incremental import RenderCache, Stage, page_key
from surveyatlas.loader import ContentCache
from surveyatlas.output import MANIFEST, WriteError
from surveyatlas.page import Page

from .conftest import TODAY


class Preview:
    """The pipeline as the preview runs it: both caches kept between builds."""

    def __init__(self, content: Path) -> None:
        self.content = content
        self.templates = content.parent / "templates"
        self.files = ContentCache()
        self.pages = RenderCache()

    def build(self) -> pipeline.BuildResult:
        return pipeline.build(
            self.content,
            self.templates,
            today=TODAY,
            cache=self.files,
            fallback=True,
            render_cache=self.pages,
        )

    def full(self) -> pipeline.BuildResult:
        return pipeline.build(self.content, self.templates, today=TODAY)


def edit(path: Path, pattern: str, replacement: str) -> None:
    text = path.read_text(encoding="utf-8")
    changed = re.sub(pattern, replacement, text, count=1, flags=re.MULTILINE)
    assert changed != text
    path.write_text(changed, encoding="utf-8")


def test_an_unchanged_rebuild_renders_nothing(atlas_copy: Path) -> None:
    preview = Preview(atlas_copy)
    first = preview.build()
    assert first.site is not None and first.site.changed == set(first.site.pages)
    second = preview.build()
    assert second.site is not None and second.site.changed == set()
    assert second.site.pages == first.site.pages


def test_an_edit_re_renders_the_pages_that_show_it(atlas_copy: Path) -> None:
    preview = Preview(atlas_copy)
    preview.build()
    edit(atlas_copy / "papers" / "lowrank.yml", r"^title:.*$", "title: A Renamed Low-Rank Paper")
    result = preview.build()
    assert result.site is not None and result.site.changed is not None
    assert "papers/lowrank/index.md" in result.site.changed
    untouched = [p for p in result.site.pages if p not in result.site.changed]
    assert "surveys/index.md" in untouched and any(p.startswith("papers/") for p in untouched)
    fresh = preview.full()
    assert fresh.site is not None and result.site.pages == fresh.site.pages
    shown = [p for p, text in result.site.pages.items() if "A Renamed Low-Rank Paper" in text]
    assert set(shown) <= result.site.changed


def test_a_survey_edit_reaches_every_card_that_names_it(atlas_copy: Path) -> None:
    preview = Preview(atlas_copy)
    preview.build()
    edit(atlas_copy / "surveys" / "vision-language.yml", r"^short_title:.*$", "short_title: VL")
    result, fresh = preview.build(), preview.full()
    assert result.site is not None and fresh.site is not None
    assert result.site.pages == fresh.site.pages


def test_a_template_edit_re_renders_everything(atlas_copy: Path) -> None:
    preview = Preview(atlas_copy)
    preview.build()
    template = atlas_copy.parent / "templates" / "paper.md.j2"
    template.write_text(template.read_text(encoding="utf-8") + "\nEdited template.\n")
    result = preview.build()
    assert result.site is not None and result.site.changed == set(result.site.pages)
    assert all(
        text.endswith("Edited template.\n")
        for path, text in result.site.pages.items()
        if path.startswith("papers/")
    )


def test_a_deleted_paper_leaves_the_cache(atlas_copy: Path) -> None:
    preview = Preview(atlas_copy)
    preview.build()
    (atlas_copy / "papers" / "web-only.yml").unlink()
    result, fresh = preview.build(), preview.full()
    assert result.site is not None and fresh.site is not None
    assert "papers/web-only/index.md" not in result.site.pages
    assert result.site.pages == fresh.site.pages


def test_equal_views_give_equal_keys_and_any_difference_shows() -> None:
    page = Page("papers/x/", "paper.md.j2", "X", {"title": "X", "authors": ["A", "B"]})
    same = Page("papers/x/", "paper.md.j2", "X", {"title": "X", "authors": ["A", "B"]})
    other = Page("papers/x/", "paper.md.j2", "X", {"title": "X", "authors": ["A", "C"]})
    assert page_key(page) == page_key(same) != page_key(other)
    assert page_key(Page("papers/x/", "paper.md.j2", "X", lambda: 1)) is None


def test_a_page_that_cannot_be_keyed_is_rendered_every_time() -> None:
    cache = RenderCache()
    page = Page("x/", "t", "X", lambda: 1)  # a lambda cannot be pickled
    calls = []

    def render() -> str:
        calls.append(1)
        return "text"

    for _ in range(2):
        cache.start()
        assert cache.render(page.path, page, render) == ("text", True)
    assert len(calls) == 2


def test_the_stage_writes_only_what_changed(tmp_path: Path) -> None:
    stage = Stage(tmp_path / "stage")
    files: dict[str, str | bytes] = {"a/index.md": "A", "b/index.md": "B", "feed.xml": b"<f/>"}
    first = stage.write(files, changed=None)
    assert sorted(first.written) == sorted(files)
    before = (tmp_path / "stage" / "b" / "index.md").stat().st_mtime_ns
    files["a/index.md"] = "A2"
    files["b/index.md"] = "B-but-not-said-to-change"  # not in `changed`: left alone
    files["feed.xml"] = b"<f2/>"  # not a page: always compared
    second = stage.write(files, changed={"a/index.md"})
    assert sorted(second.written) == ["a/index.md", "feed.xml"]
    assert (tmp_path / "stage" / "b" / "index.md").stat().st_mtime_ns == before
    del files["a/index.md"]
    third = stage.write(files, changed=set())
    assert third.removed == ["a/index.md"]
    assert not (tmp_path / "stage" / "a" / "index.md").exists()
    manifest = json.loads((tmp_path / "stage" / MANIFEST).read_text())
    assert manifest == sorted(files)


def test_the_stage_refuses_paths_outside_it(tmp_path: Path) -> None:
    stage = Stage(tmp_path / "stage")
    stage.write({"a/index.md": "A"}, changed=None)
    with pytest.raises(WriteError):
        stage.write({"../evil.md": "x"}, changed={"../evil.md"})


def test_the_cached_date_parser_still_rejects_bad_dates() -> None:
    from surveyatlas.fields import parse_fuzzy_date

    assert parse_fuzzy_date("2024-05") == (2024, 5, 0)
    for _ in range(2):
        with pytest.raises(ValueError):
            parse_fuzzy_date("2024/05")
