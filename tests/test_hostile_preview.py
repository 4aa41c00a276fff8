"""The preview server under hostile editing: broken saves, bursts of saves, deleted and
renamed files, and problem messages that carry markup. The server must keep serving,
show every problem in the terminal and the browser, rebuild once per save, and end in
the state of the last save."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from .previewserver import STATUS, PreviewServer, running_preview

pytestmark = pytest.mark.build
PAPER = "content/papers/vislm.yml"
PAGE = "papers/vislm/"
TITLE = "Teaching a Language Model to Look"


@pytest.fixture
def server(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[PreviewServer]:
    with running_preview(tmp_path, getattr(request, "param", "dirty")) as running:
        running.wait_for(PAGE, lambda body: TITLE in body, timeout=120)
        running.settle()
        yield running


def test_broken_yaml_mid_edit_is_shown_and_the_next_save_recovers(server: PreviewServer) -> None:
    good = server.text(PAPER)
    # Saved half-way through typing a list: a YAML syntax error.
    server.save(PAPER, good.replace("authors: [", "authors: [Half Typed, "))
    server.save(PAPER, good.replace("authors: [", "authors: [\n  - Half"))
    status = server.wait_for(STATUS, lambda body: '"errors": []' not in body)
    [error] = json.loads(status)["errors"]
    assert error.startswith(PAPER + ":") and "YAML" in error
    assert json.loads(status)["stale"] == [PAPER]
    # The terminal says the same, and the page still serves the last good version.
    server.wait_for(PAGE, lambda body: TITLE in body)
    assert PAPER in server.output() and "YAML syntax error" in server.output()
    assert "until the problems above are fixed" in server.output()

    server.save(PAPER, good.replace(TITLE, "Teaching a Language Model to Read"))
    server.wait_for(STATUS, lambda body: json.loads(body) == {"errors": [], "stale": []})
    server.wait_for(PAGE, lambda body: "Teaching a Language Model to Read" in body)


def test_one_save_one_rebuild(server: PreviewServer) -> None:
    before = server.builds()
    server.save(PAPER, server.text(PAPER).replace(TITLE, "Teaching a Model Once"))
    server.wait_for(PAGE, lambda body: "Teaching a Model Once" in body)
    server.settle()
    assert server.builds() == before + 1


def test_many_quick_saves_end_in_the_final_state(server: PreviewServer) -> None:
    good = server.text(PAPER)
    before = server.builds()
    for n in range(12):
        broken = n % 3 == 1  # some saves in the burst are broken
        text = "id: vislm\ntitle: [\n" if broken else good.replace(TITLE, f"Burst {n} Title")
        server.save(PAPER, text)
        time.sleep(0.05)
    server.save(PAPER, good.replace(TITLE, "Burst Final Title"))
    server.wait_for(PAGE, lambda body: "Burst Final Title" in body)
    server.wait_for(STATUS, lambda body: json.loads(body)["errors"] == [])
    server.settle()
    assert "Burst Final Title" in server.get(PAGE)[1]
    assert server.builds() - before <= 13  # never more than one build per save


@pytest.mark.parametrize("server", ["dirty", "full"], indirect=True)
def test_deleted_and_renamed_files(server: PreviewServer) -> None:
    topic = "surveys/vision-language/architecture/connectors/"
    server.wait_for(topic, lambda body: "VisLM" in body)
    source = server.project / PAPER
    renamed = server.project / "content/papers/vislm-renamed.yml"
    text = source.read_text(encoding="utf-8")

    # Renamed without changing the id inside: an error names the file, the old page goes.
    source.rename(renamed)
    status = server.wait_for(STATUS, lambda body: "vislm-renamed.yml" in body)
    assert "does not match the file name" in status
    server.wait_for(PAGE, lambda body: True, status=404)

    # The id fixed: the paper is back under its new address, nothing is stale.
    renamed.write_text(text.replace("id: vislm", "id: vislm-renamed"), encoding="utf-8")
    server.wait_for(STATUS, lambda body: json.loads(body) == {"errors": [], "stale": []})
    server.wait_for("papers/vislm-renamed/", lambda body: TITLE in body)

    # Deleted: its page and its listing disappear, and the server carries on.
    renamed.unlink()
    server.wait_for("papers/vislm-renamed/", lambda body: True, status=404)
    server.wait_for(topic, lambda body: "vislm-renamed" not in body)
    assert server.problems()["errors"] == []


def test_problem_messages_with_markup_stay_data(server: PreviewServer) -> None:
    payload = '<img src=x onerror="alert(1)">'
    good = server.text(PAPER)
    server.save(PAPER, good.replace("date: 2023-04-17", f"date: '{payload}'"))
    status = server.wait_for(STATUS, lambda body: "onerror" in body)
    assert any(payload in error for error in json.loads(status)["errors"])
    # Only the JSON carries the message; the preview script shows it with textContent.
    page = server.wait_for(PAGE, lambda body: TITLE in body)
    assert "onerror" not in page
