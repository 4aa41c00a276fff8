"""From a list's heading path to a topic path, creating the topics that are missing.

Existing topics are matched by id or by name (never duplicated); headings the map
names go where it says; everything else below becomes new topics, at most four
levels deep (deeper headings file their papers under the fourth level).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from .. import ids
from ..errors import UsageError
from ..fields import RESERVED_SLUGS
from ..rules import MAX_TAXONOMY_DEPTH
from ..schema import Survey, Topic
from .mapping import ROOT, ImportMap, heading_key

# Sections of a README that are not lists of papers (matched on the cleaned heading).
NON_PAPER = re.compile(
    r"^(?:(?:latest |recent )?news\b.*|updates?|update (?:log|history|notes)|"
    r"latest updates?|changelog|"
    r"citations?|cite|cite us|how to cite|citing|bibtex|references?|"
    r"contribut\w*|how to contribute|acknowledge?ments?|thanks|"
    r"(?:table of )?contents|toc|licen[cs]e|contact(?: us)?|star history|(?:the )?team|"
    r".*\bmaintainers?\b.*|feedback|todo|to-?do list|related (?:projects?|repos?\w*))$",
    re.IGNORECASE,
)
# Headings that only wrap the list ("## Paper List"): not a level of the taxonomy.
WRAPPERS = frozenset(
    {
        "paper list",
        "papers",
        "paper lists",
        "list of papers",
        "papers list",
        "awesome papers",
        "paper",
        "the list",
        "list",
    }
)


@dataclass
class NewTopic:
    path: str  # survey-id/...
    id: str
    name: str
    parent: str  # path of the parent, or the survey id


@dataclass
class _Node:
    id: str
    name: str
    depth: int
    children: list[str] = field(default_factory=list)  # child paths


@dataclass
class Placement:
    topic: str | None  # full topic path, or None when skipped
    reason: str = ""
    folded: bool = False


class TopicPlanner:
    def __init__(self, survey: Survey, mapping: ImportMap | None = None, under: str | None = None):
        self.survey = survey
        self.map = mapping or ImportMap()
        self.nodes: dict[str, _Node] = {survey.id: _Node(survey.id, survey.title, 0)}
        self._add(survey.id, survey.taxonomy)
        base = under if under is not None else self.map.under
        base = (base or "").strip("/").removeprefix(survey.id + "/")
        self.root = f"{survey.id}/{base}" if base and base != ROOT else survey.id
        if self.root not in self.nodes:
            raise UsageError(
                f"--under {base}: no such topic in '{survey.id}' (see `surveyatlas topics`)"
            )
        self.created: list[NewTopic] = []

    def _add(self, parent: str, topics: list[Topic]) -> None:
        for topic in topics:
            path = f"{parent}/{topic.id}"
            self.nodes[path] = _Node(topic.id, topic.name, self.nodes[parent].depth + 1)
            self.nodes[parent].children.append(path)
            self._add(path, topic.children)

    def topic_exists(self, path: str) -> bool:
        return path in self.nodes and path != self.survey.id

    def section_reason(self, section: tuple[str, ...]) -> str:
        """Why papers in this section are not imported ("" when they are)."""
        return self._skipped(section, [heading_key(name) for name in section])

    def prune(self, used: set[str]) -> None:
        """Forget planned topics that no paper ended up in (nor below)."""
        keep = {"/".join(p.split("/")[:n]) for p in used for n in range(2, p.count("/") + 2)}
        self.created = [t for t in self.created if t.path in keep]

    def place(self, section: tuple[str, ...]) -> Placement:
        keys = [heading_key(name) for name in section]
        skipped = self._skipped(section, keys)
        if skipped:
            return Placement(None, skipped)
        base, rest = self.root, list(section)
        for end in range(len(keys), 0, -1):
            target = self.map.topics.get(" > ".join(keys[:end])) or self.map.topics.get(
                keys[end - 1]
            )
            if target is not None:
                base = self.root if target == ROOT else f"{self.survey.id}/{target}"
                rest = list(section[end:])
                break
        else:
            rest = [name for name in rest if heading_key(name) not in WRAPPERS]
        path, folded = self._descend(base, rest)
        if path == self.survey.id:
            return Placement(None, "not under any heading: map its section or pass --under TOPIC")
        return Placement(path, folded=folded)

    def _skipped(self, section: tuple[str, ...], keys: list[str]) -> str:
        for end in range(1, len(keys) + 1):
            path_key = " > ".join(keys[:end])
            if path_key in self.map.skip or keys[end - 1] in self.map.skip:
                return f"in the section '{section[end - 1]}', which the map skips"
            mapped = path_key in self.map.topics or keys[end - 1] in self.map.topics
            if not mapped and NON_PAPER.match(keys[end - 1]):
                return f"in the section '{section[end - 1]}', which is not a list of papers"
        return ""

    def _descend(self, base: str, names: list[str]) -> tuple[str, bool]:
        current = base
        for name in names:
            if self.nodes[current].depth >= MAX_TAXONOMY_DEPTH:
                return current, True
            current = self._child(current, name)
        return current, False

    def _child(self, parent: str, name: str) -> str:
        slug = ids.slugify(name)
        key = ids.normalize_title(name)
        # A slug stands for the heading only when nothing was lost making it:
        # "医疗领域QA问答" and "法律领域QA问答" both slugify to "qa".
        by_id = all(ch.isascii() for ch in unicodedata.normalize("NFKD", name) if ch.isalnum())
        for path in self.nodes[parent].children:
            node = self.nodes[path]
            if (by_id and node.id == slug) or ids.normalize_title(node.name) == key:
                return path
        taken = {self.nodes[p].id for p in self.nodes[parent].children}
        new_id = slug if slug and slug not in taken and slug not in RESERVED_SLUGS else ""
        if not new_id:
            stem = slug if slug and slug not in RESERVED_SLUGS else "section"
            new_id = next(
                f"{stem}-{n}" for n in range(2 if slug else 1, 10_000) if f"{stem}-{n}" not in taken
            )
        path = f"{parent}/{new_id}"
        self.nodes[path] = _Node(new_id, name[:160], self.nodes[parent].depth + 1)
        self.nodes[parent].children.append(path)
        self.created.append(NewTopic(path, new_id, name[:160], parent))
        return path
