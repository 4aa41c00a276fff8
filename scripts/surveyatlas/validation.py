"""Turning pydantic's validation errors into findings a contributor can act on."""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel, ValidationError

from .rules import Finding

# How to fix a field, by its key. Shown under the message.
HINTS: dict[str, str] = {
    "id": "use lower-case letters, digits and hyphens, the same as the file name",
    "title": "copy the title as the paper or survey states it, on one line",
    "authors": "list names in order; shorten long lists with 'others' as the last item",
    "date": "use the date of the first public version, e.g. 2023-04 or 2023-04-17",
    "added": "the day the entry joined the atlas, as YYYY-MM-DD",
    "arxiv": 'quote the bare id, e.g. arxiv: "2304.08485"',
    "doi": "the bare DOI, e.g. 10.18653/v1/2023.acl-long.1",
    "topics": "list paths such as 'mm-llms/model-architecture'; `surveyatlas topics` prints them",
    "tags": "short lower-case words joined by hyphens, e.g. instruction-tuning",
    "summary": "one to three sentences in your own words",
    "year": "a four-digit year such as 2024",
    "venue": "the conference or journal, e.g. NeurIPS 2023",
    "links": "a mapping of link kinds to URLs, e.g. 'code: https://github.com/...'",
}
URL_HINT = "use the full address, starting with https://"


def findings_from_error(error: ValidationError, model: type[BaseModel]) -> Iterator[Finding]:
    for item in error.errors(include_url=False):
        loc = tuple(item["loc"])
        yield _finding(item["type"], loc, item, model)


def _finding(kind: str, loc: tuple[Any, ...], item: Any, model: type[BaseModel]) -> Finding:
    key = _last_key(loc)
    in_links = len(loc) > 1 and loc[0] == "links"
    hint = URL_HINT if kind.startswith("url_") or in_links else HINTS.get(key, "")
    value = item.get("input")
    if kind == "extra_forbidden":
        allowed = allowed_keys(model, loc[:-1])
        close = difflib.get_close_matches(str(loc[-1]), allowed, n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'?" if close else _allowed_hint(allowed)
        return Finding(loc, f"unknown key '{loc[-1]}'", hint, "unknown-key", at_key=True)
    if kind == "missing":
        return Finding(
            loc, f"required key '{loc[-1]}' is missing", _missing_hint(str(loc[-1])), "missing"
        )
    if kind in ("string_type", "int_type", "bool_type"):
        return Finding(loc, f"expected text, got {_describe(value)}", hint, "type")
    if kind == "int_parsing":
        return Finding(loc, f"expected a whole number, got '{value}'", hint, "type")
    if kind == "bool_parsing":
        return Finding(loc, f"expected true or false, got '{value}'", hint, "type")
    if kind == "list_type":
        return Finding(
            loc,
            f"expected a list, got {_describe(value)}",
            "write a list: one '- item' per line, or [a, b]",
            "type",
        )
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return Finding(
            loc, f"expected a mapping of keys to values, got {_describe(value)}", hint, "type"
        )
    if kind == "string_too_short":
        return Finding(loc, "must not be empty", hint, "empty")
    if kind == "string_too_long":
        limit = item["ctx"]["max_length"]
        return Finding(
            loc, f"is {len(value)} characters long; the limit is {limit}", hint, "too-long"
        )
    if kind == "too_short":
        return Finding(loc, "must list at least one item", hint, "empty")
    if kind == "too_long":
        limit = item["ctx"]["max_length"]
        return Finding(loc, f"lists {len(value)} items; the limit is {limit}", hint, "too-long")
    if kind == "literal_error":
        return Finding(loc, f"expected {item['ctx']['expected']}, got '{value}'", hint, "choice")
    if kind == "union_tag_invalid" or kind.startswith("union"):
        return Finding(loc, f"unexpected value {_describe(value)}", hint, "type")
    message = item["msg"]
    if message.startswith("Value error, "):
        message = message[len("Value error, ") :]
    context = item.get("ctx") or {}
    suggestion = context.get("suggestion")
    if suggestion:
        hint = f"did you mean '{suggestion}'?"
    return Finding(loc, message, hint, kind.replace("_", "-"))


def _last_key(loc: tuple[Any, ...]) -> str:
    for step in reversed(loc):
        if isinstance(step, str):
            return step
    return ""


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"'{value}'"


def _missing_hint(key: str) -> str:
    example = HINTS.get(key)
    return f"add a line '{key}: ...' ({example})" if example else f"add a line '{key}: ...'"


def _allowed_hint(allowed: list[str]) -> str:
    return f"allowed keys: {', '.join(allowed)}" if allowed else ""


def allowed_keys(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The field names valid at ``loc`` inside ``model`` (following lists and mappings)."""
    current: Any = model
    for step in loc:
        current = _step(current, step)
        if current is None:
            return []
    model_cls = _find_model(current)
    return list(model_cls.model_fields) if model_cls else []


def _step(annotation: Any, step: Any) -> Any:
    model_cls = _find_model(annotation)
    if model_cls is not None and isinstance(step, str):
        field = model_cls.model_fields.get(step)
        return field.annotation if field else None
    for arg in _args(annotation):
        origin = typing.get_origin(arg)
        if origin is list and isinstance(step, int):
            return typing.get_args(arg)[0]
        if origin is dict and isinstance(step, str):
            return typing.get_args(arg)[1]
    return None


def _args(annotation: Any) -> list[Any]:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _args(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        out: list[Any] = []
        for arg in typing.get_args(annotation):
            out.extend(_args(arg))
        return out
    return [annotation]


def _find_model(annotation: Any) -> type[BaseModel] | None:
    for arg in _args(annotation):
        if isinstance(arg, type) and issubclass(arg, BaseModel):
            return arg
    return None
