"""One generated page: where it goes, which template draws it, and the view it gets."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .views import base_for


@dataclass
class Page:
    url: str  # site-relative directory URL, "" for the home page
    template: str
    title: str  # plain text; templates escape it
    view: Any
    source: str | None = None  # the content file behind the page, for "edit this page"

    @property
    def path(self) -> str:
        """The Markdown file this page is written to, relative to the docs folder."""
        return f"{self.url}index.md"

    @property
    def base(self) -> str:
        return base_for(self.url)
