"""``surveyatlas pr-summary``: Markdown listing the papers a change adds, changes or removes."""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

from ..errors import FileError, UsageError
from ..problems import ExitCode
from ..prsummary import Change, render_summary
from .common import add_content_option

# A revision as people and CI write them (HEAD^1, origin/main, a SHA); never an option.
_REF = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/^~@{}+-]{0,199}")
_STATUS = {"A": "added", "M": "changed", "D": "removed", "R": "changed", "C": "added"}


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "pr-summary",
        help="Markdown summary of the content a change adds or edits",
        description="Compare the working tree with a git revision and print, as Markdown, "
        "the papers added, changed and removed (with their topics and what still needs "
        "work) and the surveys changed. CI appends it to the job summary.",
    )
    parser.add_argument(
        "--base",
        required=True,
        metavar="REF",
        help="the revision to compare with, e.g. origin/main or HEAD^1",
    )
    add_content_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    base: str = args.base
    if not _REF.fullmatch(base) or ".." in base:
        raise UsageError(f"not a git revision: '{base}'")
    root = Path(_git("rev-parse", "--show-toplevel").strip())
    try:
        content = args.content.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        raise UsageError(f"{args.content} is not inside the repository {root}") from None
    try:
        _git("rev-parse", "--verify", "--quiet", f"{base}^{{commit}}", cwd=root)
    except FileError:
        raise UsageError(f"unknown git revision '{base}' (in CI, fetch it first)") from None
    patterns = [f"{content}/papers/*.yml", f"{content}/surveys/*.yml"]
    changes = parse_name_status(
        _git("diff", "--name-status", "-z", "--find-renames", base, "--", *patterns, cwd=root)
    )
    # Files not yet added to git count as added (a local run before committing).
    untracked = _git("ls-files", "-z", "--others", "--exclude-standard", "--", *patterns, cwd=root)
    changes += [Change("added", path) for path in untracked.split("\0") if path]

    def read_base(path: str) -> str | None:
        try:
            return _git("show", f"{base}:{path}", cwd=root)
        except FileError:
            return None

    sys.stdout.write(render_summary(changes, root, read_base))
    return ExitCode.OK


def parse_name_status(output: str) -> list[Change]:
    """Changes from ``git diff --name-status -z`` (renames carry two paths)."""
    fields = output.split("\0")
    changes: list[Change] = []
    index = 0
    while index < len(fields) and fields[index]:
        letter = fields[index][0]
        if letter in "RC":
            old, new = fields[index + 1], fields[index + 2]
            changes.append(Change(_STATUS[letter], new, old if letter == "R" else None))
            index += 3
        else:
            changes.append(Change(_STATUS.get(letter, "changed"), fields[index + 1]))
            index += 2
    return changes


def _git(*argv: str, cwd: Path | None = None) -> str:
    try:
        done = subprocess.run(["git", *argv], cwd=cwd, capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise FileError("git is not installed") from None
    if done.returncode:
        reason = (done.stderr.strip().splitlines() or ["failed"])[-1]
        raise FileError(f"git {argv[0]}: {reason}")
    return done.stdout
