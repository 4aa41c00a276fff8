"""SVG primitives. Each returns a string of markup in which every text is escaped."""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass

from markupsafe import Markup

CHAR_WIDTH = 6.2  # average glyph width at the charts' 11px font, for layout estimates


def esc(text: object) -> str:
    """Text made safe for SVG element content and attribute values."""
    return html.escape(str(text), quote=True)


def num(value: float) -> str:
    """A coordinate with at most one decimal, to keep the markup short."""
    rounded = round(value, 1)
    return str(int(rounded)) if rounded == int(rounded) else str(rounded)


def fit(text: str, width: float) -> str:
    """``text`` shortened with an ellipsis to fit about ``width`` pixels."""
    limit = max(3, int(width / CHAR_WIDTH))
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def text(x: float, y: float, content: str, cls: str = "", anchor: str = "start") -> str:
    klass = f' class="{esc(cls)}"' if cls else ""
    align = f' text-anchor="{anchor}"' if anchor != "start" else ""
    return f'<text x="{num(x)}" y="{num(y)}"{klass}{align}>{esc(content)}</text>'


def title(content: str) -> str:
    return f"<title>{esc(content)}</title>"


def rect(x: float, y: float, w: float, h: float, cls: str, tip: str | None = None) -> str:
    inner = title(tip) if tip else ""
    attrs = f'x="{num(x)}" y="{num(y)}" width="{num(w)}" height="{num(h)}" class="{esc(cls)}"'
    return f"<rect {attrs}>{inner}</rect>" if inner else f"<rect {attrs}/>"


def circle(cx: float, cy: float, r: float, cls: str, tip: str | None = None) -> str:
    inner = title(tip) if tip else ""
    attrs = f'cx="{num(cx)}" cy="{num(cy)}" r="{num(r)}" class="{esc(cls)}"'
    return f"<circle {attrs}>{inner}</circle>" if inner else f"<circle {attrs}/>"


def line(x1: float, y1: float, x2: float, y2: float, cls: str) -> str:
    return f'<line x1="{num(x1)}" y1="{num(y1)}" x2="{num(x2)}" y2="{num(y2)}" class="{esc(cls)}"/>'


@dataclass(frozen=True)
class Table:
    """The text alternative of a chart: a caption, column headings and rows."""

    caption: str
    head: list[str]
    rows: list[list[str]]


@dataclass(frozen=True)
class Chart:
    """A drawn chart: the SVG and its table, both ready to place in a page."""

    id: str
    svg: Markup
    table: Table


def svg(
    chart_id: str,
    width: float,
    height: float,
    label: str,
    description: str,
    body: Iterable[str],
    cls: str = "sa-viz",
) -> Markup:
    """A complete ``<svg>`` element named by its title and described by its description."""
    head = (
        f'<svg id="{esc(chart_id)}" class="{esc(cls)}" viewBox="0 0 {num(width)} {num(height)}"'
        f' role="img" aria-labelledby="{esc(chart_id)}-t {esc(chart_id)}-d"'
        ' xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{esc(chart_id)}-t">{esc(label)}</title>'
        f'<desc id="{esc(chart_id)}-d">{esc(description)}</desc>'
    )
    return Markup(head + "".join(body) + "</svg>")
