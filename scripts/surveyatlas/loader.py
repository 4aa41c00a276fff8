"""Loading the content directory: files to validated models, plus every problem found.

``load_content`` never raises for bad content and never stops at the first problem:
it returns what loaded and a sorted list of problems, each at file:line:col.
A :class:`ContentCache` lets the preview re-read only files that changed.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from pydantic import BaseModel, ValidationError

from . import checks, rules
from .problems import Problem, Severity
from .rules import Finding
from .schema import Paper, Survey
from .validation import findings_from_error
from .yamlsource import (
    Mark,
    decode,
    find_mark,
    not_a_mapping,
    parse_yaml,
    read_text,
    source_line,
)

M = TypeVar("M", bound=BaseModel)

KINDS: dict[str, type[BaseModel]] = {"surveys": Survey, "papers": Paper}
# Editors and tools leave these beside the files people edit; they are not content.
_IGNORED_SUFFIXES = (".swp", ".swo", ".swx", ".tmp", ".bak", ".orig", ".rej", "~", ".part")


@dataclass
class Loaded(Generic[M]):
    """One content file after loading: the model when valid, and its problems."""

    path: Path
    display: str
    stem: str
    model: M | None
    problems: list[Problem]
    raw: dict[str, object] | None = None  # the parsed mapping, kept when the model failed


@dataclass
class Content:
    surveys: dict[str, Survey] = field(default_factory=dict)
    papers: dict[str, Paper] = field(default_factory=dict)
    files: dict[tuple[str, str], str] = field(default_factory=dict)  # (kind, id) -> display path
    failed: dict[str, set[str]] = field(default_factory=dict)  # kind -> stems that did not load
    # Papers that failed validation but parsed: their topics are still checked, so one
    # run reports an unknown topic alongside, say, a bad date in the same file.
    partial_papers: dict[str, dict[str, object]] = field(default_factory=dict)  # display -> data
    problems: list[Problem] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)  # broken files shown in their last good version
    # Seconds spent reading (files to YAML data) and validating (models, rules, cross-file
    # checks), for the benchmark; files taken from a ContentCache cost nothing here.
    timings: dict[str, float] = field(default_factory=lambda: {"read": 0.0, "validate": 0.0})

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    def path_of(self, kind: str, item_id: str) -> str:
        return self.files[(kind, item_id)]


class ContentCache:
    """Per-file results keyed by (size, mtime, inode), so unchanged files are not re-read."""

    def __init__(self) -> None:
        self._entries: dict[str, tuple[tuple[int, int, int], Loaded[BaseModel]]] = {}
        self._last_good: dict[str, Loaded[BaseModel]] = {}

    def get(self, path: Path) -> Loaded[BaseModel] | None:
        entry = self._entries.get(str(path))
        if entry is None:
            return None
        try:
            info = os.lstat(path)
        except OSError:
            return None
        signature = (info.st_size, info.st_mtime_ns, info.st_ino)
        return entry[1] if entry[0] == signature else None

    def put(self, path: Path, loaded: Loaded[BaseModel]) -> None:
        try:
            info = os.lstat(path)
        except OSError:
            return
        self._entries[str(path)] = ((info.st_size, info.st_mtime_ns, info.st_ino), loaded)
        if loaded.model is not None:
            self._last_good[str(path)] = loaded

    def last_good(self, path: Path) -> Loaded[BaseModel] | None:
        """The most recent valid version of a file, shown while its current version is broken."""
        return self._last_good.get(str(path))

    def forget_missing(self, present: Iterable[Path]) -> None:
        keep = {str(p) for p in present}
        for table in (self._entries, self._last_good):
            for key in list(table):
                if key not in keep:
                    del table[key]


def is_editor_artifact(name: str) -> bool:
    return (
        name.startswith(".")
        or name.startswith("#")
        or name.endswith(_IGNORED_SUFFIXES)
        or name.isdigit()  # vim probes a directory with a file named 4913
    )


def discover(content_dir: Path, kind: str) -> tuple[list[Path], list[Problem]]:
    """The ``.yml`` files of one kind, sorted, and problems with anything else there."""
    directory = content_dir / kind
    problems: list[Problem] = []
    if directory.is_symlink():
        # A pull request could point it anywhere on the machine that builds the site.
        problem = Problem(
            path=str(directory),
            message="this folder is a symbolic link; nothing in it was read",
            hint=f"replace the link with a real {kind}/ folder",
            code="folder-symlink",
        )
        return [], [problem]
    if not directory.is_dir():
        return [], problems
    paths = []
    for entry in sorted(os.scandir(directory), key=lambda e: e.name):
        name = entry.name
        if is_editor_artifact(name):
            continue
        path = directory / name
        display = str(path)
        if entry.is_dir(follow_symlinks=False):
            problems.append(
                Problem(
                    path=display,
                    message="folders are not allowed here",
                    hint=f"put each file directly in {directory}/",
                    code="unexpected-folder",
                )
            )
        elif name.endswith(".yaml"):
            problems.append(
                Problem(
                    path=display,
                    message="content files use the .yml extension",
                    hint=f"rename it to {name[:-5]}.yml",
                    code="file-extension",
                )
            )
        elif not name.endswith(".yml"):
            problems.append(
                Problem(
                    path=display,
                    message=f"unexpected file in {kind}/",
                    hint="only <id>.yml files belong here; move or delete it",
                    code="unexpected-file",
                    severity=Severity.WARNING,
                )
            )
        else:
            paths.append(path)
    return paths, problems


def load_file(
    path: Path, model: type[M], *, today: dt.date, timings: dict[str, float] | None = None
) -> Loaded[M]:
    display = str(path)
    stem = path.name[: -len(".yml")] if path.name.endswith(".yml") else path.stem
    started = time.perf_counter()
    text, problems = read_text(path, display)
    if timings is not None:
        timings["read"] += time.perf_counter() - started
    if text is None:
        return Loaded(path, display, stem, None, problems)
    return load_text(text, display, stem, model, today=today, path=path, timings=timings)


def load_text(
    text: str,
    display: str,
    stem: str,
    model: type[M],
    *,
    today: dt.date,
    path: Path | None = None,
    timings: dict[str, float] | None = None,
) -> Loaded[M]:
    """Validate one file's text: YAML, then the schema, then the single-entry rules."""
    unquoted: list[tuple[tuple[str | int, ...], Mark]] = []
    started = time.perf_counter()
    data, problems = parse_yaml(text, display, unquoted)
    if timings is not None:
        timings["read"] += time.perf_counter() - started
    where = path or Path(display)
    if problems:
        return Loaded(where, display, stem, None, problems)
    if not isinstance(data, dict):
        return Loaded(where, display, stem, None, [not_a_mapping(display, text)])
    findings: list[Finding] = [_quote_finding(loc, data) for loc, _ in unquoted if _wants_text(loc)]
    instance: M | None = None
    try:
        instance = model.model_validate(data, context={"today": today})
    except ValidationError as exc:
        findings.extend(findings_from_error(exc, model))
    if data.get("id") not in (None, stem) and isinstance(data.get("id"), str):
        findings.append(
            Finding(
                ("id",),
                f"id '{data['id']}' does not match the file name '{stem}.yml'",
                f"set 'id: {stem}' or rename the file to {data['id']}.yml",
                "id-stem",
            )
        )
    if instance is not None:
        check = rules.check_paper if isinstance(instance, Paper) else rules.check_survey
        findings.extend(check(instance))  # type: ignore[arg-type]
    problems = locate(findings, text, display)
    if any(p.is_error for p in problems):
        return Loaded(where, display, stem, None, problems, raw=data)
    return Loaded(where, display, stem, instance, problems)


# Fields whose values are numbers or booleans; every other scalar is text.
_NON_TEXT_FIELDS = frozenset({"year", "multiple"})


def _wants_text(loc: tuple[str | int, ...]) -> bool:
    return not loc or loc[-1] not in _NON_TEXT_FIELDS


def _quote_finding(loc: tuple[str | int, ...], data: dict[str, object]) -> Finding:
    value: object = data
    for step in loc:
        value = value[step] if isinstance(value, (dict, list)) else None  # type: ignore[index]
    return Finding(
        loc,
        f"unquoted '{value}' reads as a number or boolean in editors and other YAML tools",
        f'write it in quotes: "{value}" (`surveyatlas fmt` does this)',
        "unquoted-text",
        Severity.WARNING,
    )


def locate(findings: Iterable[Finding], text: str, display: str) -> list[Problem]:
    """Give each finding the line and column of what it is about."""
    problems = []
    for finding in findings:
        mark = find_mark(text, finding.loc, key=finding.at_key)
        if finding.at_key and mark is None:
            mark = find_mark(text, finding.loc[:-1])
        line, col = (mark.line, mark.col) if mark else (1, 1)
        problems.append(
            Problem(
                path=display,
                line=line,
                col=col,
                field=format_loc(finding.loc),
                message=finding.message,
                hint=finding.hint,
                severity=finding.severity,
                code=finding.code,
                source=source_line(text, line),
            )
        )
    return problems


def format_loc(loc: tuple[str | int, ...]) -> str:
    out = ""
    for step in loc:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else str(step))
    return out


def load_content(
    content_dir: Path,
    *,
    today: dt.date | None = None,
    cache: ContentCache | None = None,
    fallback: bool = False,
) -> Content:
    """Load and validate every survey and paper, then run the cross-file checks.

    With ``fallback`` (the preview), a file that is broken now but loaded before is
    represented by its last good version, so its pages stay up while it is fixed.
    """
    today = today or dt.date.today()
    content = Content()
    if not content_dir.is_dir():
        content.problems.append(
            Problem(
                path=str(content_dir),
                message="content folder not found",
                hint="run from the repository root or pass --content DIR",
                code="no-content",
            )
        )
        return content
    loaded_by_kind: dict[str, list[Loaded[BaseModel]]] = {}
    all_paths: list[Path] = []
    started = time.perf_counter()
    for kind, model in KINDS.items():
        paths, problems = discover(content_dir, kind)
        content.problems.extend(problems)
        all_paths.extend(paths)
        results = []
        for path in paths:
            loaded = cache.get(path) if cache else None
            if loaded is None:
                loaded = load_file(path, model, today=today, timings=content.timings)
                if cache:
                    cache.put(path, loaded)
            content.problems.extend(loaded.problems)
            if loaded.model is None and fallback and cache:
                previous = cache.last_good(path)
                if previous is not None:
                    content.stale.append(loaded.display)
                    loaded = previous
            results.append(loaded)
        loaded_by_kind[kind] = results
    if cache:
        cache.forget_missing(all_paths)
    for loaded in loaded_by_kind["surveys"]:
        _admit(content, "surveys", loaded)
    for loaded in loaded_by_kind["papers"]:
        _admit(content, "papers", loaded)
    content.problems.extend(checks.check_content(content, reader=_reread))
    content.problems.sort(key=Problem.sort_key)
    # Everything that was not reading was validating (discovery counts as reading).
    content.timings["validate"] = time.perf_counter() - started - content.timings["read"]
    return content


def _admit(content: Content, kind: str, loaded: Loaded[BaseModel]) -> None:
    if loaded.model is None:
        content.failed.setdefault(kind, set()).add(loaded.stem)
        if kind == "papers" and loaded.raw is not None:
            content.partial_papers[loaded.display] = loaded.raw
        return
    model = loaded.model
    item_id = model.id  # type: ignore[attr-defined]
    content.files[(kind, item_id)] = loaded.display
    if kind == "surveys":
        content.surveys[item_id] = model  # type: ignore[assignment]
    else:
        content.papers[item_id] = model  # type: ignore[assignment]


def _reread(display: str) -> str:
    text, _ = read_text(Path(display), display)
    return text or ""


__all__ = ["Content", "ContentCache", "Loaded", "decode", "load_content", "load_file", "load_text"]
