"""``surveyatlas fmt``: rewrite content files in the canonical layout (or check they are)."""

from __future__ import annotations

import argparse
import difflib
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from ..errors import UsageError
from ..loader import discover
from ..output import atomic_write
from ..problems import ExitCode, Problem, format_problem
from ..yamlsource import read_text
from ..yamlwrite import FormatError, Kind, format_document
from .common import add_content_option

KIND_OF_FOLDER: dict[str, Kind] = {"papers": "paper", "surveys": "survey"}
# Shown as U+FFFD in diffs: characters that could rewrite what a reviewer sees in a log.
_UNSHOWABLE = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "fmt",
        help="put content files in the canonical layout",
        description="Rewrite paper and survey files in the canonical layout: schema comment "
        "first, keys in schema order, block style, consistent quoting. Comments are kept and "
        "no value changes meaning. With --check, print a diff and exit 1 instead of writing.",
    )
    parser.add_argument(
        "paths", nargs="*", type=Path, metavar="PATH", help="files or folders (default: all)"
    )
    parser.add_argument(
        "--check", action="store_true", help="change nothing; exit 1 if a file is not canonical"
    )
    add_content_option(parser)
    parser.set_defaults(run=run)


@dataclass
class Outcome:
    path: Path
    before: bytes
    after: str | None  # None when the file could not be formatted
    problems: list[Problem]

    @property
    def changed(self) -> bool:
        return self.after is not None and self.after.encode("utf-8") != self.before


def run(args: argparse.Namespace) -> int:
    targets = collect(args.paths, args.content)
    outcomes = [format_file(path, kind) for path, kind in targets]
    failed = [o for o in outcomes if o.problems]
    changed = [o for o in outcomes if o.changed]
    for outcome in failed:
        for problem in outcome.problems:
            print(format_problem(problem), file=sys.stderr)
    if args.check:
        for outcome in changed:
            sys.stdout.write(show_diff(outcome))
        print(summary(len(outcomes), len(changed), len(failed), checking=True), file=sys.stderr)
        return ExitCode.INVALID if changed or failed else ExitCode.OK
    if failed:
        print(f"{len(failed)} file(s) cannot be formatted; nothing was written", file=sys.stderr)
        return ExitCode.INVALID
    for outcome in changed:
        assert outcome.after is not None
        atomic_write(outcome.path, outcome.after, expect=outcome.before)
        print(f"reformatted {outcome.path}")
    print(summary(len(outcomes), len(changed), 0, checking=False), file=sys.stderr)
    return ExitCode.OK


def collect(paths: list[Path], content: Path) -> list[tuple[Path, Kind]]:
    """The files to format, each with its kind, from the arguments or the content folder."""
    roots = paths or [content / folder for folder in KIND_OF_FOLDER]
    if not paths and not content.is_dir():
        raise UsageError(f"content folder not found: {content} (pass --content or PATHS)")
    found: list[tuple[Path, Kind]] = []
    for root in roots:
        if root.is_dir():
            if root.name in KIND_OF_FOLDER:
                files, _ = discover(root.parent, root.name)
                found += [(path, KIND_OF_FOLDER[root.name]) for path in files]
            else:
                for folder, kind in KIND_OF_FOLDER.items():
                    files, _ = discover(root, folder)
                    found += [(path, kind) for path in files]
        elif root.exists() or root.is_symlink():
            found.append((root, kind_of(root)))
        else:
            raise UsageError(f"no such file or folder: {root}")
    return list(dict.fromkeys(found))


def kind_of(path: Path) -> Kind:
    kind = KIND_OF_FOLDER.get(path.parent.name)
    if kind is None or path.suffix != ".yml":
        raise UsageError(
            f"{path}: only .yml files in a papers/ or surveys/ folder can be formatted"
        )
    return kind


def format_file(path: Path, kind: Kind) -> Outcome:
    display = str(path)
    text, problems = read_text(path, display)
    if text is None:
        return Outcome(path, b"", None, problems)
    before = path.read_bytes()
    try:
        return Outcome(path, before, format_document(text, kind, display=display), [])
    except FormatError as exc:
        found = exc.problems or [Problem(path=display, message=str(exc), code="fmt")]
        return Outcome(path, before, None, found)


def show_diff(outcome: Outcome) -> str:
    assert outcome.after is not None
    old = outcome.before.decode("utf-8", "replace").splitlines(keepends=True)
    new = outcome.after.splitlines(keepends=True)
    name = str(outcome.path)
    lines = difflib.unified_diff(old, new, f"{name} (as written)", f"{name} (canonical)")
    text = "".join(line if line.endswith("\n") else line + "\n" for line in lines)
    return _UNSHOWABLE.sub("\ufffd", text)


def summary(total: int, changed: int, failed: int, *, checking: bool) -> str:
    verb = "would be reformatted" if checking else "reformatted"
    parts = [f"{changed} of {total} file{'s' if total != 1 else ''} {verb}"]
    if failed:
        parts.append(f"{failed} could not be read")
    return ", ".join(parts)
