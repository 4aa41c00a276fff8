"""Map files: how a list's headings land on a survey's curated taxonomy.

A survey's taxonomy follows the survey; its README's headings rarely match it. A map
file says where each heading goes, which headings to leave out, and (for posts) how
the list's notation maps onto the survey's facet options::

    # rucaibox.map.yml
    topics:
      Paper List: .                              # "." means: no level of its own
      Resources of LLMs: resources
      Pre-training > Data Collection: pre-training/data-collection
    skip:
      - List of LLMs
    facets:
      input: {I_D: document}
    corrections:                                 # lines that name the wrong paper
      "DARE: Data Augmented Relation Extraction with GPT-2":
        arxiv: "2004.13845"
        source: arXiv abstract page 2004.13845

Keys are heading names (case and spacing do not matter) or heading paths joined by
``>``; values are topic paths inside the survey, with or without the survey id.
``corrections`` are described in :mod:`.corrections`.
"""

from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import AtlasError
from ..problems import ExitCode, Problem
from ..schema import Survey
from ..taxonomy import node_map
from ..yamlsource import find_mark, parse_yaml, read_text, source_line
from .corrections import Correction, read_corrections

ROOT = "."
_ALLOWED = ("topics", "skip", "facets", "under", "corrections")


class ImportProblems(AtlasError):
    """Mistakes in the import's inputs, each located; nothing was written."""

    exit_code = ExitCode.INVALID

    def __init__(self, message: str, problems: list[Problem]) -> None:
        super().__init__(message)
        self.problems = problems


def heading_key(text: str) -> str:
    """Case, width and spacing do not matter; ``A > B`` names a path."""
    parts = [" ".join(unicodedata.normalize("NFKC", p).casefold().split()) for p in text.split(">")]
    return " > ".join(p for p in parts if p)


@dataclass
class ImportMap:
    topics: dict[str, str] = field(default_factory=dict)  # heading key -> topic path or ROOT
    skip: set[str] = field(default_factory=set)
    facets: dict[str, dict[str, str]] = field(default_factory=dict)  # facet -> notation -> option
    under: str | None = None
    corrections: dict[str, Correction] = field(default_factory=dict)  # line key -> fix


def load_map(path: Path, survey: Survey) -> ImportMap:
    display = str(path)
    text, problems = read_text(path, display)
    if text is None:
        raise ImportProblems(f"cannot read the map file {display}", problems)
    data, problems = parse_yaml(text, display)
    if problems:
        raise ImportProblems(f"the map file {display} is not valid YAML", problems)
    found: list[Problem] = []
    result = ImportMap()

    def fail(
        loc: tuple[str | int, ...], message: str, hint: str = "", *, key: bool = False
    ) -> None:
        mark = find_mark(text, loc, key=key)
        line, col = (mark.line, mark.col) if mark else (1, 1)
        found.append(
            Problem(
                display,
                message,
                line,
                col,
                ".".join(map(str, loc)),
                hint,
                code="import-map",
                source=source_line(text, line),
            )
        )

    if not isinstance(data, dict):
        fail((), "expected a mapping with 'topics', 'skip', 'facets' or 'corrections'")
        raise ImportProblems(f"the map file {display} has mistakes", found)
    for key in data:
        if key not in _ALLOWED:
            fail((key,), f"unknown key '{key}'", f"use one of: {', '.join(_ALLOWED)}")
    nodes = {p.split("/", 1)[1] for p in node_map(survey)}
    result.topics = _read_topics(data.get("topics"), survey.id, nodes, fail)
    result.skip = _read_skip(data.get("skip"), fail)
    result.facets = _read_facets(data.get("facets"), survey, fail)
    result.corrections = read_corrections(data.get("corrections"), fail)
    under = data.get("under")
    if under is not None:
        result.under = _topic(under, ("under",), survey.id, nodes, fail)
    if found:
        raise ImportProblems(f"the map file {display} has {len(found)} mistake(s)", found)
    return result


def _topic(value: Any, loc: tuple[str | int, ...], sid: str, nodes: set[str], fail: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        fail(loc, "expected a topic path such as 'pre-training/data'")
        return ROOT
    path = value.strip().strip("/")
    if path == ROOT:
        return ROOT
    path = path.removeprefix(sid + "/")
    if path not in nodes:
        close = difflib.get_close_matches(path, sorted(nodes), n=1, cutoff=0.5)
        hint = f"did you mean '{close[0]}'?" if close else f"`surveyatlas topics {sid}` lists them"
        fail(loc, f"'{value}' is not a topic of survey '{sid}'", hint)
    return path


def _read_topics(value: Any, sid: str, nodes: set[str], fail: Any) -> dict[str, str]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        fail(("topics",), "expected 'heading: topic/path' lines")
        return {}
    return {
        heading_key(str(k)): _topic(v, ("topics", k), sid, nodes, fail) for k, v in value.items()
    }


def _read_skip(value: Any, fail: Any) -> set[str]:
    if value is None:
        return set()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        fail(("skip",), "expected a list of heading names")
        return set()
    return {heading_key(v) for v in value}


def _read_facets(value: Any, survey: Survey, fail: Any) -> dict[str, dict[str, str]]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        fail(("facets",), "expected 'facet-id: {notation: option-id}'")
        return {}
    declared = {f.id: {o.id for o in f.options} for f in survey.facets}
    out: dict[str, dict[str, str]] = {}
    for facet_id, table in value.items():
        if facet_id not in declared:
            fail(
                ("facets", facet_id),
                f"survey '{survey.id}' has no facet '{facet_id}'",
                f"its facets: {', '.join(declared) or 'none'}",
            )
            continue
        if not isinstance(table, dict):
            fail(("facets", facet_id), "expected 'notation: option-id' pairs")
            continue
        for notation, option in table.items():
            if option not in declared[facet_id]:
                fail(
                    ("facets", facet_id, notation),
                    f"'{option}' is not an option of facet '{facet_id}'",
                    f"options: {', '.join(sorted(declared[facet_id]))}",
                )
        out[facet_id] = {str(k): str(v) for k, v in table.items()}
    return out
