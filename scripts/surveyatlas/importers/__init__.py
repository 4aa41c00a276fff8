"""Importing a survey's existing paper list into the atlas.

Each importer (``markdown``, ``posts``, ``bibtex``) turns its source into
:class:`~.records.Candidate` mentions and :class:`~.records.Skip` lines; the shared
stages then place them in the survey's taxonomy (``topics``), match them against the
atlas (``merge``), plan new entries (``plan``) and write (``apply``).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..errors import FileError, UsageError
from ..loader import Content, load_content
from .apply import apply_plan
from .mapping import ImportProblems
from .plan import Settings, plan_import
from .records import Candidate, Skip
from .report import ImportReport


def read_source(path: Path) -> str:
    if not path.exists():
        raise UsageError(f"{path}: no such file")
    try:
        return path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FileError(f"{path}: not UTF-8 text (byte {exc.start + 1}); save it as UTF-8") from exc
    except OSError as exc:
        raise FileError(f"{path}: cannot read: {exc.strerror}") from exc


def load_for_import(content_dir: Path, survey_id: str, today: dt.date) -> Content:
    """The atlas as it is now; refuses to import into content that has errors."""
    content = load_content(content_dir, today=today)
    if content.errors:
        raise ImportProblems(
            f"the content has {len(content.errors)} error(s); fix them first "
            "(`surveyatlas check`), then import",
            content.errors,
        )
    if survey_id not in content.surveys:
        known = ", ".join(sorted(content.surveys)) or "none"
        raise UsageError(f"unknown survey '{survey_id}' (known: {known})")
    return content


def run_import(
    source: str,
    candidates: list[Candidate],
    skipped: list[Skip],
    content_dir: Path,
    content: Content,
    settings: Settings,
    *,
    dry_run: bool,
) -> ImportReport:
    plan = plan_import(candidates, skipped, content, settings)
    report = ImportReport(source, settings.survey_id, plan, dry_run)
    if not dry_run:
        report.written = apply_plan(plan, content_dir)
    return report


__all__ = ["Candidate", "ImportProblems", "Settings", "Skip", "load_for_import", "run_import"]
