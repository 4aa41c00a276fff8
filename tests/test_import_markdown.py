"""Reading awesome lists: titles, authors, venues, links and sections in every style the
survey lists use (fixtures in tests/fixtures/import are written for these tests)."""

from __future__ import annotations

from pathlib import Path

import pytest

from surveyatlas.importers.lineparse import clean_title, parse_line
from surveyatlas.importers.markdown import extract_markdown, heading_name
from surveyatlas.importers.mdtree import strip_comments
from surveyatlas.importers.newpaper import choose_id, paper_date
from surveyatlas.importers.people import parse_authors, split_et_al
from surveyatlas.importers.records import Candidate
from surveyatlas.importers.spans import flatten, make_parser
from surveyatlas.importers.topics import TopicPlanner
from surveyatlas.importers.venues import parse_venue
from surveyatlas.schema import Survey

FIXTURES = Path(__file__).parent / "fixtures" / "import"


def extract(name: str) -> dict[int, Candidate]:
    result = extract_markdown((FIXTURES / name).read_text(encoding="utf-8"), name)
    return {c.line: c for c in result.candidates}


def skips(name: str) -> dict[int, str]:
    result = extract_markdown((FIXTURES / name).read_text(encoding="utf-8"), name)
    return {s.line: s.reason for s in result.skipped}


def line(source: str):  # type: ignore[no-untyped-def]
    tokens = make_parser().parse(source)
    inline = next(t for t in tokens if t.type == "inline")
    return parse_line(flatten(inline.children or []))


def test_bold_titles_with_bracketed_links() -> None:
    found = extract("bold_list.md")
    glimpse = found[55]
    assert glimpse.title == "GlimpseNet: Looking at Fewer Patches"
    assert glimpse.name == "GlimpseNet"
    assert glimpse.authors == ["Ana Quill", "others"]
    assert (glimpse.venue, glimpse.year) == ("CVPR 2023", 2023)
    assert glimpse.arxiv == "2305.01234"  # from a versioned pdf link
    assert glimpse.links == {"code": "https://github.com/example/glimpsenet"}
    assert found[56].authors == ["Bram Oak", "others"]  # "*Bram Oak* et al."
    assert found[60].venue == "ICLR 2023"  # "ICLR'23"
    assert found[60].links == {"paper": "https://openreview.net/forum?id=abc123"}
    assert found[66].doi == "10.18653/v1/2024.acl-long.99"


def test_sections_follow_headings_and_bold_lines() -> None:
    found = extract("bold_list.md")
    assert found[55].section == ("Paper List", "Architecture", "Vision Encoders", "Patch Encoders")
    assert found[60].section[-1] == "Grid Encoders"
    assert found[65].section == ("Paper List", "Architecture", "Connectors & Projectors")
    assert found[72].section == ("Paper List", "Training", "Instruction Tuning")


def test_html_table_rows_align_under_rowspans() -> None:
    found = extract("bold_list.md")
    assert (found[28].title, found[28].arxiv, found[28].title_is_name) == (
        "VisLM",
        "2304.00011",
        True,
    )
    # the row after a rowspan, and a row whose </tr> is missing
    assert (found[34].title, found[34].year, found[34].month) == ("GlimpseNet", 2023, 5)
    assert found[38].title == "Orbit-1"


def test_links_outside_list_items_are_accounted_for() -> None:
    reasons = skips("bold_list.md")
    assert reasons[3].startswith("outside any section")
    assert reasons[5].startswith("inside a code block")
    dated = skips("dated_list.md")
    assert dated[1] == "a heading, not a list item"
    assert dated[10] == "inside an HTML comment, hidden on GitHub"


def test_plain_items_with_emoji_parenthesised_venues_and_continuations() -> None:
    found = extract("plain_list.md")
    assert found[9].title == "Rolling Encoders: Updating Vision Backbones Without Forgetting"
    assert found[10].title == "Token Budgets for Lifelong Captioning"
    assert (found[10].venue, found[10].year) == ("ACL 2022, Demo Track", 2022)
    assert (found[11].title, found[11].arxiv) == ("Long Titles Broken Over", "2401.08888")
    assert found[14].bad_arxiv == "https://arxiv.org/abs/2402.0376"


def test_dated_items_with_authors_and_venue_in_emphasis() -> None:
    found = extract("dated_list.md")
    assert (found[5].year, found[5].month) == (2023, 3)
    assert found[5].authors == ["Gil Moss", "others"]
    # the venue year is earlier than the list's date: the earlier one counts
    assert (found[12].venue, found[12].year, found[12].month) == ("EMNLP 2018", 2018, None)
    assert found[14].title == "Attributing Answers to Regions"  # the [note] is dropped
    assert found[14].authors == ["Jo Fern", "Kai Dale", "others"]
    assert found[14].venue == "NeurIPS ATTRIB Workshop 2023"
    assert 10 not in found  # commented out


def test_inverted_names_latex_accents_and_closing_typo_comment() -> None:
    found = extract("underscore_list.md")
    assert found[14].authors == ["P.-Q. Nadal", "others"]
    assert found[14].venue is None and found[14].year == 2023  # "arKiv 2023"
    assert found[15].authors == ["O. Tarján", "others"]
    assert found[14].section == ("Approaches", "Image Augmentation", "Text Prompt-driven")


def test_ins_venues_nicknames_and_tables_without_links() -> None:
    found = extract("ins_list.md")
    assert (found[12].title, found[12].year, found[12].venue) == (
        "Tinylook: A small vision language assistant",
        2024,
        None,
    )
    assert (found[13].title, found[13].name) == ("Efficient learning from curated data", "Bunny2")
    assert found[15].venue == "CVPR 2023"
    assert found[16].bad_arxiv


def test_record_style_entries_with_fields() -> None:
    found = extract("record_list.md")
    vislm = found[5]
    assert vislm.title == "VisLM: Teaching a Language Model to Look"
    assert (vislm.arxiv, vislm.venue, vislm.organizations) == (
        "2304.00011",
        "NeurIPS 2023",
        ["Example University"],
    )
    assert vislm.links["code"] == "https://github.com/example/vislm"
    notes = found[13]  # fields indented too little to nest: still this entry's fields
    assert notes.arxiv == "2401.07171"  # a bare URL without scheme
    assert notes.authors == ["Ana Quill", "Cleo Birch"]
    assert notes.links["code"] == "https://github.com/example/pixel-notes"
    assert notes.section == ("多模态篇",)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Colin Example et al.", ["Colin Example", "others"]),
        ("Surname, X.-J. et al.", ["X.-J. Surname", "others"]),
        ("Ye, Xi et al", ["Xi Ye", "others"]),
        ("Example Team.", ["Example Team"]),
        ("Ana Quill, Cleo Birch, Dov Elm el al.", ["Ana Quill", "Cleo Birch", "Dov Elm", "others"]),
        ("I-Hung Hsu1 et al.", ["I-Hung Hsu", "others"]),
        ("Annoymous et al.", []),
        ("Li, Yun and Hui, Bin", ["Yun Li", "Bin Hui"]),
    ],
)
def test_author_lists(text: str, names: list[str]) -> None:
    part, shortened, _ = split_et_al(text)
    assert parse_authors(part, shortened) == names


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (". JMLR 2019. [", ("JMLR 2019", 2019)),
        ("arXiv 2021.", (None, 2021)),
        ("findings of ACL'22", ("findings of ACL 2022", 2022)),
        ("2023.  paper(Stay Tuned", (None, 2023)),
        ("Proceedings of a Workshop.", ("Proceedings of a Workshop", None)),
    ],
)
def test_venues(text: str, expected: tuple[str | None, int | None]) -> None:
    assert parse_venue(text) == expected


def test_quotes_markers_and_glued_emphasis() -> None:
    facts = line(
        '13. **"A Title"**. S*ang Mi Xie et al*. ICLR 2022. [[P](https://arxiv.org/abs/2111.02080)]'
    )
    assert facts.title == "A Title" and facts.authors == ["Sang Mi Xie", "others"]
    facts = line(
        "86. **”Curly Quotes“**. Laskar et al.* ACL'23. [[Paper]](https://arxiv.org/abs/2305.18486)"
    )
    assert facts.title == "Curly Quotes" and facts.authors == ["Laskar", "others"]
    assert facts.facts.arxiv == "2305.18486"


def test_heading_names_lose_numbering_and_markers() -> None:
    assert heading_name("🚀(New) 2.1 Fact Checking:") == "Fact Checking"
    assert heading_name("🌟 Introduction") == "Introduction"


def test_comments_are_blanked_keeping_line_numbers() -> None:
    text = "a\n<!-- x https://arxiv.org/abs/2301.00001\n y -->\nb --!> c\n<!-- z --!> d"
    visible, hidden = strip_comments(text)
    assert visible.count("\n") == text.count("\n")
    assert hidden == [(2, "<!-- x https://arxiv.org/abs/2301.00001")]
    assert visible.split("\n")[4].strip() == "d"


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("DSI：Transformer Memory as a Search Index", "DSI: Transformer Memory as a Search Index"),
        ("Query2doc： Query Expansion", "Query2doc: Query Expansion"),
        ("Long range arena : A benchmark", "Long range arena: A benchmark"),
        ("人工智能是否能像人类一样具备创造力？", "人工智能是否能像人类一样具备创造力？"),
        ("多模态：综述", "多模态：综述"),  # a colon between Chinese words stays full-width
        ("Mixing 3 : 1 Ratios", "Mixing 3 : 1 Ratios"),
        ("https://arxiv.org/abs/2312.10032", ""),  # an address is not a title
    ],
)
def test_titles_lose_colons_typed_in_chinese_input(text: str, title: str) -> None:
    assert clean_title(text) == title


def test_headings_whose_slugs_collide_stay_apart() -> None:
    survey = Survey.model_validate(
        {
            "id": "notes",
            "title": "Notes",
            "authors": ["A. Writer"],
            "year": 2024,
            "description": "Fixture.",
            "taxonomy": [{"id": "qa", "name": "Question answering"}],
        }
    )
    planner = TopicPlanner(survey)
    medical = planner.place(("医疗领域QA问答",)).topic
    legal = planner.place(("法律领域QA问答",)).topic
    english = planner.place(("QA",)).topic  # an ASCII heading still finds the topic by id
    assert len({medical, legal, english}) == 3
    assert english == "notes/qa"
    assert [t.name for t in planner.created] == ["医疗领域QA问答", "法律领域QA问答"]
    assert planner.place(("医疗领域QA问答",)).topic == medical  # found again by name


@pytest.mark.parametrize(
    ("title", "name", "expected"),
    [
        ("RoBERTa: A Robustly Optimized Pretraining Approach", "CC-NEWS", "roberta"),
        ("Multitask Prompted Training", "T0", "t0"),  # no name in the title: the line's
        ("A General Language Assistant", "Anthropic", "example2021general"),
        ("ChatGPT: The End of Exam Integrity?", None, "example2021chatgpt"),
    ],
)
def test_new_ids_prefer_the_papers_own_name(title: str, name: str | None, expected: str) -> None:
    candidate = Candidate(1, 1, "", title=title, name=name, authors=["Ana Example"])
    assert choose_id(candidate, "2021-05", set()) == expected


@pytest.mark.parametrize(
    ("url", "date"),
    [
        ("https://aclanthology.org/2023.acl-long.703.pdf", "2023"),
        ("https://aclanthology.org/P19-1001/", "2019"),
        ("https://openaccess.thecvf.com/content/CVPR2023/html/Kawar_Imagic.html", "2023"),
        ("https://openaccess.thecvf.com/content_cvpr_2018/papers/x.pdf", "2018"),
        ("https://proceedings.neurips.cc/paper_files/paper/2022/hash/abc-Abstract.html", "2022"),
        ("https://openreview.net/forum?id=PpSDVE5rAy", None),  # states no year
    ],
)
def test_a_line_without_a_year_is_dated_by_its_proceedings_address(
    url: str, date: str | None
) -> None:
    candidate = Candidate(1, 1, "", title="A Paper", links={"paper": url})
    assert paper_date(candidate) == date
