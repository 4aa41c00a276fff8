"""What importers extract from a source, before it is matched against the atlas.

A :class:`Candidate` is one mention of a paper in a list: everything the line states,
and where it sits (the heading path it was filed under). A :class:`Skip` is a line that
carries a paper link but could not be imported, with the reason in words.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Candidate:
    line: int  # 1-based line of the item in its source file
    end: int  # last line of the item (inclusive)
    text: str  # the item's source text, on one line, for reports
    title: str = ""
    authors: list[str] = field(default_factory=list)  # may end with "others"
    arxiv: str | None = None
    doi: str | None = None
    links: dict[str, str] = field(default_factory=dict)  # PaperLinks field -> URL
    venue: str | None = None
    year: int | None = None  # a year the line states (venue year, list date)
    month: int | None = None  # with ``year``, when the line states a month
    organizations: list[str] = field(default_factory=list)
    facets: dict[str, str | list[str]] = field(default_factory=dict)  # facet id -> option(s)
    name: str | None = None  # a model name the line gives (``<u>T5</u>``, a post title)
    section: tuple[str, ...] = ()  # heading names above the item, outermost first
    title_is_name: bool = False  # the "title" is only a model name (a table's model column)
    bad_arxiv: str | None = None  # an arXiv link whose id is malformed
    source: str = ""  # the file it came from, for reports
    topic: str | None = None  # a topic path fixed by the importer (bibtex --topic)

    @property
    def has_identifier(self) -> bool:
        return bool(self.arxiv or self.doi or self.links.get("paper"))


@dataclass(frozen=True)
class Skip:
    line: int
    text: str
    reason: str
    end: int = 0
    source: str = ""  # the file, when an import reads several (posts)

    def to_dict(self, main_source: str = "") -> dict[str, object]:
        data: dict[str, object] = {
            "line": self.line,
            "end": self.end or self.line,
            "text": self.text,
            "reason": self.reason,
        }
        if self.source and self.source != main_source:
            data["file"] = self.source
        return data


def one_line(text: str, limit: int = 240) -> str:
    """Source text for a report: whitespace collapsed, cut at ``limit`` characters."""
    value = " ".join(text.split())
    return value if len(value) <= limit else value[: limit - 1] + "…"
