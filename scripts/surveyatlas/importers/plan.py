"""The import plan: which papers are new, which existing entries gain a topic, which
lines are skipped and why, and which topics the survey gains. Pure: nothing is written.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from ..loader import Content
from ..schema import Survey
from .corrections import Corrected, Correction, apply_corrections
from .mapping import ImportMap
from .merge import Matcher, Plan
from .newpaper import choose_id, paper_data, paper_date, render_new
from .records import Candidate, Skip
from .topics import NewTopic, TopicPlanner


@dataclass
class NewEntry:
    plan: Plan
    data: dict[str, Any]
    text: str


@dataclass
class Update:
    plan: Plan
    add_topics: list[str]
    facets: dict[str, str | list[str]] | None  # facets for the survey, when the entry has none
    survey_id: str = ""


@dataclass
class ImportPlan:
    survey: Survey
    survey_file: str
    new: list[NewEntry] = field(default_factory=list)
    updates: list[Update] = field(default_factory=list)
    unchanged: list[Plan] = field(default_factory=list)
    topics: list[NewTopic] = field(default_factory=list)
    skipped: list[Skip] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    corrected: list[Corrected] = field(default_factory=list)  # lines the map corrected
    unused_corrections: list[Correction] = field(default_factory=list)  # matched no line


@dataclass
class Settings:
    survey_id: str
    today: dt.date
    mapping: ImportMap | None = None
    under: str | None = None
    require_authors: bool = False


def plan_import(
    candidates: list[Candidate], skipped: list[Skip], content: Content, settings: Settings
) -> ImportPlan:
    survey = content.surveys[settings.survey_id]
    topics = TopicPlanner(survey, settings.mapping, settings.under)
    matcher = Matcher(content.papers, content.files)
    result = ImportPlan(survey, content.path_of("surveys", survey.id), skipped=list(skipped))
    fixes = settings.mapping.corrections if settings.mapping else {}
    result.corrected, result.unused_corrections = apply_corrections(candidates, fixes)
    deferred: list[Candidate] = []
    for candidate in candidates:
        if candidate.title_is_name and candidate.has_identifier:
            deferred.append(candidate)
        else:
            _take(candidate, topics, matcher, settings, result)
    for candidate in deferred:
        _take(candidate, topics, matcher, settings, result)
    _finish(matcher.plans, content, settings, result)
    used = {t for entry in result.new for t in entry.plan.topics}
    used |= {t for update in result.updates for t in update.add_topics}
    topics.prune(used)
    result.topics = topics.created
    result.skipped.sort(key=lambda s: s.line)
    return result


def _take(
    c: Candidate, topics: TopicPlanner, matcher: Matcher, settings: Settings, out: ImportPlan
) -> None:
    reason = "" if c.topic else topics.section_reason(c.section)
    if reason:
        if c.arxiv or c.doi or c.bad_arxiv:
            out.skipped.append(_skip(c, reason))
        return
    if not c.has_identifier:
        if c.bad_arxiv:
            out.skipped.append(_skip(c, f"malformed arXiv link '{c.bad_arxiv}'"))
        elif c.links:
            out.skipped.append(_skip(c, "no paper link (arXiv, DOI or paper URL)"))
        return
    if not c.title:
        out.skipped.append(_skip(c, "no title in the line"))
        return
    plan, problem = matcher.find(c)
    if problem is not None:
        out.skipped.append(problem)
        return
    if plan is None and c.title_is_name:
        out.skipped.append(
            _skip(
                c,
                f"the row names the model '{c.title}', not the paper's "
                "title, and no entry has the same arXiv id or DOI",
            )
        )
        return
    if plan is None:
        if paper_date(c) is None:
            out.skipped.append(_skip(c, "no date: the line gives no year and no arXiv id"))
            return
        if settings.require_authors and not c.authors:
            out.skipped.append(_skip(c, "no authors in the list"))
            return
    topic = c.topic
    if topic is None:
        placement = topics.place(c.section)
        if placement.topic is None:
            out.skipped.append(_skip(c, placement.reason))
            return
        topic = placement.topic
    if plan is None:
        plan = matcher.new_plan(c)
    elif plan.is_new:
        _fill(plan.first, c)
    plan.mentions.append((c, topic))
    if topic not in plan.topics:
        plan.topics.append(topic)
    for facet, value in c.facets.items():  # a later post may say what the first left out
        plan.facets.setdefault(facet, value)


def _fill(first: Candidate, later: Candidate) -> None:
    """A later line of the same list may state what the first one left out."""
    if not first.authors and later.authors:
        first.authors = later.authors
    first.venue = first.venue or later.venue
    first.arxiv = first.arxiv or later.arxiv
    first.doi = first.doi or later.doi
    for kind, url in later.links.items():
        first.links.setdefault(kind, url)
    if not first.organizations:
        first.organizations = later.organizations


def _finish(plans: list[Plan], content: Content, settings: Settings, out: ImportPlan) -> None:
    taken = set(content.papers) | content.failed.get("papers", set())
    for plan in plans:
        if not plan.mentions:
            continue
        if plan.is_new:
            _new_entry(plan, taken, settings, out)
            continue
        paper = content.papers[plan.paper_id or ""]
        add = new_topics(plan.topics, paper.topics)
        facets = plan.facets if plan.facets and settings.survey_id not in paper.facets else None
        if add or facets:
            out.updates.append(Update(plan, add, facets, settings.survey_id))
        else:
            out.unchanged.append(plan)


def new_topics(planned: list[str], existing: list[str] | tuple[str, ...] = ()) -> list[str]:
    """The planned topics a paper does not have yet, leaving out any topic it is also
    filed below: a list that names a paper under "Corpora" and under "Corpora > Web"
    files it under the web topic only."""
    every = [*existing, *planned]
    return [
        topic
        for topic in dict.fromkeys(planned)
        if topic not in existing and not any(other.startswith(topic + "/") for other in every)
    ]


def _new_entry(plan: Plan, taken: set[str], settings: Settings, out: ImportPlan) -> None:
    c = plan.first
    date = paper_date(c) or ""
    data = paper_data(c, new_topics(plan.topics), settings.survey_id, date, settings.today)
    if plan.facets:
        data["facets"] = {settings.survey_id: dict(plan.facets)}
        data = {k: data[k] for k in _order(data)}
    data["id"] = choose_id(c, date, taken)
    text, problems = render_new(data, settings.today)
    if text is None:
        first = problems[0] if problems else None
        detail = (
            f"{first.field}: {first.message}"
            if first and first.field
            else (first.message if first else "invalid")
        )
        for mention, _topic in plan.mentions:
            out.skipped.append(_skip(mention, f"the entry would not be valid: {detail}"))
        return
    taken.add(data["id"])
    out.new.append(NewEntry(plan, data, text))


def _order(data: dict[str, Any]) -> list[str]:
    tail = ["summary", "added"]
    return [k for k in data if k not in tail] + [k for k in tail if k in data]


def _skip(c: Candidate, reason: str) -> Skip:
    return Skip(c.line, c.text, reason, c.end, c.source)
