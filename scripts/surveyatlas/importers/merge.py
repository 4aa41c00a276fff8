"""Matching candidates against the atlas and each other: one plan per paper.

A candidate is the same paper as an atlas entry (or an earlier line of the same list)
when it has the same arXiv id, the same DOI, or the same normalised title. The plan for
an existing entry only adds: the new topic, and the survey's facets when the entry has
none for that survey. Nothing the entry already has is changed.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from ..ids import normalize_title
from ..schema import Paper
from .records import Candidate, Skip

SAME_TITLE_RATIO = 0.6
SHARED_WORDS = 0.5  # share of the shorter title's significant words both titles have
_MINOR = frozenset(
    "a an the on of for in to and with towards toward via from is are do does can what how "
    "when why at by as into over under beyond about through using large language model models "
    "llm llms".split()
)


@dataclass
class Plan:
    """What the import will do for one paper."""

    first: Candidate
    paper_id: str | None = None  # the existing entry's id (None for a new paper)
    file: str | None = None  # the existing entry's file
    topics: list[str] = field(default_factory=list)  # topics to add, in order
    mentions: list[tuple[Candidate, str]] = field(default_factory=list)  # (candidate, topic)
    facets: dict[str, str | list[str]] = field(default_factory=dict)

    @property
    def is_new(self) -> bool:
        return self.paper_id is None

    @property
    def title(self) -> str:
        return self.first.title


def titles_agree(left: str, right: str) -> bool:
    """Two titles for one paper: equal, one inside the other, or mostly the same."""
    a, b = normalize_title(left), normalize_title(right)
    if not a or not b:
        return True
    if a == b or a in b or b in a:
        return True
    if difflib.SequenceMatcher(None, a, b).ratio() >= SAME_TITLE_RATIO:
        return True
    # A paper renamed between versions keeps its subject: "CAQA: Complex Attributed
    # Question Answering" and "Benchmarking ... Complex Question Answering Attribution".
    words_a = {w for w in a.split() if w not in _MINOR}
    words_b = {w for w in b.split() if w not in _MINOR}
    shared = words_a & words_b
    return len(shared) >= 2 and len(shared) >= SHARED_WORDS * min(len(words_a), len(words_b))


class Matcher:
    def __init__(self, papers: dict[str, Paper], files: dict[tuple[str, str], str]) -> None:
        self.papers = papers
        self.files = files
        self.by_key: dict[str, tuple[str, str]] = {}  # key -> ("atlas", id) | ("plan", index)
        for pid, paper in papers.items():
            for key in _keys(paper.arxiv, paper.doi, paper.title, paper.links.paper):
                self.by_key.setdefault(key, ("atlas", pid))
        self.plans: list[Plan] = []

    def find(self, candidate: Candidate) -> tuple[Plan | None, Skip | None]:
        """The plan this candidate joins (new or existing), or why it cannot join one."""
        title = "" if candidate.title_is_name else candidate.title
        for key in _keys(candidate.arxiv, candidate.doi, title, candidate.links.get("paper")):
            hit = self.by_key.get(key)
            if hit is None:
                continue
            plan = self._plan_for(hit)
            other_title, where = self._describe(hit, plan)
            if candidate.title_is_name:
                return plan, None
            if key[0] in "adu" and not titles_agree(candidate.title, other_title):
                kind = {"a": "arXiv id", "d": "DOI", "u": "paper link"}[key[0]]
                return None, _skip(
                    candidate,
                    f"the {kind} {key[2:]} is already given to "
                    f"'{other_title}' ({where}); check the link in the list",
                )
            clash = self._identifier_clash(candidate, hit, plan)
            if clash:
                return None, _skip(candidate, clash)
            return plan, None
        return None, None

    def _plan_for(self, hit: tuple[str, str]) -> Plan:
        kind, ref = hit
        if kind == "plan":
            return self.plans[int(ref)]
        for plan in self.plans:
            if plan.paper_id == ref:
                return plan
        paper = self.papers[ref]
        plan = Plan(
            first=Candidate(0, 0, "", title=paper.title, arxiv=paper.arxiv, doi=paper.doi),
            paper_id=ref,
            file=self.files.get(("papers", ref)),
        )
        self.plans.append(plan)
        return plan

    def _describe(self, hit: tuple[str, str], plan: Plan) -> tuple[str, str]:
        if hit[0] == "atlas":
            return self.papers[hit[1]].title, self.files.get(("papers", hit[1]), hit[1])
        where = f"line {plan.first.line}"
        if plan.first.source:
            where = f"{plan.first.source.rsplit('/', 1)[-1]}, {where}"
        return plan.first.title, where

    def _identifier_clash(self, candidate: Candidate, hit: tuple[str, str], plan: Plan) -> str:
        theirs = self.papers[hit[1]] if hit[0] == "atlas" else plan.first
        if candidate.arxiv and theirs.arxiv and candidate.arxiv != theirs.arxiv:
            return (
                f"the same title is already listed with arXiv id {theirs.arxiv}, "
                f"not {candidate.arxiv}; check the link in the list"
            )
        return ""

    def new_plan(self, candidate: Candidate) -> Plan:
        plan = Plan(first=candidate)
        self.plans.append(plan)
        index = str(len(self.plans) - 1)
        self.remember(candidate, index)
        return plan

    def remember(self, candidate: Candidate, index: str) -> None:
        if candidate.title_is_name:
            return
        keys = _keys(candidate.arxiv, candidate.doi, candidate.title, candidate.links.get("paper"))
        for key in keys:
            self.by_key.setdefault(key, ("plan", index))


def _keys(arxiv: str | None, doi: str | None, title: str, url: str | None = None) -> list[str]:
    """Identity keys, strongest first: arXiv id, DOI, paper URL, normalised title."""
    keys = []
    if arxiv:
        keys.append("a:" + arxiv)
    if doi:
        keys.append("d:" + doi.lower())
    if url and not arxiv and not doi:
        keys.append("u:" + url.rstrip("/"))
    normal = normalize_title(title)
    if normal:
        keys.append("t:" + normal)
    return keys


def _skip(candidate: Candidate, reason: str) -> Skip:
    return Skip(candidate.line, candidate.text, reason, candidate.end, candidate.source)
