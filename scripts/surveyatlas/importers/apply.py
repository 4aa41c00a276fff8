"""Writing an import plan to the content folder.

Each file is replaced atomically (a temporary file renamed over it), so an
interruption never leaves a half-written file. Files are written in an order that
keeps the content valid at every step: first the survey's new topics, then the new
papers, then the topics added to existing papers. An interrupted import therefore
leaves a valid atlas holding part of the list; running the same import again finishes
it (imports are idempotent). Existing files are edited with ``yamlwrite``, which
keeps comments and refuses to write if the file changed on disk since it was read.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from functools import partial
from pathlib import Path
from typing import Any

from ..errors import FileError
from ..output import atomic_write
from ..yamlwrite import update_document
from .plan import ImportPlan, Update
from .progress import Progress
from .topics import NewTopic


def apply_plan(plan: ImportPlan, content_dir: Path) -> list[str]:
    """Write the plan; return the files written, in order."""
    written: list[str] = []
    if plan.topics:
        survey_path = Path(plan.survey_file)
        if update_document(survey_path, lambda data: add_topics(data, plan.topics), "survey"):
            written.append(str(survey_path))
    total = len(plan.new) + len(plan.updates)
    with Progress(total, "importing") as bar:
        for entry in plan.new:
            path = content_dir / "papers" / f"{entry.data['id']}.yml"
            if path.exists():
                raise FileError(f"{path}: appeared while importing; nothing more was written")
            atomic_write(path, entry.text)
            written.append(str(path))
            bar.advance()
        for update in plan.updates:
            path = Path(update.plan.file or "")
            if update_document(path, partial(add_to_paper, update=update), "paper"):
                written.append(str(path))
            bar.advance()
    return written


def add_topics(data: MutableMapping[str, Any], topics: list[NewTopic]) -> None:
    """Append each new topic under its parent (parents come before their children)."""
    for topic in topics:
        parts = topic.parent.split("/")[1:]
        siblings: list[Any] = data.setdefault("taxonomy", [])
        for part in parts:
            node = next(n for n in siblings if isinstance(n, dict) and n.get("id") == part)
            siblings = node.setdefault("children", [])
        if not any(isinstance(n, dict) and n.get("id") == topic.id for n in siblings):
            siblings.append({"id": topic.id, "name": topic.name})


def add_to_paper(data: MutableMapping[str, Any], *, update: Update) -> None:
    """Only additions: the new topics, and the survey's facets when the entry has none."""
    topics = data.setdefault("topics", [])
    for topic in update.add_topics:
        if topic not in topics:
            topics.append(topic)
    if update.facets:
        data.setdefault("facets", {}).setdefault(update.survey_id, dict(update.facets))
