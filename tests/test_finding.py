"""Finding papers: search entries, facets, the explore form, charts, the feed (#6)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from surveyatlas import pipeline
from surveyatlas.atlas import Atlas, build_index
from surveyatlas.explore import explore_view
from surveyatlas.feeds import atom_feed
from surveyatlas.loader import load_content
from surveyatlas.paperpage import paper_page
from surveyatlas.schema import Paper
from surveyatlas.search import ALL_PAPERS_WORD, search_entry, venue_series
from surveyatlas.stats import stats_page
from surveyatlas.svg.timeline import Row, draw_timeline, make_scale, short_name

from .conftest import ATLAS, ROOT, TODAY, Scratch

ATOM = "{http://www.w3.org/2005/Atom}"
SVG = "{http://www.w3.org/2000/svg}"


def fixture_atlas() -> Atlas:
    content = load_content(ATLAS / "content", today=TODAY)
    return build_index(content.surveys, content.papers, content.files)


def paper(pid: str, date: str, title: str = "A Paper") -> Paper:
    return Paper.model_validate(
        {
            "id": pid,
            "title": title,
            "authors": ["Ada Example"],
            "date": date,
            "links": {"paper": "https://example.org/"},
            "topics": ["s/t"],
            "added": "2026-01-01",
        },
        context={"today": TODAY},
    )


# --------------------------------------------------------------------------- search


@pytest.mark.parametrize(
    ("venue", "series"),
    [
        ("NeurIPS 2023", "NeurIPS"),
        ("Findings of ACL 2024", "Findings of ACL"),
        ("ICLR", "ICLR"),
        ("EMNLP, 2022", "EMNLP"),
        ("2023", "2023"),
    ],
)
def test_venue_series_drops_the_year(venue: str, series: str) -> None:
    assert venue_series(venue) == series


def test_search_entry_declares_meta_filters_and_sort_keys() -> None:
    atlas = fixture_atlas()
    entry = search_entry(atlas, atlas.papers["vislm"])
    assert dict(entry.meta) == {
        "year": "2023",
        "date": "2023-04-17",
        "surveys": "Vision-language",
        "authors": "Ada Example, Bo Sample, Cy Test, Di Person",
        "venue": "NeurIPS 2023",
    }
    assert entry.filters == [
        ("survey", "vision-language"),
        ("topic", "vision-language/architecture/connectors"),
        ("topic", "vision-language/training/instruction-tuning"),
        ("year", "2023"),
        ("venue", "NeurIPS"),
        ("org", "Example University"),
        ("code", "yes"),
    ]
    assert entry.sort == [
        ("date", "2023-04-17"),
        ("title", "vislm teaching a language model to look"),
    ]
    year_only = search_entry(atlas, atlas.papers["pretrain-mix"])
    assert ("date", "2023-00-00") in year_only.sort  # sorts before any month of 2023
    assert ("code", "no") in year_only.filters


def test_only_paper_pages_are_marked_for_the_index() -> None:
    result = pipeline.build(ATLAS / "content", ROOT / "templates", today=TODAY)
    assert result.site is not None
    marked = {path for path, text in result.site.pages.items() if "data-pagefind-body" in text}
    assert marked == {f"papers/{pid}/index.md" for pid in result.atlas.papers}  # type: ignore[union-attr]


# --------------------------------------------------------------------------- facets


def facet_atlas(scratch: Scratch) -> Atlas:
    scratch.write(
        "surveys/mm.yml",
        """
        id: mm
        title: A Multimodal Survey
        short_title: MM
        authors: [Ada Example]
        description: Facets for one test.
        facets:
          - id: input
            name: Input modalities
            multiple: true
            options:
              - {id: text, name: Text}
              - {id: image, name: Image}
              - {id: audio, name: Audio}
          - id: design
            name: Design
            options:
              - {id: tool-using, name: Tool-using}
              - {id: end-to-end, name: End-to-end}
        taxonomy:
          - {id: models, name: Models}
        """,
    )
    scratch.write(
        "papers/seer.yml",
        """
        id: seer
        title: "Seer: Looking and Listening"
        authors: [Ada Example]
        date: 2024-02
        links: {paper: "https://example.org/seer"}
        topics: [mm/models]
        facets:
          mm: {input: [image, text], design: end-to-end}
        summary: A test paper.
        added: 2026-11-01
        """,
    )
    content = load_content(scratch.root, today=TODAY)
    assert not content.errors, content.errors
    return build_index(content.surveys, content.papers, content.files)


def test_facets_show_on_the_paper_page_in_declared_order(scratch: Scratch) -> None:
    atlas = facet_atlas(scratch)
    view = paper_page(atlas, atlas.papers["seer"]).view
    rows = [(row.survey, row.name, [v.label for v in row.values]) for row in view.facets]
    assert rows == [("MM", "Input modalities", ["Text", "Image"]), ("MM", "Design", ["End-to-end"])]
    assert view.facets[0].values[1].url == "explore/?mm%2Finput=image"
    assert ("mm/input", "image") in view.search.filters
    assert ("mm/design", "end-to-end") in view.search.filters


def test_facets_are_explore_filters_with_counts(scratch: Scratch) -> None:
    atlas = facet_atlas(scratch)
    facets = explore_view(atlas).facets
    assert [(f.key, f.label) for f in facets] == [
        ("mm/input", "Input modalities (MM)"),
        ("mm/design", "Design (MM)"),
    ]
    assert [(o.value, o.count) for o in facets[0].options] == [
        ("text", 1),
        ("image", 1),
        ("audio", 0),
    ]


def test_explore_form_offers_every_survey_topic_and_year() -> None:
    atlas = fixture_atlas()
    view = explore_view(atlas)
    assert [o.value for o in view.surveys] == list(atlas.surveys)
    assert sorted(o.value for g in view.topics for o in g.options) == sorted(atlas.topics)
    assert view.years == list(range(2021, 2025))
    assert [(o.value, o.count) for o in view.venues] == [
        ("ICLR", 1),
        ("Journal of Made-Up Results", 1),
        ("NeurIPS", 1),
    ]


# --------------------------------------------------------------------------- charts


def test_svg_labels_are_escaped_and_the_svg_is_well_formed() -> None:
    hostile = paper("x", "2024-03", '<script>alert(1)</script> & "quotes"')
    chart = draw_timeline("t", "Rows <b>", [Row("<img src=x onerror=alert(2)>", [hostile])])
    svg = str(chart.svg)
    assert "<script" not in svg and "<img" not in svg and "<b>" not in svg
    root = ET.fromstring(svg)  # well-formed XML
    texts = ["".join(el.itertext()) for el in root.iter(f"{SVG}title")]
    assert "Rows <b>" in texts
    assert any('<script>alert(1)</script> & "quotes"' in t for t in texts)
    assert root.get("role") == "img" and root.get("aria-labelledby") == "t-t t-d"


def test_timeline_scale_keeps_recent_years_wide() -> None:
    papers = [paper(f"p{i}", f"{2015 + i % 10}-0{1 + i % 9}") for i in range(200)]
    papers.append(paper("classic", "1997-11"))
    scale = make_scale(papers)
    assert scale.early and scale.first // 12 == 2015 and scale.last // 12 == 2025
    assert scale.key(papers[-1]) == scale.EARLY and scale.label(scale.EARLY) == "before 2015"
    chart = draw_timeline("t", "T", [Row("all", papers)])
    assert chart.table.head[:3] == ["", "Before 2015", "2015"]
    assert chart.table.rows[0][1] == "1" and chart.table.rows[0][-1] == "201"


def test_short_names_come_from_the_title() -> None:
    assert short_name("QLoRA: Efficient Finetuning of Quantized LLMs") == "QLoRA"
    assert (
        short_name("Visual Instruction Tuning") == "Visual Instruction Tu…"
    )  # 22 characters at most


def test_stats_overlap_counts_shared_papers() -> None:
    atlas = fixture_atlas()
    charts = {c.id: c for _, _, c in stats_page(atlas).view.charts}
    table = charts["chart-overlap"].table
    assert table.head == ["Survey", "Vision-language", "Efficient tuning"]
    assert table.rows == [["1. Vision-language", "6", "1"], ["2. Efficient tuning", "1", "2"]]
    venues = charts["chart-venues"].table.rows
    assert ["NeurIPS", "1"] in venues
    years = charts["chart-years"].table
    assert years.head == ["Survey", "2021", "2022", "2023", "2024"]
    assert years.rows[1] == ["Efficient tuning", "1", "0", "1", "0"]


# --------------------------------------------------------------------------- the feed


def test_atom_feed_is_well_formed_newest_first_and_escaped() -> None:
    atlas = fixture_atlas()
    feed = ET.fromstring(atom_feed(atlas, "https://atlas.example/"))
    assert feed.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated"):
        assert feed.find(f"{ATOM}{name}") is not None
    assert feed.findtext(f"{ATOM}updated") == "2026-11-02T00:00:00Z"  # newest `added`
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}id").rsplit("/", 1)[-1] for e in entries][:2] == [  # type: ignore[union-attr]
        "hostile-title",
        "quantlr",
    ]
    hostile = entries[0]
    assert hostile.findtext(f"{ATOM}title") == atlas.papers["hostile-title"].title
    link = hostile.find(f"{ATOM}link")
    assert link is not None and link.get("href") == "https://atlas.example/papers/hostile-title/"
    for entry in entries:
        for name in ("id", "title", "updated", "summary"):
            assert entry.findtext(f"{ATOM}{name}"), name
    authors = [a.findtext(f"{ATOM}name") for a in hostile.findall(f"{ATOM}author")]
    assert authors == ["<img src=x onerror=alert(3)>"]  # "others" is not an author


def test_feed_without_a_site_url_links_relative_and_is_reproducible() -> None:
    atlas = fixture_atlas()
    first, second = atom_feed(atlas), atom_feed(fixture_atlas())
    assert first == second
    feed = ET.fromstring(first)
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == "feed.xml"  # type: ignore[union-attr]


def test_empty_atlas_feed_is_still_valid() -> None:
    atlas = build_index({}, {}, {})
    feed = ET.fromstring(atom_feed(atlas))
    assert feed.findtext(f"{ATOM}updated") == "1970-01-01T00:00:00Z"
    assert feed.findall(f"{ATOM}entry") == []


def test_the_all_papers_word_is_on_every_paper_page_and_in_the_script() -> None:
    result = pipeline.build(ATLAS / "content", ROOT / "templates", today=TODAY)
    assert result.site is not None
    for path, text in result.site.pages.items():
        body = text.split("data-pagefind-body", 1)
        has_word = len(body) == 2 and ALL_PAPERS_WORD in body[1].split("</article>", 1)[0]
        assert has_word == path.startswith("papers/"), path
    script = (ROOT / "site_src" / "assets" / "atlas.js").read_text(encoding="utf-8")
    assert f'const ALL_PAPERS = "{ALL_PAPERS_WORD}";' in script
