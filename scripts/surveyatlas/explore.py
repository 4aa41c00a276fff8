"""The search page (``search/``) and the explore page (``explore/``).

Both run in the browser over the Pagefind index (see ``search.py``); here we only
prepare what the forms offer: surveys, topics, years, the commonest venues and
organisations, and each survey's facets, with the number of papers behind each.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from .atlas import Atlas
from .page import Page
from .search import facet_filter_name, venue_series

SUGGESTED_VALUES = 300  # venues and organisations offered as suggestions; any can be typed


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    count: int


@dataclass(frozen=True)
class OptionGroup:
    label: str
    options: list[Option]


@dataclass(frozen=True)
class FacetFilter:
    key: str  # the Pagefind filter name and URL parameter, "<survey>/<facet>"
    label: str
    options: list[Option]


@dataclass(frozen=True)
class ExploreView:
    surveys: list[Option]
    topics: list[OptionGroup]
    years: list[int]  # oldest first
    venues: list[Option]
    organizations: list[Option]
    facets: list[FacetFilter]
    total: int


def survey_options(atlas: Atlas) -> list[Option]:
    return [
        Option(sid, survey.display_title, len(atlas.survey_papers[sid]))
        for sid, survey in atlas.surveys.items()
    ]


def topic_groups(atlas: Atlas) -> list[OptionGroup]:
    """Every topic, grouped by survey, labelled with its path of names."""
    groups = []
    for sid, survey in atlas.surveys.items():
        options = []
        for path, entry in atlas.topics.items():
            if entry.survey_id != sid:
                continue
            label = " › ".join(step.name for step in atlas.topic_trail(path))
            options.append(Option(path, label, entry.total))
        groups.append(OptionGroup(survey.display_title, options))
    return groups


def common_values(values: Counter[str], limit: int = SUGGESTED_VALUES) -> list[Option]:
    ranked = sorted(values.items(), key=lambda item: (-item[1], item[0].casefold()))
    return [Option(value, value, count) for value, count in ranked[:limit]]


def facet_filters(atlas: Atlas) -> list[FacetFilter]:
    counts: Counter[tuple[str, str, str]] = Counter()
    for paper in atlas.papers.values():
        for sid, facets in paper.facets.items():
            for fid, value in facets.items():
                for option in value if isinstance(value, list) else [value]:
                    counts[(sid, fid, option)] += 1
    filters = []
    for sid, survey in atlas.surveys.items():
        for facet in survey.facets:
            options = [Option(o.id, o.name, counts[(sid, facet.id, o.id)]) for o in facet.options]
            label = f"{facet.name} ({survey.display_title})"
            filters.append(FacetFilter(facet_filter_name(sid, facet.id), label, options))
    return filters


def explore_view(atlas: Atlas) -> ExploreView:
    papers = list(atlas.papers.values())
    years = sorted({p.year for p in papers})
    return ExploreView(
        surveys=survey_options(atlas),
        topics=topic_groups(atlas),
        years=list(range(years[0], years[-1] + 1)) if years else [],
        venues=common_values(Counter(venue_series(p.venue) for p in papers if p.venue)),
        organizations=common_values(Counter(o for p in papers for o in p.organizations)),
        facets=facet_filters(atlas),
        total=len(papers),
    )


def explore_pages(atlas: Atlas) -> list[Page]:
    return [
        Page("search/", "search.md.j2", "Search", len(atlas.papers)),
        Page("explore/", "explore.md.j2", "Explore", explore_view(atlas)),
    ]
