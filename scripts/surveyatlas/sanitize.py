"""Defence in depth: the HTML of every generated page passes an allow-list sanitizer.

Templates already escape everything that comes from content; this second layer means
a template mistake still cannot put a script, an event handler or a ``javascript:``
link on a reader's screen. The allow-list is exactly what our templates and
Python-Markdown produce.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache, partial
from typing import Any

import nh3

TAGS = frozenset(
    """a abbr article aside b blockquote br caption code dd del details div dl dt em
    figcaption figure footer h1 h2 h3 h4 h5 h6 header hr i kbd li mark nav ol p pre q
    s section small span strong sub summary sup table tbody td tfoot th thead time tr u ul
    button label input select option optgroup datalist fieldset legend form output noscript
    svg g rect circle line path text title desc polyline tspan""".split()
)
_COMMON = {"class", "id", "title", "role", "lang", "dir", "hidden", "tabindex"}
_ARIA = {
    "aria-label", "aria-labelledby", "aria-describedby", "aria-hidden", "aria-live",
    "aria-current", "aria-expanded", "aria-controls", "aria-pressed", "aria-sort",
}  # fmt: skip
_DATA = {
    "data-pagefind-body", "data-pagefind-meta", "data-pagefind-filter", "data-pagefind-sort",
    "data-pagefind-ignore", "data-pagefind-weight", "data-sa-copy", "data-sa-target",
    "data-value", "data-count",
}  # fmt: skip
_SVG = {
    "viewbox", "viewBox", "width", "height", "x", "y", "x1", "x2", "y1", "y2", "cx", "cy", "r",
    "rx", "ry", "d", "points", "fill", "stroke", "stroke-width", "text-anchor",
    "dominant-baseline", "transform", "font-size", "xmlns", "focusable", "preserveAspectRatio",
}  # fmt: skip
ATTRIBUTES: dict[str, set[str]] = {
    "*": _COMMON | _ARIA | _DATA,
    "a": {"href", "rel", "hreflang"},
    "time": {"datetime"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "ol": {"start", "reversed"},
    "li": {"value"},
    "code": set(),
    "button": {"type", "name", "value", "disabled"},
    "label": {"for"},
    "input": {
        "type",
        "name",
        "value",
        "placeholder",
        "min",
        "max",
        "step",
        "checked",
        "autocomplete",
        "inputmode",
        "list",
    },
    "select": {"name", "multiple", "size"},
    "option": {"value", "selected", "label"},
    "optgroup": {"label"},
    "form": {"action", "method"},
    "output": {"for"},
    "details": {"open"},
    **{
        tag: set(_SVG)
        for tag in ("svg", "g", "rect", "circle", "line", "path", "text", "polyline", "tspan")
    },
}
URL_SCHEMES = frozenset({"http", "https", "mailto"})


def clean_html(fragment: str) -> str:
    """The fragment with everything outside the allow-list removed."""
    return _cleaner()(fragment)


@lru_cache(maxsize=1)
def _cleaner() -> Callable[[str], str]:
    options: dict[str, Any] = {
        "tags": set(TAGS),
        "attributes": {tag: set(attrs) for tag, attrs in ATTRIBUTES.items()},
        "url_schemes": set(URL_SCHEMES),
        "link_rel": None,
        "strip_comments": True,
    }
    if hasattr(nh3, "Cleaner"):  # nh3 0.3+: the allow-lists are set up once, not per page
        return nh3.Cleaner(**options).clean  # type: ignore[no-any-return]
    return partial(nh3.clean, **options)
