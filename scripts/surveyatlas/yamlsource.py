"""Reading content files: bytes to plain Python data, strictly and safely.

Content comes from pull requests, so this module trusts nothing:

* the file must be a regular file (no symlink), under a size cap, valid UTF-8;
* YAML is read by libyaml's event parser (fast, and no recursion in C, so deep
  nesting cannot crash the interpreter); we build the values ourselves;
* every scalar stays the string that was written: ``2301.10010``, ``NO``, ``0123``
  and ``1:20`` are never turned into numbers or booleans (YAML 1.1 would);
  only a plain ``null``, ``~`` or nothing means "no value";
* duplicate keys, anchors and aliases, explicit tags and multiple documents are errors.

Positions are not recorded while loading (that would slow every build); when a
problem needs one, :func:`find_mark` re-reads the text and walks to it.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from .problems import Problem

# libyaml when available; the pure-Python parser gives the same events, only slower.
_Loader: Any = getattr(yaml, "CBaseLoader", yaml.BaseLoader)

MAX_FILE_BYTES = 256 * 1024
MAX_DEPTH = 24
NULL_WORDS = frozenset({"", "~", "null", "Null", "NULL"})

# Plain scalars that YAML 1.2 (what editors use) reads as numbers or booleans.
_YAML12_NOT_TEXT = re.compile(
    r"[-+]?(?:[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|\.inf|\.Inf|\.INF)|\.nan|\.NaN|\.NAN|true|True|TRUE|false|False|FALSE"
)
# C0 controls except tab, LF and CR; DEL; C1 controls.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# The line breaks libyaml counts when it numbers lines.
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
# What a printed source line must not carry: controls (tab aside), bidi controls.
_UNSHOWABLE = re.compile(
    r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)

Loc = tuple[str | int, ...]


class Mark(NamedTuple):
    line: int  # 1-based
    col: int  # 1-based


class _Stop(Exception):
    """Raised inside the builder to abandon a file after its first YAML-level problem."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem


def source_line(text: str, line: int) -> str:
    """The line as a report may print it: characters that could drive a terminal or
    reorder the text (escape sequences, bidi controls) are shown as U+FFFD, one for one,
    so the caret under the line still points at the right column."""
    lines = _LINE_BREAK.split(text)
    if not 0 < line <= len(lines):
        return ""
    return _UNSHOWABLE.sub("\ufffd", lines[line - 1])


def not_a_mapping(display: str, text: str) -> Problem:
    """The problem of a content file whose top level is not ``key: value`` pairs."""
    return Problem(
        path=display,
        line=1,
        col=1,
        message="expected a mapping of keys to values at the top of the file",
        hint="start each line with 'key: value', e.g. 'title: ...'",
        code="not-a-mapping",
        source=source_line(text, 1),
    )


def _problem(
    display: str, text: str, line: int, col: int, message: str, hint: str, code: str
) -> Problem:
    return Problem(
        path=display,
        line=line,
        col=col,
        message=message,
        hint=hint,
        code=code,
        source=source_line(text, line) if line else "",
    )


def read_text(path: Path, display: str) -> tuple[str | None, list[Problem]]:
    """Read a content file as text, refusing what a content file must never be."""

    def fail(message: str, hint: str, code: str) -> tuple[None, list[Problem]]:
        return None, [Problem(path=display, message=message, hint=hint, code=code)]

    try:
        info = os.lstat(path)
    except OSError as exc:
        return fail(f"cannot read file: {exc.strerror}", "check the path and permissions", "io")
    if stat.S_ISLNK(info.st_mode):
        return fail(
            "symbolic links are not allowed in content",
            "replace the link with the file itself",
            "file-symlink",
        )
    if not stat.S_ISREG(info.st_mode):
        return fail("not a regular file", "content holds only .yml files", "file-type")
    if info.st_size > MAX_FILE_BYTES:
        return fail(
            f"file is {info.st_size} bytes, over the {MAX_FILE_BYTES // 1024} KiB limit",
            "a paper or survey file is a few KiB; split or shorten it",
            "file-too-large",
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        return fail(f"cannot read file: {exc.strerror}", "check the permissions", "io")
    return decode(data, display)


def decode(data: bytes, display: str) -> tuple[str | None, list[Problem]]:
    """Strict UTF-8 (a leading BOM is allowed and dropped); no control characters."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        col = len(before) - (before.rfind(b"\n") + 1) + 1
        return None, [
            Problem(
                path=display,
                line=line,
                col=col,
                message=f"not valid UTF-8 (byte 0x{data[exc.start]:02x})",
                hint="save the file with UTF-8 encoding",
                code="file-encoding",
            )
        ]
    match = _CONTROL.search(text)
    if match:
        line = text.count("\n", 0, match.start()) + 1
        col = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
        return None, [
            _problem(
                display,
                text,
                line,
                col,
                f"control character U+{ord(match.group()):04X} is not allowed",
                "delete the invisible character (retype the text around it)",
                "file-control-char",
            )
        ]
    return text, []


def parse_yaml(
    text: str, display: str, unquoted: list[tuple[Loc, Mark]] | None = None
) -> tuple[Any, list[Problem]]:
    """Parse one YAML document into dicts, lists, strings and None.

    If ``unquoted`` is given, it receives the location of every plain scalar that
    other YAML tools (editors, YAML 1.2) would read as a number or boolean.
    """
    try:
        builder = _Builder(text, display, want=None, unquoted=unquoted)
        value = builder.run()
    except _Stop as stop:
        return None, [stop.problem]
    except yaml.MarkedYAMLError as exc:
        return None, [_syntax_problem(exc, text, display)]
    except yaml.YAMLError as exc:  # reader errors carry no mark
        message = str(exc).splitlines()[0] if str(exc) else "cannot parse YAML"
        return None, [Problem(path=display, message=message, code="yaml-syntax")]
    if builder.empty:
        return None, [
            Problem(
                path=display,
                message="file is empty",
                hint="write the entry's fields, or delete the file",
                code="file-empty",
            )
        ]
    return value, []


def find_mark(text: str, loc: Sequence[str | int], *, key: bool = False) -> Mark | None:
    """Where the value (or, with ``key=True``, the key) at ``loc`` starts.

    Walks as far along ``loc`` as the document goes, so a missing key reports
    the mapping that should have held it.
    """
    builder = _Builder(text, "", want=tuple(loc), want_key=key)
    with contextlib.suppress(_Stop, yaml.YAMLError):  # the walk up to the error is enough
        builder.run()
    return builder.found


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str, display: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else 0
    col = mark.column + 1 if mark else 0
    problem = exc.problem or "cannot parse YAML"
    src = source_line(text, line)
    if "\t" in src[: max(col, 1)] or "'\\t'" in problem:
        return _problem(
            display,
            text,
            line,
            col,
            "tab character used for indentation",
            "YAML indents with spaces only; replace the tab with spaces",
            "yaml-tab",
        )
    # After '...' or a second '---', libyaml says it expected a document start.
    if "expected a single document" in (exc.context or "") + problem or (
        "expected <document start>" in problem
    ):
        return _problem(
            display,
            text,
            line,
            col,
            "more than one YAML document in the file",
            "remove the '---' separator: a file holds exactly one entry",
            "yaml-multi-doc",
        )
    context = f" {exc.context}" if exc.context else ""
    return _problem(
        display,
        text,
        line,
        col,
        f"YAML syntax error: {problem}{context}",
        "check indentation and quoting on this line or the one before it",
        "yaml-syntax",
    )


class _Builder:
    """Turns libyaml events into values with an explicit stack (no recursion)."""

    def __init__(
        self,
        text: str,
        display: str,
        want: Loc | None,
        want_key: bool = False,
        unquoted: list[tuple[Loc, Mark]] | None = None,
    ) -> None:
        self.unquoted = unquoted
        self.text = text
        self.display = display
        self.want = want
        self.want_key = want_key
        self.found: Mark | None = None
        self.empty = True

    def stop(self, mark: Any, message: str, hint: str, code: str) -> _Stop:
        line, col = mark.line + 1, mark.column + 1
        return _Stop(_problem(self.display, self.text, line, col, message, hint, code))

    def run(self) -> Any:
        # Each frame: [container, pending_key, path, key_marks]
        stack: list[list[Any]] = []
        root: Any = None
        documents = 0
        want = self.want
        events: Iterator[Any] = yaml.parse(self.text, Loader=_Loader)  # typed loosely by PyYAML
        for event in events:
            kind = type(event)
            if kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise self.stop(
                        event.start_mark,
                        "more than one YAML document in the file",
                        "remove the '---' separator: a file holds exactly one entry",
                        "yaml-multi-doc",
                    )
                continue
            if kind in (yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentEndEvent):
                continue
            if kind is yaml.AliasEvent:
                raise self.stop(
                    event.start_mark,
                    f"alias '*{event.anchor}' is not allowed",
                    "write the value out in full; anchors and aliases are not supported",
                    "yaml-alias",
                )
            if kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                frame = stack.pop()
                value = frame[0]
                if not stack:
                    root = value
                else:
                    self._attach(stack, value)
                continue
            self.empty = False
            if getattr(event, "anchor", None):
                raise self.stop(
                    event.start_mark,
                    f"anchor '&{event.anchor}' is not allowed",
                    "write the value out in full; anchors and aliases are not supported",
                    "yaml-anchor",
                )
            if event.tag is not None:
                raise self.stop(
                    event.start_mark,
                    f"explicit tag '{event.tag}' is not allowed",
                    "remove the tag; values are plain text, lists and mappings",
                    "yaml-tag",
                )
            if kind is yaml.ScalarEvent:
                if stack and isinstance(stack[-1][0], dict) and stack[-1][1] is None:
                    self._take_key(stack, event)
                    continue
                value = event.value
                if event.style == "":
                    if value in NULL_WORDS:
                        value = None
                    elif self.unquoted is not None and _YAML12_NOT_TEXT.fullmatch(value):
                        mark = event.start_mark
                        self.unquoted.append(
                            (self._child_path(stack), Mark(mark.line + 1, mark.column + 1))
                        )
                if want is not None:
                    self._note(stack, event.start_mark)
                if not stack:
                    root = value
                else:
                    self._attach(stack, value)
                continue
            # A mapping or sequence starts.
            if len(stack) >= MAX_DEPTH:
                raise self.stop(
                    event.start_mark,
                    f"nesting deeper than {MAX_DEPTH} levels",
                    "content files are shallow; check the indentation",
                    "yaml-depth",
                )
            if stack and isinstance(stack[-1][0], dict) and stack[-1][1] is None:
                raise self.stop(
                    event.start_mark,
                    "a mapping key must be plain text",
                    "write keys as 'name: value'",
                    "yaml-complex-key",
                )
            if want is not None:
                self._note(stack, event.start_mark)
            container: Any = {} if kind is yaml.MappingStartEvent else []
            path = self._child_path(stack)
            stack.append([container, None, path, {}])
        return root

    def _take_key(self, stack: list[list[Any]], event: Any) -> None:
        frame = stack[-1]
        key = event.value
        first = frame[3].get(key)
        if first is not None:
            raise self.stop(
                event.start_mark,
                f"duplicate key '{key}' (first at line {first.line + 1})",
                "each key may appear once; merge the two entries",
                "yaml-duplicate-key",
            )
        frame[3][key] = event.start_mark
        frame[1] = key
        if self.want is not None and self.want_key and frame[2] + (key,) == self.want:
            self.found = Mark(event.start_mark.line + 1, event.start_mark.column + 1)

    def _child_path(self, stack: list[list[Any]]) -> Loc:
        if not stack:
            return ()
        frame = stack[-1]
        container = frame[0]
        step = frame[1] if isinstance(container, dict) else len(container)
        return frame[2] + (step,)

    def _note(self, stack: list[list[Any]], mark: Any) -> None:
        """Record the deepest position along the wanted path seen so far."""
        assert self.want is not None
        path = self._child_path(stack)
        on_the_way = len(path) <= len(self.want) and self.want[: len(path)] == path
        if on_the_way and not (self.want_key and path == self.want):
            self.found = Mark(mark.line + 1, mark.column + 1)

    def _attach(self, stack: list[list[Any]], value: Any) -> None:
        frame = stack[-1]
        container = frame[0]
        if isinstance(container, dict):
            container[frame[1]] = value
            frame[1] = None
        else:
            container.append(value)
