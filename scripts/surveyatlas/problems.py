"""Problems found in content, and how they are reported.

Every stage that reads user input returns problems instead of raising, so one run
can report every mistake at once. A problem knows where it is (path, line, column),
which field it concerns, what is wrong and how to fix it.
"""

from __future__ import annotations

import enum
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"


class ExitCode(enum.IntEnum):
    """Exit codes shared by every command, so scripts can tell failures apart."""

    OK = 0
    INVALID = 1  # content failed validation
    USAGE = 2  # bad command line (argparse uses 2 as well)
    NETWORK = 3  # a remote service was unreachable or answered with an error
    IO = 4  # a file could not be read or written


@dataclass(frozen=True)
class Problem:
    path: str
    message: str
    line: int = 0  # 1-based; 0 when the problem concerns the whole file
    col: int = 0  # 1-based; 0 when unknown
    field: str = ""  # dotted location, e.g. "links.code" or "topics[2]"
    hint: str = ""
    severity: Severity = Severity.ERROR
    code: str = ""  # stable rule name, e.g. "date-format"
    source: str = ""  # the offending source line, without its newline

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.line, self.col, self.field, self.message)

    def location(self) -> str:
        if self.line:
            return f"{self.path}:{self.line}:{self.col or 1}"
        return self.path

    def headline(self) -> str:
        where = self.location()
        label = f"{self.field}: " if self.field else ""
        prefix = "warning: " if self.severity is Severity.WARNING else ""
        return f"{where}: {prefix}{label}{self.message}"

    def to_dict(self) -> dict[str, object]:
        data = asdict(self)
        data["severity"] = self.severity.value
        return data


@dataclass
class Report:
    """All problems of one run, sorted the way a reader scans files."""

    problems: list[Problem] = field(default_factory=list)

    def extend(self, problems: Iterable[Problem]) -> None:
        self.problems.extend(problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    def sorted(self) -> list[Problem]:
        return sorted(set(self.problems), key=Problem.sort_key)

    def failed(self, *, strict: bool = False) -> bool:
        return bool(self.errors) or (strict and bool(self.warnings))


# Shown as U+FFFD in text reports: terminal controls and bidi controls that content
# could use to rewrite or reorder what a reviewer reads in a terminal or a CI log.
_UNSHOWABLE = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)


def format_problem(problem: Problem) -> str:
    """The text form: a headline, the source line with a caret, and the hint."""
    lines = [_UNSHOWABLE.sub("\ufffd", problem.headline())]
    if problem.line and problem.source:
        number = str(problem.line)
        gutter = " " * len(number)
        shown = problem.source.expandtabs(1)
        lines.append(f"  {number} | {shown}")
        if problem.col:
            lines.append(f"  {gutter} | {' ' * (problem.col - 1)}^")
    if problem.hint:
        lines.append(f"  hint: {problem.hint}")
    return "\n".join(lines)


def summarise(problems: Sequence[Problem]) -> str:
    errors = sum(1 for p in problems if p.is_error)
    warnings = len(problems) - errors
    files = len({p.path for p in problems})
    if not problems:
        return "no problems found"
    parts = [_plural(errors, "error"), _plural(warnings, "warning")]
    return f"{', '.join(parts)} in {_plural(files, 'file')}"


def format_text(problems: Sequence[Problem]) -> str:
    blocks = [format_problem(p) for p in problems]
    blocks.append(summarise(problems))
    return "\n".join(blocks) + "\n"


def format_json(problems: Sequence[Problem]) -> str:
    payload = {
        "errors": sum(1 for p in problems if p.is_error),
        "warnings": sum(1 for p in problems if not p.is_error),
        "problems": [p.to_dict() for p in problems],
    }
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"
