"""Rendering on two cores gives the site that one core gives, and survives a failed child."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from surveyatlas import twocores
from surveyatlas.atlas import build_index
from surveyatlas.bench import generate_atlas
from surveyatlas.loader import load_content
from surveyatlas.render import render_site

from .conftest import ATLAS, TODAY

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
needs_fork = pytest.mark.skipif(not twocores.can_fork(), reason="needs fork and two CPUs")


def site_of(content: Path, *, two_cores: bool):  # type: ignore[no-untyped-def]
    loaded = load_content(content, today=TODAY)
    assert not loaded.errors
    atlas = build_index(loaded.surveys, loaded.papers, loaded.files)
    return render_site(atlas, TEMPLATES, two_cores=two_cores)


@needs_fork
@pytest.mark.parametrize("papers", [None, 300])
def test_two_cores_render_the_same_site(tmp_path: Path, papers: int | None) -> None:
    content = ATLAS
    if papers:
        content = tmp_path / "content"
        generate_atlas(content, papers, seed=3)
    one, two = site_of(content, two_cores=False), site_of(content, two_cores=True)
    assert list(two.pages) == list(one.pages)  # same pages, same order
    assert two.pages == one.pages
    assert two.sources == one.sources
    assert two.files == one.files
    assert two.nav == one.nav


def test_split_runs_both_lists_in_order() -> None:
    here, there = twocores.run_split(
        [lambda: 1, lambda: os.getpid()], [lambda: "a", lambda: os.getpid()]
    )
    assert here[0] == 1 and there[0] == "a"
    assert here[1] == os.getpid()
    if twocores.can_fork():
        assert there[1] != os.getpid()  # really ran in another process


@needs_fork
def test_a_failing_child_share_is_redone_here() -> None:
    parent = os.getpid()

    def fails_in_child() -> str:
        if os.getpid() != parent:
            raise RuntimeError("boom")
        return "done here"

    def dies_in_child() -> str:
        if os.getpid() != parent:
            os._exit(9)
        return "also here"

    assert twocores.run_split([], [fails_in_child]) == ([], ["done here"])
    assert twocores.run_split([], [dies_in_child]) == ([], ["also here"])


def test_no_fork_while_other_threads_run() -> None:
    stop = threading.Event()
    worker = threading.Thread(target=stop.wait)
    worker.start()
    try:
        assert not twocores.can_fork()
        here, there = twocores.run_split([lambda: os.getpid()], [lambda: os.getpid()])
        assert here == there == [os.getpid()]
    finally:
        stop.set()
        worker.join()


@needs_fork
def test_an_error_in_the_parent_share_stops_the_child() -> None:
    def boom() -> None:
        raise ValueError("parent share failed")

    with pytest.raises(ValueError, match="parent share failed"):
        twocores.run_split([boom], [lambda: threading.Event().wait(30)])
