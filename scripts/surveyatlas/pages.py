"""The site map: every generated page, its URL, template and view, and the navigation.

URLs follow DESIGN.md section 4. Pages that could grow without bound (a topic, a year
of the timeline) are split so that none grows past what a phone should download.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial

from .atlas import Atlas, TopicEntry, oldest_first
from .downloads import downloads_page, survey_bibtex_url
from .explore import explore_pages
from .feeds import new_page
from .page import Page
from .paperpage import paper_page
from .schema import Paper, Survey
from .stats import stats_page
from .svg.draw import Chart
from .svg.timeline import atlas_timeline, survey_timeline
from .views import (
    Crumb,
    Link,
    PaperCard,
    TreeNode,
    format_authors,
    format_date,
    paper_card,
    survey_links,
    survey_url,
    timeline_cards,
    topic_trail,
    topic_url,
    tree,
)

TOPIC_PAGE_LIMIT = 250  # papers on one topic page; more go to page/2/, page/3/...
TIMELINE_PAGE_LIMIT = 600  # papers on one timeline page; bigger years split by month
NEWEST_ON_HOME = 12


@dataclass(frozen=True)
class Pager:
    number: int
    count: int
    previous: str | None
    next: str | None


@dataclass
class NavItem:
    title: str
    url: str | None = None
    children: list[NavItem] = field(default_factory=list)


# --------------------------------------------------------------------------- views


@dataclass(frozen=True)
class SurveyCard:
    id: str
    title: str
    short_title: str
    url: str
    kind: str
    year: int | None
    authors: str
    description: str
    papers: int
    topics: int


@dataclass(frozen=True)
class HomeView:
    surveys: list[SurveyCard]
    newest: list[PaperCard]
    papers: int
    topics: int
    cross_listed: int


@dataclass(frozen=True)
class SurveyView:
    card: SurveyCard
    venue: str
    links: list[Link]
    tree: list[TreeNode]
    newest: list[PaperCard]
    timeline: Chart
    bibtex_url: str  # the survey's BibTeX download, site-relative


@dataclass(frozen=True)
class TopicView:
    name: str
    description: str
    trail: list[Crumb]
    children: list[TreeNode]
    papers: list[PaperCard]
    direct: int
    total: int
    pager: Pager


@dataclass(frozen=True)
class Period:
    url: str
    label: str
    papers: list[Paper]


@dataclass(frozen=True)
class TimelineView:
    years: list[tuple[int, list[tuple[Period, int]]]]  # newest year first
    total: int
    chart: Chart


@dataclass(frozen=True)
class PeriodView:
    label: str
    papers: list[PaperCard]
    previous: Crumb | None
    next: Crumb | None


# --------------------------------------------------------------------------- pages


# Builds the views of one or a few pages when called. Jobs are independent of each
# other, so they may run in any order and in any process that holds the atlas.
PageJob = Callable[[], Iterable[Page]]


def page_jobs(atlas: Atlas) -> list[PageJob]:
    """Every page of the site as jobs, in site order."""
    jobs: list[PageJob] = [
        partial(_one, home_page, atlas),
        partial(_one, surveys_index_page, atlas),
    ]
    jobs += [partial(_one, survey_page, atlas, survey) for survey in atlas.surveys.values()]
    jobs += [partial(topic_pages, atlas, entry) for entry in atlas.topics.values()]
    jobs += [partial(_one, paper_page, atlas, paper) for paper in atlas.papers.values()]
    jobs += [partial(timeline_pages, atlas), partial(explore_pages, atlas)]
    jobs += [partial(_one, make, atlas) for make in (stats_page, new_page, downloads_page)]
    return jobs


def _one(make: Callable[..., Page], *args: object) -> list[Page]:
    return [make(*args)]


def site_pages(atlas: Atlas) -> Iterator[Page]:
    for job in page_jobs(atlas):
        yield from job()


def survey_card(atlas: Atlas, survey: Survey) -> SurveyCard:
    return SurveyCard(
        id=survey.id,
        title=survey.title,
        short_title=survey.display_title,
        url=survey_url(survey.id),
        kind=survey.kind,
        year=survey.year,
        authors=format_authors(survey.authors, limit=4),
        description=survey.description,
        papers=len(atlas.survey_papers[survey.id]),
        topics=sum(1 for entry in atlas.topics.values() if entry.survey_id == survey.id),
    )


def home_page(atlas: Atlas) -> Page:
    view = HomeView(
        surveys=[survey_card(atlas, s) for s in atlas.surveys.values()],
        newest=[paper_card(p, atlas) for p in atlas.newest_added(NEWEST_ON_HOME)],
        papers=len(atlas.papers),
        topics=len(atlas.topics),
        cross_listed=sum(1 for p in atlas.papers.values() if len(p.surveys) > 1),
    )
    return Page("", "home.md.j2", "LLM Survey Atlas", view)


def surveys_index_page(atlas: Atlas) -> Page:
    cards = [survey_card(atlas, s) for s in atlas.surveys.values()]
    return Page("surveys/", "surveys.md.j2", "Surveys", cards)


def survey_page(atlas: Atlas, survey: Survey) -> Page:
    newest = [paper_card(atlas.papers[pid], atlas) for pid in atlas.survey_papers[survey.id][:5]]
    view = SurveyView(
        card=survey_card(atlas, survey),
        venue=survey.venue or "",
        links=survey_links(survey),
        tree=tree(atlas, atlas.roots[survey.id]),
        newest=newest,
        timeline=survey_timeline(atlas, survey.id),
        bibtex_url=survey_bibtex_url(survey.id),
    )
    return Page(
        survey_url(survey.id),
        "survey.md.j2",
        survey.title,
        view,
        _source(atlas, "surveys", survey.id),
    )


def topic_pages(atlas: Atlas, entry: TopicEntry) -> Iterator[Page]:
    first = topic_url(entry.path)
    chunks = [
        entry.papers[i : i + TOPIC_PAGE_LIMIT]
        for i in range(0, len(entry.papers), TOPIC_PAGE_LIMIT)
    ]
    chunks = chunks or [[]]
    urls = [first] + [f"{first}page/{n}/" for n in range(2, len(chunks) + 1)]
    for index, (url, ids) in enumerate(zip(urls, chunks, strict=True)):
        pager = Pager(
            number=index + 1,
            count=len(chunks),
            previous=urls[index - 1] if index else None,
            next=urls[index + 1] if index + 1 < len(urls) else None,
        )
        view = TopicView(
            name=entry.name,
            description=entry.node.topic.description or "",
            trail=topic_trail(atlas, entry.path),
            children=tree(atlas, entry.children) if index == 0 else [],
            papers=[paper_card(atlas.papers[pid], atlas) for pid in ids],
            direct=len(entry.papers),
            total=entry.total,
            pager=pager,
        )
        title = entry.name if index == 0 else f"{entry.name} (page {index + 1})"
        yield Page(url, "topic.md.j2", title, view, _source(atlas, "surveys", entry.survey_id))


def timeline_periods(papers: list[Paper], limit: int = TIMELINE_PAGE_LIMIT) -> list[Period]:
    """Pages of the timeline, oldest first: a year each, split by month (then in
    numbered parts) when a year holds more than ``limit`` papers."""
    by_year: dict[int, list[Paper]] = defaultdict(list)
    for paper in oldest_first(papers):
        by_year[paper.year].append(paper)
    periods: list[Period] = []
    for year in sorted(by_year):
        members = by_year[year]
        if len(members) <= limit:
            periods.append(Period(f"timeline/{year}/", str(year), members))
            continue
        by_month: dict[int, list[Paper]] = defaultdict(list)
        for paper in members:
            by_month[paper.date_key[1]].append(paper)
        for month in sorted(by_month):
            slug = f"{month:02d}" if month else "undated"
            label = format_date(f"{year}-{month:02d}") if month else f"{year}, month not known"
            chunk_list = [
                by_month[month][i : i + limit] for i in range(0, len(by_month[month]), limit)
            ]
            for part, chunk in enumerate(chunk_list, start=1):
                suffix = f"{part}/" if part > 1 else ""
                name = f"{label} (part {part})" if len(chunk_list) > 1 else label
                periods.append(Period(f"timeline/{year}/{slug}/{suffix}", name, chunk))
    return periods


def timeline_pages(atlas: Atlas) -> Iterator[Page]:
    periods = timeline_periods(list(atlas.papers.values()))
    years: dict[int, list[tuple[Period, int]]] = defaultdict(list)
    for period in periods:
        years[period.papers[0].year].append((period, len(period.papers)))
    view = TimelineView(
        years=sorted(years.items(), reverse=True),
        total=len(atlas.papers),
        chart=atlas_timeline(atlas),
    )
    yield Page("timeline/", "timeline.md.j2", "Timeline", view)
    for index, period in enumerate(periods):
        before = periods[index - 1] if index else None
        after = periods[index + 1] if index + 1 < len(periods) else None
        yield Page(
            period.url,
            "timeline_period.md.j2",
            f"Timeline: {period.label}",
            PeriodView(
                label=period.label,
                papers=timeline_cards(atlas, period.papers),
                previous=Crumb(before.label, before.url) if before else None,
                next=Crumb(after.label, after.url) if after else None,
            ),
        )


def _source(atlas: Atlas, kind: str, item_id: str) -> str | None:
    return atlas.files.get((kind, item_id))


# --------------------------------------------------------------------------- navigation


def survey_nav(atlas: Atlas) -> NavItem:
    """Surveys and their top-level topics; papers never go in the navigation (it is
    repeated on every page, so listing papers would make the site quadratic)."""
    children = [NavItem("All surveys", "surveys/")]
    for survey in atlas.surveys.values():
        topics = [NavItem(atlas.topics[p].name, topic_url(p)) for p in atlas.roots[survey.id]]
        children.append(NavItem(survey.display_title, survey_url(survey.id), topics))
    return NavItem("Surveys", None, children)
