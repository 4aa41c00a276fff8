"""Field types for the schema: each validates strictly and explains its failures.

The messages here are what contributors read, so each says what was expected,
what was found, and (through ``HINTS`` in :mod:`surveyatlas.schema`) how to fix it.
Patterns are also published in the JSON Schema so editors can check as you type.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from functools import lru_cache
from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import AfterValidator, BeforeValidator, Field, ValidationInfo
from pydantic_core import PydanticCustomError

from . import ids

FUZZY_DATE = re.compile(r"(?P<y>[0-9]{4})(?:-(?P<m>[0-9]{2})(?:-(?P<d>[0-9]{2}))?)?", re.ASCII)
FULL_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)
TOPIC_PATH = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*(?:/[a-z0-9]+(?:-[a-z0-9]+)*)+", re.ASCII)
_URL_FORBIDDEN = re.compile(r"[\s\"'<>\\^`{|}]")
# Tabs and every character Unicode or YAML treats as a line break.
_LINE_BREAKS = re.compile("[\t\n\r\v\f\x85\u2028\u2029]")
_HOST_LABEL = re.compile(r"(?!-)[a-z0-9-]{1,63}(?<!-)", re.ASCII)
RESERVED_SLUGS = frozenset({"page", "index", "assets", "search"})
EARLIEST_YEAR = 1900


def _fail(kind: str, message: str, **context: Any) -> PydanticCustomError:
    return PydanticCustomError(kind, message, context)


def _today(info: ValidationInfo | None) -> dt.date:
    context = info.context if info is not None and info.context else {}
    today = context.get("today")
    return today if isinstance(today, dt.date) else dt.date.today()


# --------------------------------------------------------------------------- text


_CONTROL_IN_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _check_text(value: str, *, one_line: bool, allow_joiners: bool) -> str:
    if not value.strip():
        raise _fail("text_empty", "must not be empty")
    if one_line and _LINE_BREAKS.search(value):
        raise _fail("text_one_line", "must be a single line (no line breaks or tabs)")
    if one_line and value != value.strip():
        raise _fail("text_whitespace", "has leading or trailing spaces")
    # The reader refuses raw control characters; a quoted string can still spell them
    # as escapes ("\x1b", "\u009b"), which would reach terminals and pages.
    control = _CONTROL_IN_TEXT.search(value)
    if control:
        raise _fail(
            "text_control",
            "contains the control character U+{code} at position {pos}",
            code=f"{ord(control.group()):04X}",
            pos=control.start() + 1,
        )
    bad = ids.invisible_chars(value, allow_joiners=allow_joiners)
    if bad:
        index, char = bad[0]
        name = unicodedata.name(char, "unnamed")
        raise _fail(
            "text_invisible",
            "contains the invisible character U+{code} ({name}) at position {pos}",
            code=f"{ord(char):04X}",
            name=name,
            pos=index + 1,
        )
    return value


def _check_line(value: str) -> str:
    return _check_text(value, one_line=True, allow_joiners=True)


def _check_prose(value: str) -> str:
    # Block scalars (`|`) end with a newline; the text itself is what counts.
    return _check_text(value, one_line=False, allow_joiners=True).strip()


_LINE = AfterValidator(_check_line)
_PROSE = AfterValidator(_check_prose)

Title = Annotated[str, Field(min_length=1, max_length=300), _LINE]
AuthorName = Annotated[str, Field(min_length=1, max_length=120), _LINE]
Name = Annotated[str, Field(min_length=1, max_length=160), _LINE]
Venue = Annotated[str, Field(min_length=1, max_length=160), _LINE]
Organization = Annotated[str, Field(min_length=1, max_length=160), _LINE]
Summary = Annotated[str, Field(min_length=1, max_length=1200), _PROSE]
Description = Annotated[str, Field(min_length=1, max_length=1200), _PROSE]


# --------------------------------------------------------------------------- slugs


def _check_slug_format(value: str) -> str:
    if not ids.SLUG.fullmatch(value):
        suggestion = ids.slugify(value)
        raise _fail(
            "slug_format",
            "expected lower-case letters, digits and single hyphens, got '{got}'",
            got=value,
            suggestion=suggestion,
        )
    return value


def _check_slug(value: str) -> str:
    # Ids become path segments of the site's URLs, so a few words are taken.
    _check_slug_format(value)
    if value in RESERVED_SLUGS:
        raise _fail("slug_reserved", "'{got}' is reserved for the site's own pages", got=value)
    return value


Slug = Annotated[
    str,
    Field(min_length=1, max_length=64, json_schema_extra={"pattern": ids.SLUG.pattern}),
    AfterValidator(_check_slug),
]
Tag = Annotated[  # tags are never path segments, so no word is reserved
    str,
    Field(min_length=1, max_length=40, json_schema_extra={"pattern": ids.SLUG.pattern}),
    AfterValidator(_check_slug_format),
]


def _check_topic_path(value: str) -> str:
    if not TOPIC_PATH.fullmatch(value):
        raise _fail(
            "topic_format",
            "expected a topic path like 'survey-id/topic/subtopic', got '{got}'",
            got=value,
        )
    return value


TopicPath = Annotated[
    str,
    Field(max_length=300, json_schema_extra={"pattern": TOPIC_PATH.pattern}),
    AfterValidator(_check_topic_path),
]


# --------------------------------------------------------------------------- arXiv, DOI


def _check_arxiv(value: str) -> str:
    bad = [ch for ch in value if not ch.isascii() or ch in ids.INVISIBLE]
    if bad:
        char = bad[0]
        raise _fail(
            "arxiv_chars",
            "contains {what} '{char}' (U+{code})",
            what="an invisible character" if not char.isprintable() else "the non-ASCII character",
            char=char,
            code=f"{ord(char):04X}",
            suggestion=ids.normalize_arxiv(value) or "",
        )
    if ids.is_canonical_arxiv(value):
        return value
    canonical = ids.normalize_arxiv(value)
    if canonical:
        raise _fail(
            "arxiv_canonical",
            "write the bare, unversioned id '{canonical}', not '{got}'",
            canonical=canonical,
            got=value,
            suggestion=canonical,
        )
    raise _fail(
        "arxiv_format",
        "expected an arXiv id like '2304.08485' or 'hep-th/9901001', got '{got}'",
        got=value,
    )


ArxivId = Annotated[
    str,
    Field(
        max_length=40,
        json_schema_extra={"pattern": f"^(?:{ids.ARXIV_NEW.pattern}|{ids.ARXIV_OLD.pattern})$"},
    ),
    AfterValidator(_check_arxiv),
]


def _check_doi(value: str) -> str:
    if ids.DOI.fullmatch(value) and value.isascii():
        return value
    canonical = ids.normalize_doi(value)
    if canonical:
        raise _fail(
            "doi_canonical",
            "write the bare DOI '{canonical}', not '{got}'",
            canonical=canonical,
            got=value,
        )
    raise _fail(
        "doi_format", "expected a DOI like '10.18653/v1/2023.acl-long.1', got '{got}'", got=value
    )


Doi = Annotated[
    str,
    Field(max_length=200, json_schema_extra={"pattern": f"^{ids.DOI.pattern}$"}),
    AfterValidator(_check_doi),
]


# --------------------------------------------------------------------------- dates


@lru_cache(maxsize=8192)  # sorting and grouping papers by date asks for the same few dates
def parse_fuzzy_date(value: str) -> tuple[int, int, int]:
    """(year, month or 0, day or 0) of a YYYY, YYYY-MM or YYYY-MM-DD string."""
    match = FUZZY_DATE.fullmatch(value)
    if not match:
        raise ValueError(value)
    year = int(match.group("y"))
    month = int(match.group("m") or 0)
    day = int(match.group("d") or 0)
    return year, month, day


def _check_fuzzy_date(value: str, info: ValidationInfo) -> str:
    match = FUZZY_DATE.fullmatch(value)
    if not match:
        raise _fail("date_format", "expected YYYY, YYYY-MM or YYYY-MM-DD, got '{got}'", got=value)
    year, month, day = parse_fuzzy_date(value)
    if match.group("m") is not None and not 1 <= month <= 12:
        raise _fail("date_value", "month {month} does not exist in '{got}'", month=month, got=value)
    if match.group("d") is not None:
        try:
            dt.date(year, month, day)
        except ValueError:
            raise _fail("date_value", "'{got}' is not a real date", got=value) from None
    today = _today(info)
    if year < EARLIEST_YEAR:
        raise _fail(
            "date_range", "year {year} is before {earliest}", year=year, earliest=EARLIEST_YEAR
        )
    if (year, month or 1, day or 1) > (today.year, today.month, today.day):
        raise _fail("date_future", "'{got}' is in the future", got=value)
    return value


FuzzyDate = Annotated[
    str,
    Field(json_schema_extra={"pattern": f"^{FUZZY_DATE.pattern}$"}),
    AfterValidator(_check_fuzzy_date),
]


def _check_full_date(value: Any, info: ValidationInfo) -> dt.date:
    if isinstance(value, dt.date):
        value = value.isoformat()
    if not isinstance(value, str) or not FULL_DATE.fullmatch(value):
        raise _fail("date_format", "expected YYYY-MM-DD, got '{got}'", got=value)
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise _fail("date_value", "'{got}' is not a real date", got=value) from None
    if day > _today(info) + dt.timedelta(days=1):
        raise _fail("date_future", "'{got}' is in the future", got=value)
    return day


# Validated before pydantic sees it, so only the exact YYYY-MM-DD text is accepted
# (pydantic alone would take timestamps and other forms).
FullDate = Annotated[dt.date, BeforeValidator(_check_full_date)]


def _check_year(value: int, info: ValidationInfo) -> int:
    if not EARLIEST_YEAR <= value <= _today(info).year:
        raise _fail("year_range", "year {got} is out of range", got=value)
    return value


Year = Annotated[int, AfterValidator(_check_year)]


# --------------------------------------------------------------------------- URLs


def check_url(value: str) -> str:
    """An absolute http(s) URL with an ASCII host and nothing that could break out of markup."""
    if value != value.strip() or _URL_FORBIDDEN.search(value):
        raise _fail(
            "url_chars",
            "URL contains a space, quote, angle bracket or other character that must be "
            "percent-encoded",
        )
    try:
        parts = urlsplit(value)
    except ValueError:
        raise _fail("url_format", "not a valid URL: '{got}'", got=value) from None
    if parts.scheme not in ("http", "https") or not value.startswith(parts.scheme + "://"):
        raise _fail(
            "url_scheme",
            "URL must start with http:// or https://, got '{got}'",
            got=value[:40],
        )
    if "@" in parts.netloc:
        raise _fail("url_userinfo", "URL must not contain a user name or '@' before the host")
    host = parts.hostname or ""
    if not host:
        raise _fail("url_host", "URL has no host: '{got}'", got=value)
    if not host.isascii():
        raise _fail(
            "url_host_unicode",
            "host '{host}' has non-ASCII characters, which can imitate other sites",
            host=host,
        )
    labels = host.split(".")
    if len(labels) < 2 or not all(_HOST_LABEL.fullmatch(label) for label in labels):
        raise _fail("url_host", "'{host}' is not a valid public host name", host=host)
    if labels[-1].isdigit():
        raise _fail(
            "url_host", "'{host}' is an IP address; link to the site's host name", host=host
        )
    try:
        parts.port  # noqa: B018 - raises on a malformed port
    except ValueError:
        raise _fail("url_format", "URL has an invalid port: '{got}'", got=value) from None
    return value


Url = Annotated[
    str,
    Field(max_length=600, json_schema_extra={"format": "uri", "pattern": "^https?://"}),
    AfterValidator(check_url),
]
