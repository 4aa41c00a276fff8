"""Finding the comments in a YAML file and the entries they belong to.

A comment is attached to an entry so it survives reordering and edits:

* full-line comments lead the next entry (a mapping key or a list item) below them;
* an end-of-line comment follows the last value that ends before it on its line.

Entries are named by *stable paths*: mapping keys, and for list items the item's
text or its ``id`` (so a comment stays with ``- mm-llms/models`` when other topics
are added above it), falling back to the position only for other items.

Comments are found from libyaml's tokens: whatever on a line is not inside a token and
starts with ``#`` after a space is a comment. Nothing here guesses from indentation.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml

_Loader: Any = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
# The line breaks libyaml counts, so line numbers agree with its marks.
LINE_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")
SCHEMA_COMMENT = re.compile(r"#\s*yaml-language-server:")

Step = str | tuple[str, object, int]
StablePath = tuple[Step, ...]
IndexPath = tuple[str | int, ...]


@dataclass
class Notes:
    """The comments of one entry: full lines before it, and one at the end of its line."""

    lead: list[str] = field(default_factory=list)
    eol: str | None = None
    eol_col: int = 0  # the column the end-of-line comment started at


@dataclass
class Comments:
    by_path: dict[StablePath, Notes] = field(default_factory=dict)
    trailer: list[str] = field(default_factory=list)  # after the last entry
    found: Counter[str] = field(default_factory=Counter)  # every comment read, by text

    def notes(self, path: StablePath) -> Notes:
        return self.by_path.setdefault(path, Notes())

    def texts(self) -> Counter[str]:
        """Every comment's text, for checking that none was lost."""
        found: Counter[str] = Counter(self.trailer)
        for notes in self.by_path.values():
            found.update(notes.lead)
            if notes.eol is not None:
                found[notes.eol] += 1
        return found


@dataclass(frozen=True)
class _Anchor:
    start: tuple[int, int]
    end: tuple[int, int]
    path: IndexPath
    leads: bool  # whether a comment above can belong to it


def item_step(items: list[Any], index: int) -> Step:
    """The stable name of ``items[index]``: its text, its id, or its position."""
    item = items[index]
    if isinstance(item, str):
        return ("=", item, sum(1 for other in items[:index] if other == item))
    if isinstance(item, dict) and isinstance(item.get("id"), str):
        same = sum(
            1
            for other in items[:index]
            if isinstance(other, dict) and other.get("id") == item["id"]
        )
        return ("id", item["id"], same)
    return ("#", index, 0)


def stable_path(data: Any, path: IndexPath) -> StablePath:
    steps: list[Step] = []
    node = data
    for step in path:
        if isinstance(step, int):
            steps.append(item_step(node, step))
        else:
            steps.append(step)
        node = node[step]
    return tuple(steps)


def find_comments(text: str, data: Any) -> Comments:
    """The comments of ``text`` (already parsed into ``data``), attached to entries."""
    lines = LINE_BREAK.split(text)
    tokens: list[Any] = list(yaml.scan(text, Loader=_Loader))
    anchors = _anchors(text)
    comments = Comments()
    covered = _covered(tokens, lines)
    for number, line in enumerate(lines):
        col = _comment_start(line, covered.get(number, []))
        if col is None:
            continue
        body = line[col:].rstrip()
        if SCHEMA_COMMENT.match(body):
            continue  # the formatter writes its own schema line
        comments.found[body] += 1
        own_line = not line[:col].strip()
        owner = None if own_line else _eol_owner(anchors, number, col)
        if owner is not None:
            notes = comments.notes(stable_path(data, owner.path))
            if notes.eol is None:
                notes.eol, notes.eol_col = body, col
                continue
        following = next((a for a in anchors if a.leads and a.start[0] > number), None)
        if following is None:
            comments.trailer.append(body)
        else:
            comments.notes(stable_path(data, following.path)).lead.append(body)
    return comments


def count_comments(text: str) -> Counter[str]:
    """Comment texts in ``text`` (schema line excluded), whatever they are attached to."""
    lines = LINE_BREAK.split(text)
    tokens: list[Any] = list(yaml.scan(text, Loader=_Loader))
    covered = _covered(tokens, lines)
    found: Counter[str] = Counter()
    for number, line in enumerate(lines):
        col = _comment_start(line, covered.get(number, []))
        if col is not None and not SCHEMA_COMMENT.match(line[col:]):
            found[line[col:].rstrip()] += 1
    return found


def _covered(tokens: list[Any], lines: list[str]) -> dict[int, list[tuple[int, int]]]:
    """Column ranges of each line taken by scalar tokens (comments cannot start there)."""
    ranges: dict[int, list[tuple[int, int]]] = {}
    for token in tokens:
        if not isinstance(token, yaml.ScalarToken):
            continue
        (l1, c1), (l2, c2) = (
            (token.start_mark.line, token.start_mark.column),
            (token.end_mark.line, token.end_mark.column),
        )
        if token.style in ("|", ">"):
            header = lines[l1][c1:]
            width = len(header) - len(header.lstrip("|>+-0123456789"))
            ranges.setdefault(l1, []).append((c1, c1 + width))
            l1, c1 = l1 + 1, 0  # a comment may follow the block's header
        for number in range(l1, l2 + 1):
            start = c1 if number == l1 else 0
            end = c2 if number == l2 else len(lines[number]) if number < len(lines) else 0
            ranges.setdefault(number, []).append((start, end))
    return ranges


def _comment_start(line: str, taken: list[tuple[int, int]]) -> int | None:
    col = line.find("#")
    while col != -1:
        inside = any(start <= col < end for start, end in taken)
        if not inside and (col == 0 or line[col - 1] in " \t"):
            return col
        col = line.find("#", col + 1)
    return None


def _eol_owner(anchors: list[_Anchor], line: int, col: int) -> _Anchor | None:
    best = None
    for anchor in anchors:
        if (
            anchor.end[0] == line
            and anchor.end[1] <= col
            and (best is None or anchor.end >= best.end)
        ):
            best = anchor
    return best


def _anchors(text: str) -> list[_Anchor]:
    """Every key, scalar and list item with its position and index path, in file order."""
    anchors: list[_Anchor] = []
    # Each frame: [is_mapping, path, pending key or None, item count, start mark, flow]
    stack: list[list[Any]] = []
    events: Iterator[Any] = yaml.parse(text, Loader=_Loader)  # typed loosely by PyYAML
    for event in events:
        kind = type(event)
        start = (event.start_mark.line, event.start_mark.column)
        end = (event.end_mark.line, event.end_mark.column)
        if kind in (yaml.MappingEndEvent, yaml.SequenceEndEvent):
            frame = stack.pop()
            if frame[5]:  # a flow collection ends at its bracket: comments can follow it
                anchors.append(_Anchor(frame[4], end, frame[1], leads=False))
            if stack:
                _advance(stack[-1])
            continue
        if kind not in (yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent):
            continue
        parent = stack[-1] if stack else None
        if parent is not None and parent[0] and parent[2] is None:  # a key
            assert kind is yaml.ScalarEvent
            parent[2] = event.value
            anchors.append(_Anchor(start, end, (*parent[1], event.value), leads=True))
            continue
        path: IndexPath = ()
        in_sequence = False
        if parent is not None:
            in_sequence = not parent[0]
            path = (*parent[1], parent[3] if in_sequence else parent[2])
        if kind is yaml.ScalarEvent:
            anchors.append(_Anchor(start, end, path, leads=True))
            if parent is not None:
                _advance(parent)
            continue
        if in_sequence:
            anchors.append(_Anchor(start, start, path, leads=True))
        stack.append([kind is yaml.MappingStartEvent, path, None, 0, start, event.flow_style])
    return anchors


def _advance(frame: list[Any]) -> None:
    if frame[0]:
        frame[2] = None
    else:
        frame[3] += 1
