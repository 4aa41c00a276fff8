"""Writing content files in the canonical layout, keeping every comment.

The canonical form (``CONTRIBUTING.md`` describes it for people):

* first line ``# yaml-language-server: $schema=../schemas/<kind>.schema.json``;
* keys in the schema's field order, unknown keys after them in their original order;
* block mappings and lists, indented by two spaces (``  - item``); ``[]`` and ``{}``
  only for empty collections;
* strings plain when every YAML reader takes them back as the same string, otherwise
  double-quoted (arXiv ids always quoted); text with line breaks as a ``|`` block;
  no line wrapping;
* no blank lines; comments kept with the entry they belong to (see
  :mod:`surveyatlas.yamlcomments`); an end-of-line comment keeps its column when the
  line still fits before it, otherwise it sits two spaces after the value;
* LF line endings, no BOM, no trailing spaces, one newline at the end.

Every result is read back with the project's strict reader and compared with what
was meant; if the two differ, nothing is written and :class:`FormatError` says why.
"""

from __future__ import annotations

import copy
import types
import typing
from collections import Counter
from collections.abc import Callable, Mapping, MutableMapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel

from .errors import AtlasError, FileError
from .output import atomic_write
from .problems import Problem
from .schema import Paper, Survey
from .yamlcomments import Comments, Notes, StablePath, count_comments, find_comments, item_step
from .yamlsource import decode, not_a_mapping, parse_yaml
from .yamlstyle import as_loaded, literal_lines, scalar_text

Kind = Literal["paper", "survey"]
MODELS: dict[str, type[BaseModel]] = {"paper": Paper, "survey": Survey}
ALWAYS_QUOTED = frozenset({"arxiv"})
INDENT = 2


class FormatError(AtlasError):
    """The text cannot be formatted safely: it does not parse, or formatting would
    change a value or lose a comment. ``problems`` locate what is wrong."""

    def __init__(self, message: str, problems: list[Problem] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []


def schema_comment(kind: Kind) -> str:
    return f"# yaml-language-server: $schema=../schemas/{kind}.schema.json"


def new_document(data: Mapping[str, Any], kind: Kind) -> str:
    """Canonical YAML text for a new entry (schema comment line first, keys in schema order)."""
    return _emit_checked(dict(data), kind, Comments(), "<new entry>", Counter())


def format_document(text: str, kind: Kind, *, display: str = "<text>") -> str:
    """The canonical form of an existing file's text, keeping every comment; idempotent;
    raises FormatError if the result would not load to exactly the same data."""
    data, comments = _read(text, kind, display)
    return _emit_checked(data, kind, comments, display, comments.found, original=text)


def update_document(
    path: Path, mutate: Callable[[MutableMapping[str, Any]], None], kind: Kind
) -> bool:
    """Round-trip edit: load keeping comments, apply ``mutate``, write the canonical form
    atomically, refusing (FileExistsError or a FileError) if the file changed on disk
    between read and write. Returns whether the file changed.

    When ``mutate`` changes nothing, the file is not touched (not even reformatted)."""
    display = str(path)
    if path.is_symlink():
        raise FileError(f"{display}: is a symbolic link; content files must be real files")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise FileError(f"{display}: cannot read: {exc.strerror}") from exc
    text, problems = decode(raw, display)
    if text is None:
        raise FormatError(problems[0].headline(), problems)
    data, comments = _read(text, kind, display)
    before = copy.deepcopy(data)
    mutate(data)
    if data == before:
        return False  # nothing to change: the file is left exactly as it is
    new_text = _emit_checked(data, kind, comments, display, comments.found)
    if new_text.encode("utf-8") == raw:
        return False
    atomic_write(path, new_text, expect=raw)
    return True


def _read(text: str, kind: Kind, display: str) -> tuple[dict[str, Any], Comments]:
    text = text.removeprefix("\ufeff")
    data, problems = parse_yaml(text, display)
    if problems:
        raise FormatError(problems[0].headline(), problems)
    if not isinstance(data, dict):
        problem = not_a_mapping(display, text)
        raise FormatError(problem.headline(), [problem])
    return data, find_comments(text, data)


def _emit_checked(
    data: dict[str, Any],
    kind: Kind,
    comments: Comments,
    display: str,
    expected: Counter[str],
    original: str | None = None,
) -> str:
    text = emit(data, kind, comments)
    if text == original:
        return text  # already canonical: the text is its own proof (most files, most runs)
    reread, problems = parse_yaml(text, display)
    if problems or reread != as_loaded(data):
        raise FormatError(
            f"{display}: formatting would change the data; the file was left as it is "
            "(please report this)"
        )
    if count_comments(text) != expected:
        raise FormatError(f"{display}: formatting would lose a comment; the file was left as it is")
    return text


# --------------------------------------------------------------------------- emitting


@dataclass
class _Line:
    indent: int
    text: str
    comment: bool = False
    eol: str | None = None
    eol_col: int = 0

    def render(self) -> str:
        base = " " * self.indent + self.text
        if self.eol is None:
            return base
        gap = self.eol_col - len(base) if self.eol_col > len(base) else 2
        return base + " " * gap + self.eol


def emit(data: Mapping[str, Any], kind: Kind, comments: Comments | None = None) -> str:
    """The canonical text of ``data`` with ``comments`` placed by their stable paths.

    Comments whose entry no longer exists go to the closest entry that does, so an
    edit never drops one.
    """
    comments = _rehome(data, comments or Comments())
    emitter = _Emitter(comments)
    lines = emitter.mapping(data, (), MODELS[kind], 0)
    out = [schema_comment(kind), *(line.render() for line in lines), *comments.trailer]
    return "\n".join(out) + "\n"


class _Emitter:
    def __init__(self, comments: Comments) -> None:
        self.comments = comments

    def notes(self, path: StablePath) -> Notes:
        return self.comments.by_path.get(path) or Notes()

    def mapping(
        self, data: Mapping[str, Any], path: StablePath, model: type[BaseModel] | None, indent: int
    ) -> list[_Line]:
        lines: list[_Line] = []
        for key in ordered_keys(data, model):
            here = (*path, key)
            notes = self.notes(here)
            lines += [_Line(indent, text, comment=True) for text in notes.lead]
            value = data[key]
            head = f"{scalar_text(key)}:"
            child_model, plain_ok = field_info(model, key)
            if isinstance(value, (dict, list)) and value:
                lines.append(_Line(indent, head, eol=notes.eol, eol_col=notes.eol_col))
                lines += self.block(value, here, child_model, indent + INDENT)
            else:
                lines += self.scalar_lines(value, head, indent, notes, key, plain_ok)
        return lines

    def sequence(
        self, items: list[Any], path: StablePath, model: type[BaseModel] | None, indent: int
    ) -> list[_Line]:
        lines: list[_Line] = []
        for index, item in enumerate(items):
            here = (*path, item_step(items, index))
            notes = self.notes(here)
            lines += [_Line(indent, text, comment=True) for text in notes.lead]
            if isinstance(item, (dict, list)) and item:
                inner = self.block(item, here, model, indent + INDENT)
                first = next(i for i, line in enumerate(inner) if not line.comment)
                for line in inner[:first]:
                    line.indent = indent
                if notes.eol is not None:  # no line of its own: keep it just above
                    lines.append(_Line(indent, notes.eol, comment=True))
                inner[first].text = "- " + inner[first].text
                inner[first].indent = indent
                lines += inner
            else:
                lines += self.scalar_lines(item, "-", indent, notes, "", False)
        return lines

    def block(
        self, value: dict[str, Any] | list[Any], path: StablePath, model: Any, indent: int
    ) -> list[_Line]:
        if isinstance(value, dict):
            return self.mapping(value, path, model, indent)
        return self.sequence(value, path, model, indent)

    def scalar_lines(
        self, value: Any, head: str, indent: int, notes: Notes, key: str, plain_ok: bool
    ) -> list[_Line]:
        if isinstance(value, (dict, list)):
            text = "{}" if isinstance(value, dict) else "[]"
            return [_Line(indent, f"{head} {text}", eol=notes.eol, eol_col=notes.eol_col)]
        block = literal_lines(value) if isinstance(value, str) else None
        if block is not None:
            first = _Line(indent, f"{head} {block[0]}", eol=notes.eol, eol_col=notes.eol_col)
            body = [_Line(indent + INDENT if line else 0, line) for line in block[1:]]
            return [first, *body]
        text = scalar_text(value, force_quotes=key in ALWAYS_QUOTED, plain_ok=plain_ok)
        return [_Line(indent, f"{head} {text}", eol=notes.eol, eol_col=notes.eol_col)]


# --------------------------------------------------------------------------- key order


def ordered_keys(data: Mapping[str, Any], model: type[BaseModel] | None) -> list[str]:
    """The schema's field order, then unknown keys in the order they were written."""
    if model is None:
        return list(data)
    known = [name for name in model.model_fields if name in data]
    return known + [key for key in data if key not in model.model_fields]


def field_info(model: type[BaseModel] | None, key: str) -> tuple[type[BaseModel] | None, bool]:
    """The model of a field's nested entries, and whether the field holds a number or
    boolean (written unquoted)."""
    if model is None or key not in model.model_fields:
        return None, False
    annotation = model.model_fields[key].annotation
    nested = None
    plain = False
    for part in _type_parts(annotation):
        if isinstance(part, type) and issubclass(part, BaseModel):
            nested = part
        elif part in (int, bool):
            plain = True
    return nested, plain


def _type_parts(annotation: Any) -> list[Any]:
    """The types inside ``annotation``: through Optional, unions, lists and Annotated
    (not through dicts, whose keys are the contributor's own)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _type_parts(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType, list):
        return [part for arg in typing.get_args(annotation) for part in _type_parts(arg)]
    return [annotation]


# --------------------------------------------------------------------------- comments


def _rehome(data: Mapping[str, Any], comments: Comments) -> Comments:
    """Move the comments of entries that no longer exist to their closest surviving
    ancestor (as full-line comments), or to the top of the file."""
    present = set(_stable_paths(data, ()))
    result = Comments(trailer=list(comments.trailer))
    orphans: list[tuple[StablePath, Notes]] = []
    for path, notes in comments.by_path.items():
        if path in present:
            result.by_path[path] = Notes(list(notes.lead), notes.eol, notes.eol_col)
        else:
            orphans.append((path, notes))
    first_key = next(iter(data), None)
    for path, notes in orphans:
        home = path[:-1]
        while home and home not in present:
            home = home[:-1]
        if not home and first_key is not None:
            home = (first_key,)
        texts = notes.lead + ([notes.eol] if notes.eol is not None else [])
        if home:
            result.notes(home).lead.extend(texts)
        else:
            result.trailer[:0] = texts
    return result


def _stable_paths(value: Any, path: StablePath) -> list[StablePath]:
    found = [path] if path else []
    if isinstance(value, dict):
        for key, child in value.items():
            found += _stable_paths(child, (*path, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found += _stable_paths(child, (*path, item_step(value, index)))
    return found
