"""The live preview: edits show up without a restart; broken content never stops it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from .previewserver import STATUS, PreviewServer, running_preview

pytestmark = pytest.mark.build
PAPER = "content/papers/vislm.yml"


@pytest.fixture(params=["dirty", "full"])
def preview(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[PreviewServer]:
    with running_preview(tmp_path, request.param) as server:
        yield server


def test_edit_broken_save_and_recovery(preview: PreviewServer) -> None:
    page = "papers/vislm/"
    preview.wait_for(page, lambda body: "Teaching a Language Model to Look" in body)

    preview.edit(PAPER, "Teaching a Language Model to Look", "Teaching a Language Model to Read")
    preview.wait_for(page, lambda body: "Teaching a Language Model to Read" in body)

    # Every page loads the preview script, which shows the problems it reads from here.
    assert "surveyatlas-preview.js" in preview.wait_for(page, lambda body: True)
    assert json.loads(preview.wait_for(STATUS, lambda body: True)) == {"errors": [], "stale": []}

    # A half-finished edit: the server keeps serving the last good version, with the problem shown.
    preview.edit(PAPER, "date: 2023-04-17", "date: 2023/04")
    status = json.loads(preview.wait_for(STATUS, lambda body: "2023/04" in body))
    assert status["stale"] == [PAPER]
    assert status["errors"][0].startswith(
        f"{PAPER}:4:7: date: expected YYYY, YYYY-MM or YYYY-MM-DD"
    )
    assert "Teaching a Language Model to Read" in preview.get(page)[1]

    preview.edit(PAPER, "date: 2023/04", "date: 2023-04-18")
    preview.wait_for(STATUS, lambda body: json.loads(body)["errors"] == [])
    preview.wait_for(page, lambda body: "18 Apr 2023" in body)
    assert preview.process.poll() is None


def test_template_edit_updates_pages(preview: PreviewServer) -> None:
    preview.edit("templates/paper.md.j2", "## Cite { #sa-cite }", "## Cite this paper { #sa-cite }")
    preview.wait_for("papers/vislm/", lambda body: "Cite this paper" in body)


def test_new_and_deleted_papers(preview: PreviewServer) -> None:
    source = preview.project / PAPER
    copy = preview.project / "content/papers/vislm-two.yml"
    copy.write_text(
        source.read_text(encoding="utf-8")
        .replace("id: vislm", "id: vislm-two")
        .replace('"2304.00011"', '"2304.00012"')
        .replace("VisLM: Teaching", "VisLM Two: Teaching"),
        encoding="utf-8",
    )
    preview.wait_for("papers/vislm-two/", lambda body: "VisLM Two" in body)
    copy.unlink()
    preview.wait_for(
        "surveys/vision-language/architecture/connectors/", lambda body: "vislm-two" not in body
    )
