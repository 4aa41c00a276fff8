"""The canonical YAML writer: layout, quoting, comments, and never changing a value."""

from __future__ import annotations

import datetime as dt
import os
import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from surveyatlas.yamlsource import parse_yaml
from surveyatlas.yamlwrite import FormatError, format_document, new_document, update_document


def dedent(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


PAPER = dedent(
    """
    # yaml-language-server: $schema=../schemas/paper.schema.json
    id: llava
    title: Visual Instruction Tuning
    authors:
      - Haotian Liu
      - Chunyuan Li
    date: 2023-04
    arxiv: "2304.08485"
    topics:
      - demo/models/vision
    summary: Links an image encoder to a language model.
    added: 2026-11-21
    """
)


def test_canonical_text_is_left_as_it_is() -> None:
    assert format_document(PAPER, "paper") == PAPER


def test_new_document_orders_keys_and_quotes_what_readers_would_misread() -> None:
    data = {
        "added": dt.date(2026, 11, 21),
        "summary": None,
        "topics": ["demo/models"],
        "arxiv": "2304.08485",
        "date": "2023",
        "authors": ["Ada Example", "others"],
        "title": "Gemini: A Family of Models",
        "id": "gemini",
    }
    assert new_document(data, "paper") == dedent(
        """
        # yaml-language-server: $schema=../schemas/paper.schema.json
        id: gemini
        title: "Gemini: A Family of Models"
        authors:
          - Ada Example
          - others
        date: "2023"
        arxiv: "2304.08485"
        topics:
          - demo/models
        summary: null
        added: 2026-11-21
        """
    )


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("NO", '"NO"'),  # YAML 1.1 boolean
        ("on", '"on"'),
        ("y", '"y"'),
        ("null", '"null"'),
        ("~", '"~"'),
        ("", '""'),
        ("1:20", '"1:20"'),  # YAML 1.1 sexagesimal
        ("0o17", '"0o17"'),  # YAML 1.2 octal
        ("1e3", '"1e3"'),
        (".inf", '".inf"'),
        ("0123", '"0123"'),
        ("2023-04-05T10:00:00", '"2023-04-05T10:00:00"'),
        ("2023-04-05", "2023-04-05"),  # a date both readers agree on
        ("2023-04", "2023-04"),
        ("3D point cloud", "3D point cloud"),
        ("- dash", '"- dash"'),
        ("a: b", '"a: b"'),
        ("ends with:", '"ends with:"'),
        ("a #b", '"a #b"'),
        ("a#b", "a#b"),
        ("[x]", '"[x]"'),
        ("x [y] {z}", "x [y] {z}"),
        (" lead", '" lead"'),
        ('say "hi"', 'say "hi"'),
        ('"quoted"', '"\\"quoted\\""'),
        ("tab\there", '"tab\\there"'),
        ("nbsp\u00a0here", '"nbsp\\xa0here"'),
        ("line\u2028sep", '"line\\u2028sep"'),
        ("Zürich 東京", "Zürich 東京"),
    ],
)
def test_scalar_style(value: str, written: str) -> None:
    text = new_document({"id": "x", "venue": value}, "paper")
    assert f"venue: {written}\n" in text
    data, problems = parse_yaml(text, "t")
    assert not problems
    assert data["venue"] == value


def test_arxiv_is_always_quoted_and_numbers_of_the_schema_stay_plain() -> None:
    paper = new_document({"id": "x", "arxiv": "hep-th/9901001"}, "paper")
    assert 'arxiv: "hep-th/9901001"' in paper
    survey = format_document(
        dedent(
            """
            id: s
            year: 2024
            facets:
              - id: input
                multiple: true
                options: [{id: text, name: Text}]
            """
        ),
        "survey",
    )
    assert "year: 2024\n" in survey
    assert "    multiple: true\n" in survey


def test_flow_collections_become_blocks_in_schema_order() -> None:
    text = dedent(
        """
        taxonomy:
          - {name: Models, id: models, children: [{id: vision, name: Vision}]}
        id: demo
        authors: [Ada, Bo]
        title: Demo
        """
    )
    assert format_document(text, "survey") == dedent(
        """
        # yaml-language-server: $schema=../schemas/survey.schema.json
        id: demo
        title: Demo
        authors:
          - Ada
          - Bo
        taxonomy:
          - id: models
            name: Models
            children:
              - id: vision
                name: Vision
        """
    )


def test_unknown_keys_are_kept_after_known_ones_in_their_order() -> None:
    text = "zeta: 1\nid: x\nalpha: [a]\ntitle: T\n"
    out = format_document(text, "paper")
    assert out.splitlines()[1:] == ["id: x", "title: T", 'zeta: "1"', "alpha:", "  - a"]
    data, _ = parse_yaml(out, "t")
    assert data == {"zeta": "1", "id": "x", "alpha": ["a"], "title": "T"}


def test_comments_move_with_their_entries() -> None:
    text = dedent(
        """
        # a note about the whole file
        title: Visual Instruction Tuning   # as on arXiv
        id: llava
        topics:
          # the main one
          - demo/models  # first
          - demo/data
        links: {code: https://example.org/x}  # code link
        # trailing thought
        """
    )
    out = format_document(text, "paper")
    assert out == dedent(
        """
        # yaml-language-server: $schema=../schemas/paper.schema.json
        id: llava
        # a note about the whole file
        title: Visual Instruction Tuning   # as on arXiv
        links:                                # code link
          code: https://example.org/x
        topics:
          # the main one
          - demo/models  # first
          - demo/data
        # trailing thought
        """
    )
    assert format_document(out, "paper") == out


def test_hash_inside_values_is_not_a_comment() -> None:
    text = dedent(
        """
        id: x
        title: "C# and F# # not a comment"
        summary: |
          Line one.
          # still the summary
        venue: a#b
        """
    )
    out = format_document(text, "paper")
    data, _ = parse_yaml(out, "t")
    assert data["title"] == "C# and F# # not a comment"
    assert data["summary"] == "Line one.\n# still the summary\n"
    assert "summary: |\n  Line one.\n  # still the summary\n" in out


def test_block_scalar_header_comment_is_kept() -> None:
    out = format_document("id: x\nsummary: |-  # two lines\n  a\n  b\n", "paper")
    assert "summary: |-  # two lines\n  a\n  b\n" in out


def test_folded_text_becomes_one_line() -> None:
    text = "id: s\ndescription: >-\n  A long\n  description.\n"
    assert "description: A long description.\n" in format_document(text, "survey")


def test_layout_is_normalised() -> None:
    text = "\ufeffid: x  \r\n\r\n\r\ntitle:    T\r\nauthors:\n- A\n- B\n\n\n"
    assert format_document(text, "paper") == dedent(
        """
        # yaml-language-server: $schema=../schemas/paper.schema.json
        id: x
        title: T
        authors:
          - A
          - B
        """
    )


def test_a_wrong_schema_line_is_replaced() -> None:
    text = "# yaml-language-server: $schema=../schemas/survey.schema.json\nid: x\n"
    out = format_document(text, "paper")
    assert out.count("yaml-language-server") == 1
    assert out.startswith("# yaml-language-server: $schema=../schemas/paper.schema.json\n")


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("id: x\ntitle: [unclosed\n", "<text>:3:1"),
        ("id: x\nid: y\n", "<text>:2:1"),
        ("- a\n- b\n", "<text>:1:1"),
    ],
)
def test_unparsable_text_is_refused_with_its_location(text: str, where: str) -> None:
    with pytest.raises(FormatError) as info:
        format_document(text, "paper")
    assert str(info.value).startswith(where)
    assert info.value.problems


def test_eol_comment_keeps_its_column_when_it_fits() -> None:
    text = "id: x                # slug\nvenue: NeurIPS 2023 # venue\n"
    out = format_document(text, "paper")
    assert "id: x                # slug\n" in out
    assert "venue: NeurIPS 2023 # venue\n" in out
    longer = format_document("id: x\ndate: 2023 # year only\n", "paper")
    assert 'date: "2023"  # year only\n' in longer


text_values = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
values = st.recursive(
    st.none() | text_values,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(text_values, inner, max_size=4),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(text_values, values, min_size=1, max_size=6))
def test_any_data_reads_back_the_same_and_formatting_is_idempotent(data: dict) -> None:
    text = new_document(data, "paper")
    reread, problems = parse_yaml(text, "t")
    assert not problems
    assert reread == data
    assert format_document(text, "paper") == text
    assert not any(line != line.rstrip() for line in text.splitlines())


# --------------------------------------------------------------------------- update


def test_update_edits_in_place_keeping_comments(tmp_path: Path) -> None:
    path = tmp_path / "x.yml"
    path.write_text(PAPER.replace("  - demo/models/vision", "  - demo/models/vision  # why"))

    def add_topic(data: dict) -> None:
        data["topics"].insert(0, "demo/data")

    assert update_document(path, add_topic, "paper") is True
    text = path.read_text()
    assert "topics:\n  - demo/data\n  - demo/models/vision  # why\n" in text
    assert update_document(path, lambda data: None, "paper") is False


def test_update_keeps_the_comment_of_a_removed_entry(tmp_path: Path) -> None:
    path = tmp_path / "x.yml"
    path.write_text("id: x\nvenue: V  # check this venue\ntitle: T\n")
    update_document(path, lambda data: data.pop("venue"), "paper")
    assert path.read_text().splitlines()[1:] == ["# check this venue", "id: x", "title: T"]


def test_update_refuses_when_the_file_changed_meanwhile(tmp_path: Path) -> None:
    path = tmp_path / "x.yml"
    path.write_text(PAPER)

    def someone_else_edits(data: dict) -> None:
        path.write_text(PAPER.replace("Visual", "Vision"))
        data["venue"] = "NeurIPS 2023"

    with pytest.raises(FileExistsError):
        update_document(path, someone_else_edits, "paper")
    assert "Vision Instruction" in path.read_text()
    assert not [p for p in os.listdir(tmp_path) if p != "x.yml"]


def test_update_of_a_broken_file_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "x.yml"
    path.write_text("id: x\ntitle: 'open\n")
    with pytest.raises(FormatError):
        update_document(path, lambda data: None, "paper")
    assert path.read_text() == "id: x\ntitle: 'open\n"


def test_update_that_changes_nothing_leaves_the_file_alone(tmp_path: Path) -> None:
    path = tmp_path / "x.yml"
    path.write_text("title: T\nid: x\n")
    assert update_document(path, lambda data: None, "paper") is False
    assert path.read_text() == "title: T\nid: x\n"


one_line = st.text(
    st.characters(exclude_categories=("Cs", "Cc", "Zl", "Zp")), min_size=0, max_size=20
)
flat_values = st.recursive(
    st.none() | one_line,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(one_line, inner, max_size=3),
    max_leaves=8,
)


@settings(max_examples=200, deadline=None)
@given(
    st.dictionaries(one_line, flat_values, min_size=1, max_size=5),
    st.lists(st.tuples(st.integers(0, 60), st.booleans()), max_size=6),
)
def test_comments_anywhere_survive_formatting(data: dict, places: list) -> None:
    """Comments put on any line, own-line or end-of-line, are all kept, and the data too."""
    lines = new_document(data, "paper").splitlines()
    for number, (at, own_line) in enumerate(places):
        index = 1 + at % len(lines)
        if own_line:
            indent = len(lines[index - 1]) - len(lines[index - 1].lstrip()) if index > 1 else 0
            lines.insert(index, " " * indent + f"# note {number}")
        else:
            lines[max(index, 2) - 1] += f"  # note {number}"  # not on the schema line
    text = "\n".join(lines) + "\n"
    reread, problems = parse_yaml(text, "t")
    if problems:  # a comment glued into a scalar's line can be invalid YAML: not our case
        return
    formatted = format_document(text, "paper")
    assert parse_yaml(formatted, "t")[0] == reread
    for number in range(len(places)):
        assert formatted.count(f"# note {number}") == text.count(f"# note {number}")
    assert format_document(formatted, "paper") == formatted


def test_update_refuses_a_symlink(tmp_path: Path) -> None:
    from surveyatlas.errors import FileError

    real = tmp_path / "real.yml"
    real.write_text(PAPER)
    link = tmp_path / "x.yml"
    link.symlink_to(real)
    with pytest.raises(FileError, match="symbolic link"):
        update_document(link, lambda data: data.update(venue="V"), "paper")
    assert link.is_symlink() and real.read_text() == PAPER
