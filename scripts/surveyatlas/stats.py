"""The stats page (``stats/``): counts about the atlas, drawn at build time."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from .atlas import Atlas
from .page import Page
from .search import has_code, venue_series
from .svg import charts
from .svg.draw import Chart
from .svg.timeline import make_scale

TOP_COUNT = 15


@dataclass(frozen=True)
class StatsView:
    papers: int
    surveys: int
    topics: int
    with_code: int
    cross_listed: int
    charts: list[tuple[str, str, Chart]]  # (heading, explanation, chart)


def papers_per_year(atlas: Atlas) -> Chart:
    """Rows are surveys, columns years; the few oldest papers share an "earlier" column,
    as on the timeline, so the busy recent years stay readable."""
    papers = list(atlas.papers.values())
    scale = make_scale(papers) if papers else None
    first = scale.first // 12 if scale else 0
    columns = list(range(first, scale.last // 12)) if scale else []
    early = bool(scale and scale.early)
    rows, values = [], []
    for sid, survey in atlas.surveys.items():
        counts = Counter(max(atlas.papers[pid].year, first - 1) for pid in atlas.survey_papers[sid])
        rows.append(survey.display_title)
        values.append(([counts[first - 1]] if early else []) + [counts[y] for y in columns])
    names = ([f"Before {first}"] if early else []) + [str(y) for y in columns]
    marks = (["earlier"] if early else []) + [
        f"’{y % 100:02d}" if len(columns) > 10 else str(y) for y in columns
    ]
    return charts.heat_map(
        "chart-years",
        "Papers per year in each survey",
        rows,
        names,
        values,
        "Rows are surveys, columns years; each cell counts that survey's papers first "
        "published that year. A table with the same numbers follows.",
        "Survey",
        marks,
    )


def top_venues(atlas: Atlas) -> Chart:
    counts = Counter(venue_series(p.venue) for p in atlas.papers.values() if p.venue)
    return charts.bar_chart("chart-venues", "Top venues", "papers", _top(counts))


def top_organizations(atlas: Atlas) -> Chart:
    counts = Counter(o for p in atlas.papers.values() for o in p.organizations)
    return charts.bar_chart("chart-orgs", "Top organisations", "papers", _top(counts))


def overlap_matrix(atlas: Atlas) -> Chart:
    ids = list(atlas.surveys)
    names = [atlas.surveys[sid].display_title for sid in ids]
    values = [[atlas.overlap.get((a, b), 0) for b in ids] for a in ids]
    return charts.heat_map(
        "chart-overlap",
        "Papers shared by each pair of surveys",
        [f"{i}. {name}" for i, name in enumerate(names, start=1)],
        names,
        values,
        "Rows and columns are surveys, numbered in the same order; each cell counts the "
        "papers both list, and the diagonal each survey's own total. A table follows.",
        "Survey",
        [str(i) for i in range(1, len(names) + 1)],
    )


def _top(counts: Counter[str]) -> list[tuple[str, int]]:
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0].casefold()))
    return ranked[:TOP_COUNT]


def stats_page(atlas: Atlas) -> Page:
    papers = list(atlas.papers.values())
    view = StatsView(
        papers=len(papers),
        surveys=len(atlas.surveys),
        topics=len(atlas.topics),
        with_code=sum(1 for p in papers if has_code(p)),
        cross_listed=sum(1 for p in papers if len(p.surveys) > 1),
        charts=[
            (
                "Papers per year",
                "How many of each survey's papers first appeared in each year.",
                papers_per_year(atlas),
            ),
            ("Top venues", "Venues with the most papers, all years together.", top_venues(atlas)),
            (
                "Top organisations",
                "Organisations named on the most papers.",
                top_organizations(atlas),
            ),
            (
                "Survey overlap",
                "How many papers each pair of surveys shares.",
                overlap_matrix(atlas),
            ),
        ],
    )
    return Page("stats/", "stats.md.j2", "Stats", view)
