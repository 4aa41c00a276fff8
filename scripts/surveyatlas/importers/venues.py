"""Venue and year from the free text a list puts after a title or in a column."""

from __future__ import annotations

import datetime as dt
import re

from ..fields import EARLIEST_YEAR

_YEAR = re.compile(r"(?<![\d/.-])((?:19|20)\d{2})(?![\d/])")
_SHORT_YEAR = re.compile(r"(?P<name>[A-Za-z][\w-]*)\s*['’](?P<yy>\d{2})\b")
_DATE = re.compile(r"(?P<y>(?:19|20)\d{2})\s*[/.\-]\s*(?P<m>\d{1,2})\b")
# What lists write where no venue exists yet: the atlas leaves ``venue`` out then.
_NOT_VENUES = re.compile(
    r"^(?:arxiv|arkiv|axriv|arxiv preprint|preprint|corr|github|website|web|blog|tech(?:nical)? "
    r"report|online|openreview|paper|n/?a|none|-|unknown)$",
    re.IGNORECASE,
)
MAX_VENUE = 160


def plausible_year(year: int, today: dt.date | None = None) -> bool:
    return EARLIEST_YEAR <= year <= (today or dt.date.today()).year


def parse_venue(text: str) -> tuple[str | None, int | None]:
    """(venue, year) from text such as '. NeurIPS 2023.' or 'arXiv, 2024' or "ACL'23"."""
    value = " ".join(text.replace("*", " ").replace("_", " ").split()).strip(" .,;:[](){}")
    if not value or "http" in value or "://" in value:
        return None, None
    value = _SHORT_YEAR.sub(lambda m: f"{m.group('name')} 20{m.group('yy')}", value)
    value = re.sub(r",\s*((?:19|20)\d{2})$", r" \1", value)  # "CVPR, 2023" -> "CVPR 2023"
    years = [int(y) for y in _YEAR.findall(value) if plausible_year(int(y))]
    year = years[-1] if years else None
    bare = _YEAR.sub("", value).strip(" .,;:-")
    unbalanced = value.count("(") != value.count(")") or "[" in value or "]" in value
    if not bare or _NOT_VENUES.match(bare) or len(value) > MAX_VENUE or unbalanced:
        return None, year
    return value, year


def parse_date(text: str) -> tuple[int, int | None] | None:
    """(year, month) of a date column or prefix: '2023/05', '2024-02', '[2021/07]', '2022'."""
    match = _DATE.search(text)
    if match and 1 <= int(match.group("m")) <= 12 and plausible_year(int(match.group("y"))):
        return int(match.group("y")), int(match.group("m"))
    years = [int(y) for y in _YEAR.findall(text) if plausible_year(int(y))]
    return (years[0], None) if years else None


# Proceedings whose addresses carry the year: the year a line leaves out is still stated.
_YEAR_IN_URL = (
    re.compile(r"aclanthology\.org/(?P<y>(?:19|20)\d{2})\.[a-z]"),  # 2023.acl-long.703
    re.compile(r"aclanthology\.org/[A-Z](?P<yy>\d{2})-\d{4}"),  # P19-1001
    re.compile(r"openaccess\.thecvf\.com/content(?:_|/)(?:[A-Za-z]+)_?(?P<y>(?:19|20)\d{2})"),
    re.compile(r"(?:papers\.nips\.cc|neurips\.cc)/paper(?:_files/paper)?/(?P<y>(?:19|20)\d{2})/"),
    re.compile(r"ijcai\.org/proceedings/(?P<y>(?:19|20)\d{2})/"),
)


def year_in_url(url: str | None) -> int | None:
    """The year a proceedings address states (ACL Anthology, CVF, NeurIPS, IJCAI)."""
    for pattern in _YEAR_IN_URL if url else ():
        match = pattern.search(url or "")
        if match:
            year = (
                int(match.group("y")) if "y" in match.groupdict() else 2000 + int(match.group("yy"))
            )
            return year if plausible_year(year) else None
    return None
