"""Field rules: each bad value gets the message a contributor needs."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from pydantic import TypeAdapter, ValidationError

from surveyatlas import fields as f

TODAY = dt.date(2026, 11, 21)


def error_of(annotation: Any, value: object) -> str:
    with pytest.raises(ValidationError) as info:
        TypeAdapter(annotation).validate_python(value, context={"today": TODAY})
    return info.value.errors()[0]["msg"]


def ok(annotation: Any, value: object) -> object:
    return TypeAdapter(annotation).validate_python(value, context={"today": TODAY})


@pytest.mark.parametrize("value", ["2023", "2023-04", "2023-04-17", "1999-12-31", "2026-11-21"])
def test_fuzzy_dates_accepted(value: str) -> None:
    assert ok(f.FuzzyDate, value) == value


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2023/04", "expected YYYY, YYYY-MM or YYYY-MM-DD, got '2023/04'"),
        ("23-04", "expected YYYY, YYYY-MM or YYYY-MM-DD, got '23-04'"),
        ("2023-4", "expected YYYY, YYYY-MM or YYYY-MM-DD, got '2023-4'"),
        ("2023-13", "month 13 does not exist in '2023-13'"),
        ("2023-02-30", "'2023-02-30' is not a real date"),
        ("2027-01", "'2027-01' is in the future"),
        ("2026-11-22", "'2026-11-22' is in the future"),
        ("1850", "year 1850 is before 1900"),
    ],
)
def test_fuzzy_dates_refused(value: str, message: str) -> None:
    assert error_of(f.FuzzyDate, value) == message


@pytest.mark.parametrize(
    "value", ["2304.08485", "0704.0001", "1412.6980", "hep-th/9901001", "math.GT/0309136"]
)
def test_arxiv_ids_accepted(value: str) -> None:
    assert ok(f.ArxivId, value) == value


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2304.08485v2", "write the bare, unversioned id '2304.08485', not '2304.08485v2'"),
        ("arXiv:2304.08485", "write the bare, unversioned id '2304.08485', not 'arXiv:2304.08485'"),
        (
            "https://arxiv.org/abs/2304.08485",
            "write the bare, unversioned id '2304.08485', not 'https://arxiv.org/abs/2304.08485'",
        ),
        (
            "2500.00000",
            "expected an arXiv id like '2304.08485' or 'hep-th/9901001', got '2500.00000'",
        ),
        (
            "2304.0848",
            "expected an arXiv id like '2304.08485' or 'hep-th/9901001', got '2304.0848'",
        ),
        (
            "1412.06980",
            "expected an arXiv id like '2304.08485' or 'hep-th/9901001', got '1412.06980'",
        ),
        ("２３０４.０８４８５", "contains the non-ASCII character '２' (U+FF12)"),
        ("2304.0848\u200b5", "contains an invisible character '\u200b' (U+200B)"),
    ],
)
def test_arxiv_ids_refused(value: str, message: str) -> None:
    assert error_of(f.ArxivId, value) == message


@pytest.mark.parametrize(
    "value",
    [
        "https://github.com/haotian-liu/LLaVA",
        "http://example.org/a?b=c&d=e#f",
        "https://xn--bcher-kva.example/",
    ],
)
def test_urls_accepted(value: str) -> None:
    assert ok(f.Url, value) == value


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        ("javascript:alert(1)", "url_scheme"),
        ("JavaScript:alert(1)", "url_scheme"),
        ("data:text/html,<b>", "url_chars"),
        ("data:text/html;base64,PHNjcmlwdD4=", "url_scheme"),
        ("vbscript:msgbox", "url_scheme"),
        ("//example.org/x", "url_scheme"),
        ("example.org", "url_scheme"),
        ("HTTPS://example.org", "url_scheme"),
        ("ftp://example.org/file", "url_scheme"),
        ("https://", "url_host"),
        ("https://localhost/", "url_host"),
        ("https://user:pw@example.org/", "url_userinfo"),
        ("https://github.com@evil.example/", "url_userinfo"),
        ("https://аrxiv.org/abs/1", "url_host_unicode"),
        ("https://example.org/a b", "url_chars"),
        ('https://example.org/"onmouseover=alert(1)', "url_chars"),
        ("https://example.org/<script>", "url_chars"),
        (" https://example.org/", "url_chars"),
        ("https://exa_mple.org/", "url_host"),
        ("https://example.org:99999/", "url_format"),
    ],
)
def test_urls_refused(value: str, kind: str) -> None:
    with pytest.raises(ValidationError) as info:
        TypeAdapter(f.Url).validate_python(value)
    assert info.value.errors()[0]["type"] == kind


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("Has\nnewline", "must be a single line (no line breaks or tabs)"),
        ("Has\ttab", "must be a single line (no line breaks or tabs)"),
        (" padded", "has leading or trailing spaces"),
        ("   ", "must not be empty"),
        (
            "Bidi \u202e override",
            "contains the invisible character U+202E (RIGHT-TO-LEFT OVERRIDE) at position 6",
        ),
        (
            "Zero\u200bwidth",
            "contains the invisible character U+200B (ZERO WIDTH SPACE) at position 5",
        ),
    ],
)
def test_one_line_text_refused(value: str, message: str) -> None:
    assert error_of(f.Title, value) == message


def test_joiners_are_allowed_in_prose() -> None:
    assert ok(f.Title, "Emoji 👩\u200d💻 sequence") == "Emoji 👩\u200d💻 sequence"


def test_title_length_limit() -> None:
    assert error_of(f.Title, "x" * 301) == "String should have at most 300 characters"


@pytest.mark.parametrize(
    ("value", "ok_"),
    [
        ("llava", True),
        ("blip-2", True),
        ("a1", True),
        ("LLaVA", False),
        ("-x", False),
        ("x--y", False),
        ("page", False),
    ],
)
def test_slugs(value: str, ok_: bool) -> None:
    if ok_:
        assert ok(f.Slug, value) == value
    else:
        with pytest.raises(ValidationError):
            TypeAdapter(f.Slug).validate_python(value)


def test_doi_rules() -> None:
    assert ok(f.Doi, "10.18653/v1/2023.acl-long.1") == "10.18653/v1/2023.acl-long.1"
    assert (
        error_of(f.Doi, "https://doi.org/10.1145/3394486.3406703")
        == "write the bare DOI '10.1145/3394486.3406703', not 'https://doi.org/10.1145/3394486.3406703'"
    )
    assert "expected a DOI" in error_of(f.Doi, "doi-ish")


def test_full_date_is_strict() -> None:
    assert ok(f.FullDate, "2026-11-21") == dt.date(2026, 11, 21)
    assert error_of(f.FullDate, "1700000000") == "expected YYYY-MM-DD, got '1700000000'"
    assert error_of(f.FullDate, "2026-11-30") == "'2026-11-30' is in the future"


@pytest.mark.parametrize(
    "value", ["Evil \x1b[2J title", "CSI \x9b31m", "bell \x07", "nul \x00 byte"]
)
def test_control_characters_written_as_escapes_are_refused(value: str) -> None:
    assert error_of(f.Title, value).startswith("contains the control character U+")
    assert error_of(f.Summary, value).startswith("contains the control character U+")


def test_prose_keeps_line_breaks_and_tabs() -> None:
    assert ok(f.Summary, "One.\n\n\tTwo.") == "One.\n\n\tTwo."


def test_reserved_words_are_fine_as_tags() -> None:
    assert ok(f.Tag, "search") == "search"
    with pytest.raises(ValidationError):
        TypeAdapter(f.Slug).validate_python("search")
