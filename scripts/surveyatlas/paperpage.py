"""The page of one paper (``papers/<id>/``): every field, where it is listed, how to cite it,
its survey facets, related papers, and what it tells the search index."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from .atlas import Atlas
from .bibtex import format_entry
from .page import Page
from .schema import Paper
from .search import SearchEntry, facet_filter_name, search_entry, venue_series
from .views import (
    Crumb,
    PaperCard,
    format_authors,
    format_date,
    listings,
    paper_card,
    paper_links,
)


@dataclass(frozen=True)
class Fact:
    label: str
    value: str
    url: str | None = None
    weight: int = 0  # a search weight for identifiers people type (0: the default)


@dataclass(frozen=True)
class FacetRow:
    survey: str  # the survey's display title
    name: str  # the facet's name
    values: list[Crumb]  # option names, each linking to the explore page filtered by it


@dataclass(frozen=True)
class PaperView:
    card: PaperCard
    authors: str
    facts: list[Fact]
    tags: list[Crumb]  # each links to a search for the tag
    organizations: list[Crumb]  # each links to the explore page filtered by it
    facets: list[FacetRow]
    listed_in: list[list[Crumb]]
    related: list[PaperCard]
    bibtex: str
    bibkey: str
    added: str
    added_iso: str
    search: SearchEntry


def explore_url(**filters: str) -> str:
    """A site-relative link to the explore page with these filters set."""
    return "explore/?" + urlencode(filters)


def paper_facts(paper: Paper) -> list[Fact]:
    facts = [Fact("Date", format_date(paper.date))]
    if paper.venue:
        facts.append(Fact("Venue", paper.venue, explore_url(venue=venue_series(paper.venue))))
    if paper.arxiv:
        facts.append(Fact("arXiv", paper.arxiv, f"https://arxiv.org/abs/{paper.arxiv}", 5))
    if paper.doi:
        doi_link = next(link.url for link in paper_links(paper) if link.kind == "doi")
        facts.append(Fact("DOI", paper.doi, doi_link, 5))
    return facts


def facet_rows(atlas: Atlas, paper: Paper) -> list[FacetRow]:
    """The survey facets the paper fills, in the order each survey declares them."""
    rows = []
    for survey_id, values in paper.facets.items():
        survey = atlas.surveys.get(survey_id)
        if survey is None:
            continue
        for facet in survey.facets:
            value = values.get(facet.id)
            if value is None:
                continue
            chosen = set(value if isinstance(value, list) else [value])
            key = facet_filter_name(survey_id, facet.id)
            options = [
                Crumb(option.name, explore_url(**{key: option.id}))
                for option in facet.options
                if option.id in chosen
            ]
            rows.append(FacetRow(survey.display_title, facet.name, options))
    return rows


def paper_page(atlas: Atlas, paper: Paper) -> Page:
    card = paper_card(paper, atlas)
    view = PaperView(
        card=card,
        authors=format_authors(paper.authors, limit=len(paper.authors) + 1),
        facts=paper_facts(paper),
        tags=[Crumb(tag, "search/?" + urlencode({"q": tag})) for tag in paper.tags],
        organizations=[Crumb(org, explore_url(org=org)) for org in paper.organizations],
        facets=facet_rows(atlas, paper),
        listed_in=listings(atlas, paper),
        related=[paper_card(atlas.papers[pid], atlas) for pid in atlas.related.get(paper.id, [])],
        bibtex=format_entry(paper, atlas.bibkeys[paper.id]),
        bibkey=atlas.bibkeys[paper.id],
        added=format_date(paper.added.isoformat()),
        added_iso=paper.added.isoformat(),
        search=search_entry(atlas, paper),
    )
    source = atlas.files.get(("papers", paper.id))
    return Page(card.url, "paper.md.j2", paper.title, view, source)
