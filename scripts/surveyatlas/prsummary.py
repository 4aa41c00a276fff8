"""A Markdown summary of the content a pull request adds, changes or removes.

Written to the CI job summary so a reviewer sees at a glance which papers arrive,
under which topics, what changed in existing entries, and what still needs work.
Everything taken from the files is shown through :mod:`surveyatlas.ghmarkdown`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import ids
from .ghmarkdown import code
from .loader import Loaded, load_file
from .problems import Severity
from .schema import Paper, Survey
from .yamlsource import parse_yaml, read_text

MAX_LISTED = 200  # job summaries are capped at 1 MiB; a huge import is summarised


@dataclass(frozen=True)
class Change:
    status: str  # "added", "changed" or "removed"
    path: str  # relative to the repository root, as git names it
    old_path: str | None = None  # for renames


def render_summary(
    changes: list[Change], root: Path, read_base: Callable[[str], str | None]
) -> str:
    """The summary of ``changes``; ``read_base`` gives a file's text before the change."""
    papers = [c for c in changes if "/papers/" in f"/{c.path}"]
    surveys = [c for c in changes if "/surveys/" in f"/{c.path}"]
    lines = ["## Content in this pull request", ""]
    if not papers and not surveys:
        lines.append("This pull request changes no paper or survey files.")
        return "\n".join(lines) + "\n"
    counts = {status: sum(1 for c in papers if c.status == status) for status in STATUSES}
    lines.append(
        f"**Papers: {counts['added']} added, {counts['changed']} changed, "
        f"{counts['removed']} removed.** Surveys changed: {len(surveys)}."
    )
    for status in STATUSES:
        group = [c for c in papers if c.status == status]
        if group:
            lines += ["", f"### Papers {status}", ""]
            for change in group[:MAX_LISTED]:
                lines += paper_lines(change, root, read_base)
            if len(group) > MAX_LISTED:
                lines.append(f"- … and {len(group) - MAX_LISTED} more")
    if surveys:
        lines += ["", "### Surveys", ""]
        for change in surveys[:MAX_LISTED]:
            lines += survey_lines(change, root, read_base)
    return "\n".join(lines) + "\n"


STATUSES = ("added", "changed", "removed")


def paper_lines(change: Change, root: Path, read_base: Callable[[str], str | None]) -> list[str]:
    if change.status == "removed":
        return [f"- {code(change.path)}"]
    loaded = load_file(root / change.path, Paper, today=dt.date.today())
    data = _data(loaded)
    stem = Path(change.path).stem
    title = data.get("title")
    head = f"- {code(stem)}"
    if isinstance(title, str):
        head += f" — {code(title)}"
    arxiv = data.get("arxiv")
    if isinstance(arxiv, str) and ids.is_canonical_arxiv(arxiv):
        head += f" ([arXiv {arxiv}](https://arxiv.org/abs/{arxiv}))"
    lines = [head]
    topics = data.get("topics")
    if isinstance(topics, list) and topics:
        lines.append("  - topics: " + ", ".join(code(t) for t in topics[:40]))
    if change.status == "changed":
        before = _parse(read_base(change.old_path or change.path))
        lines.append("  - changed: " + describe_changes(before, data))
    lines += _status_lines(loaded, data)
    return lines


def survey_lines(change: Change, root: Path, read_base: Callable[[str], str | None]) -> list[str]:
    stem = Path(change.path).stem
    if change.status == "removed":
        return [f"- {code(stem)} removed"]
    loaded = load_file(root / change.path, Survey, today=dt.date.today())
    data = _data(loaded)
    line = f"- {code(stem)} {change.status}"
    if change.status == "changed":
        before = _parse(read_base(change.old_path or change.path))
        line += ": " + describe_changes(before, data)
    return [line, *_status_lines(loaded, data)]


def describe_changes(before: dict[str, Any], after: dict[str, Any]) -> str:
    """Which fields changed; for topics, which were added and removed."""
    parts = []
    for key in list(dict.fromkeys([*after, *before])):
        if before.get(key) == after.get(key):
            continue
        if (
            key == "topics"
            and isinstance(before.get(key), list)
            and isinstance(after.get(key), list)
        ):
            added = [t for t in after[key] if t not in before[key]]
            removed = [t for t in before[key] if t not in after[key]]
            detail = " ".join([*(f"+{code(t)}" for t in added), *(f"−{code(t)}" for t in removed)])
            parts.append(f"topics {detail}".strip())
        else:
            parts.append(code(key))
    return ", ".join(parts) if parts else "layout only"


def _status_lines(loaded: Loaded[Any], data: dict[str, Any]) -> list[str]:
    errors = sum(1 for p in loaded.problems if p.severity is Severity.ERROR)
    warnings = [p for p in loaded.problems if p.severity is Severity.WARNING]
    lines = []
    if errors:
        lines.append(f"  - ❌ {errors} error{'s' if errors > 1 else ''}: see the check step")
    if any(p.code == "summary-missing" for p in warnings) or (
        "summary" in data and data.get("summary") is None and not errors
    ):
        lines.append("  - ⚠️ summary missing")
    other = [p for p in warnings if p.code != "summary-missing"]
    if other:
        lines.append(f"  - ⚠️ {len(other)} other warning{'s' if len(other) > 1 else ''}")
    return lines


def _data(loaded: Loaded[Any]) -> dict[str, Any]:
    """The file as written (what the contributor changed), not as the model reads it."""
    text, _ = read_text(loaded.path, loaded.display)
    return _parse(text)


def _parse(text: str | None) -> dict[str, Any]:
    if text is None:
        return {}
    data, problems = parse_yaml(text, "base")
    return data if not problems and isinstance(data, dict) else {}
