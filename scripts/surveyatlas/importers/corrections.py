"""Corrections: a map file's record of lines in a list that name the wrong paper.

Lists link the wrong paper now and then (another paper's arXiv id, a truncated id, a
title copied from the entry above). The importer refuses such lines; a map file's
``corrections:`` section says what the line should have said, and where that was
checked, so the fix is written down once and every re-import applies it::

    corrections:
      "DARE: Data Augmented Relation Extraction with GPT-2":   # the line as listed
        arxiv: "2004.13845"                                    # what it should say
        source: arXiv abstract page 2004.13845                 # where that was checked

A key names the line by its title as the list gives it, by its name (a post's title,
a record's label) or by the arXiv id it links (even a malformed one); case, spacing
and punctuation do not matter. Corrections are applied before matching, so a
corrected line merges with the entry that already has the right id or title.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .. import ids
from .records import Candidate

_FIELDS = ("arxiv", "title", "source")
_ID_IN_LINK = re.compile(r"([0-9]{4}\.[0-9]+|[a-z-]+/[0-9]+)(?:v[0-9]+)?(?:\.pdf)?/?$", re.I)

Fail = Callable[..., None]


@dataclass(frozen=True)
class Correction:
    key: str  # as written in the map
    arxiv: str | None
    title: str | None
    source: str  # where the correct fact was checked


@dataclass
class Corrected:
    """One line a correction changed: what the list said, and what the import used."""

    candidate: Candidate
    correction: Correction
    listed: dict[str, str | None] = field(default_factory=dict)  # field -> listed value
    used: dict[str, str] = field(default_factory=dict)  # field -> corrected value

    def to_dict(self, main_source: str = "") -> dict[str, object]:
        c = self.candidate
        data: dict[str, object] = {
            "line": c.line,
            "end": c.end or c.line,
            "key": self.correction.key,
            "listed": self.listed,
            "corrected": self.used,
            "source": self.correction.source,
        }
        if c.source and c.source != main_source:
            data["file"] = c.source
        return data


def correction_key(text: str) -> str:
    return ids.normalize_title(text)


def read_corrections(value: Any, fail: Fail) -> dict[str, Correction]:
    """The map's ``corrections:`` section, every mistake reported through ``fail``."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        fail(("corrections",), "expected 'listed title: {arxiv: ..., title: ..., source: ...}'")
        return {}
    out: dict[str, Correction] = {}
    seen: dict[str, str] = {}  # normalised key -> key as written
    for key, entry in value.items():
        normal = correction_key(str(key))
        if not normal:
            fail(
                ("corrections", key), "the key names no line", "give the title as listed", key=True
            )
        elif normal in seen:
            fail(
                ("corrections", key),
                f"'{key}' names the same line as '{seen[normal]}'",
                "keep one correction per line",
                key=True,
            )
        seen.setdefault(normal, str(key))
        correction = _read_one(str(key), entry, fail)
        if correction is not None and normal and normal not in out:
            out[normal] = correction
    return out


def _read_one(key: str, entry: Any, fail: Fail) -> Correction | None:
    loc: tuple[str | int, ...] = ("corrections", key)
    if not isinstance(entry, dict):
        fail(loc, "expected 'arxiv', 'title' and 'source'", "see the README's import section")
        return None
    ok = True
    for name in entry:
        if name not in _FIELDS:
            fail(
                (*loc, name), f"unknown key '{name}'", "use 'arxiv', 'title' or 'source'", key=True
            )
            ok = False
    arxiv, title, source = (entry.get(name) for name in _FIELDS)
    if arxiv is not None and not (isinstance(arxiv, str) and ids.is_canonical_arxiv(arxiv)):
        fail((*loc, "arxiv"), f"'{arxiv}' is not an arXiv id", "write it bare, e.g. '2305.16367'")
        ok = False
    if title is not None and not (isinstance(title, str) and title.strip()):
        fail((*loc, "title"), "expected the paper's title")
        ok = False
    if arxiv is None and title is None:
        fail(loc, "a correction sets 'arxiv', 'title' or both", "or remove it", key=True)
        ok = False
    if not (isinstance(source, str) and source.strip()):
        fail(
            loc if source is None else (*loc, "source"),
            "a correction needs 'source': where the correct fact was checked",
            "e.g. 'arXiv abstract page 2305.16367'",
            key=source is None,
        )
        ok = False
    if not ok or not isinstance(source, str):
        return None
    return Correction(key, arxiv, " ".join(title.split()) if title else None, source.strip())


def names_of(candidate: Candidate) -> list[str]:
    """What a correction key may name: the title, the name, the arXiv id as listed."""
    names = [candidate.title, candidate.name, candidate.arxiv, _bad_id(candidate.bad_arxiv)]
    return [key for key in (correction_key(n) for n in names if n) if key]


def apply_corrections(
    candidates: list[Candidate], corrections: dict[str, Correction]
) -> tuple[list[Corrected], list[Correction]]:
    """Correct matching candidates in place; return what changed and the unused ones."""
    if not corrections:
        return [], []
    done: list[Corrected] = []
    used: set[str] = set()
    for candidate in candidates:
        key = next((k for k in names_of(candidate) if k in corrections), None)
        if key is None:
            continue
        used.add(key)
        change = correct(candidate, corrections[key])
        if change.used:
            done.append(change)
    unused = [c for k, c in corrections.items() if k not in used]
    return done, unused


def correct(candidate: Candidate, correction: Correction) -> Corrected:
    change = Corrected(candidate, correction)
    listed_arxiv = candidate.arxiv or _bad_id(candidate.bad_arxiv)
    if correction.arxiv and correction.arxiv != candidate.arxiv:
        change.listed["arxiv"] = listed_arxiv
        change.used["arxiv"] = correction.arxiv
        candidate.arxiv = correction.arxiv
        candidate.bad_arxiv = None
    if correction.title and correction.title != candidate.title:
        change.listed["title"] = candidate.title
        change.used["title"] = correction.title
        candidate.title = correction.title
        candidate.title_is_name = False
    return change


def _bad_id(link: str | None) -> str | None:
    if not link:
        return None
    match = _ID_IN_LINK.search(link)
    return match.group(1) if match else link
