"""A scanner for the built site: proof that nothing from content became active.

Templates escape, validation refuses and the sanitizer strips; this module checks the
result the way a browser would read it. It parses every HTML page with an HTML5
parser (lexbor, the same tokenisation rules browsers follow) and reports any element,
attribute or URL that could run script or leave the site unasked: a ``<script>`` the
theme did not write, an ``on*`` handler, a URL whose scheme is not http(s), mailto or
relative (in any spelling: entities, case, whitespace and control characters are undone
first), frames, objects, ``<base>``, refresh redirects, active CSS and SVG animation.
Non-HTML outputs that browsers or feed readers turn into markup are checked too (see
:mod:`surveyatlas.scan_data`).

The theme's own inline scripts are recognised from the theme's templates: each
``<script>`` body there becomes a pattern in which a ``{{ ... }}`` placeholder may only
stand for a path, so a script is allowed only if the theme could have written it.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
# Attributes whose value a browser loads or navigates to.
URL_ATTRIBUTES = frozenset(
    """href src action formaction xlink:href poster data background cite longdesc lowsrc
    dynsrc codebase manifest ping profile usemap classid archive icon""".split()
)
SRCSET_ATTRIBUTES = frozenset({"srcset", "imagesrcset"})
# Elements that embed other documents, change how URLs resolve, or animate attributes
# (SVG ``<animate attributeName=href values=javascript:...>``): never from content.
ACTIVE_ELEMENTS = frozenset(
    """iframe frame frameset object embed applet base portal foreignobject animate set
    animatemotion animatetransform handler listener import""".split()
)
DATA_SCRIPT_TYPES = frozenset({"application/json", "application/ld+json", "importmap"})
_SCRIPT_SCHEMES = ("javascript:", "vbscript:", "livescript:", "data:")
_STRIP = "".join(chr(c) for c in range(0x21)) + "\x7f"
_TAB_NEWLINE = re.compile(r"[\t\n\r]")
# Also U+FFFD: the HTML parser turns a NUL into it.
_INVISIBLE_ANY = re.compile(r"[\x00-\x20\x7f-\x9f\u00ad\u200b-\u200f\u2060\ufeff\ufffd]")
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.\-]*):")
_CSS_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6})\s?|\\(.)", re.S)
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_CSS_URL = re.compile(r"url\(\s*(['\"]?)(.*?)\1\s*\)", re.S)
_CSS_DANGER = ("expression(", "javascript:", "vbscript:", "behavior:", "-moz-binding", "@import")
_TEMPLATE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S | re.I)
_PLACEHOLDER = re.compile(r"\{\{.*?\}\}", re.S)
# What a ``{{ base_url }}``-like placeholder may render to inside a theme script.
_PATH_VALUE = r"(?:https?://[A-Za-z0-9.\-]+(?::[0-9]+)?)?[A-Za-z0-9._~/\-]*"


@dataclass(frozen=True)
class Finding:
    """One active thing in the built site."""

    path: str  # file, relative to the site folder
    element: str  # tag name, or a location inside a data file
    attribute: str  # "" when the element itself is the problem
    value: str
    reason: str
    code: str
    where: str = ""  # ancestors of the element, e.g. "article.md-content__inner > p"

    def headline(self) -> str:
        attr = f" {self.attribute}={json.dumps(self.value[:120])}" if self.attribute else ""
        text = "" if self.attribute or not self.value else f" {json.dumps(self.value[:120])}"
        where = f" (in {self.where})" if self.where else ""
        return f"{self.path}: <{self.element}{attr}>{text}: {self.reason}{where}"

    def to_dict(self) -> dict[str, str]:
        return {
            "path": self.path,
            "element": self.element,
            "attribute": self.attribute,
            "value": self.value,
            "reason": self.reason,
            "code": self.code,
            "where": self.where,
        }


@dataclass
class Policy:
    """What the theme may do: its inline scripts, and the site whose scripts may load."""

    site_dir: Path | None = None
    inline_scripts: list[re.Pattern[str]] = field(default_factory=list)


# --------------------------------------------------------------------------- URLs


def url_scheme(value: str) -> str | None:
    """The scheme a browser would see in an attribute value, or None for a relative URL.

    Follows the URL parser: leading and trailing spaces and C0 controls are dropped and
    tabs and newlines anywhere are removed; entities were already decoded by the parser.
    """
    cleaned = _TAB_NEWLINE.sub("", value.strip(_STRIP))
    match = _SCHEME.match(cleaned)
    return match.group(1).lower() if match else None


def looks_like_script_url(value: str) -> bool:
    """True for javascript:, vbscript: or data: even with every invisible character removed
    (stricter than any browser, so no spelling slips through)."""
    squeezed = _INVISIBLE_ANY.sub("", value).lower()
    return squeezed.startswith(_SCRIPT_SCHEMES)


def check_url(value: str) -> str | None:
    """Why a URL is not allowed, or None."""
    scheme = url_scheme(value)
    if scheme is not None and scheme not in SAFE_SCHEMES:
        return f"URL scheme '{scheme}:' is not http(s), mailto or relative"
    if scheme is None and looks_like_script_url(value):
        return "URL hides a script or data scheme behind invisible characters"
    return None


def check_css(text: str) -> str | None:
    """Why a style is active (loads a URL or runs code), or None."""
    decoded = _CSS_ESCAPE.sub(
        lambda m: chr(int(m.group(1), 16)) if m.group(1) else m.group(2), text
    )
    decoded = _CSS_COMMENT.sub("", decoded).lower()
    squeezed = re.sub(r"\s+", "", decoded)
    for danger in _CSS_DANGER:
        if danger in squeezed:
            return f"style contains '{danger}'"
    for match in _CSS_URL.finditer(decoded):
        target = match.group(2).strip()
        if not target.startswith("#") and (url_scheme(target) or target.startswith("//")):
            return f"style loads '{target[:60]}'"
    return None


# --------------------------------------------------------------------------- theme scripts


def theme_script_patterns(template_dirs: Iterable[Path]) -> list[re.Pattern[str]]:
    """Patterns of the inline scripts the theme's templates can write."""
    patterns: list[re.Pattern[str]] = []
    for directory in template_dirs:
        for template in sorted(directory.rglob("*.html")):
            text = template.read_text(encoding="utf-8", errors="replace")
            for match in _TEMPLATE_SCRIPT.finditer(text):
                body = match.group("body").strip()
                if not body or "src=" in match.group("attrs") or "{%" in body:
                    continue
                pieces = _PLACEHOLDER.split(body)
                regex = _PATH_VALUE.join(re.escape(piece) for piece in pieces)
                patterns.append(re.compile(regex, re.S))
    return patterns


def default_theme_dirs(root: Path) -> list[Path]:
    """The installed mkdocs-material templates and the project's theme overrides."""
    dirs = []
    try:
        import material

        dirs.append(Path(material.__file__).parent / "templates")
    except ImportError:  # pragma: no cover - material is a dependency
        pass
    overrides = root / "templates" / "theme"
    if overrides.is_dir():
        dirs.append(overrides)
    return dirs


# --------------------------------------------------------------------------- HTML


def scan_html(text: str, path: str, policy: Policy, *, fragment: str = "") -> list[Finding]:
    """Findings in one HTML document (or, with ``fragment``, a snippet inside a data file)."""
    tree = LexborHTMLParser(text)
    root = tree.root
    if root is None:
        return []
    return list(_scan_tree(root, path, policy, fragment))


def _scan_tree(root: LexborNode, path: str, policy: Policy, prefix: str) -> Iterator[Finding]:
    for node in root.traverse(include_text=False):
        if not node.is_element_node:
            continue
        yield from _scan_element(node, path, policy, prefix)


def _scan_element(node: LexborNode, path: str, policy: Policy, prefix: str) -> Iterator[Finding]:
    tag = (node.tag or "").lower()
    label = f"{prefix} > {tag}" if prefix else tag

    def found(attribute: str, value: str, reason: str, code: str) -> Finding:
        return Finding(path, label, attribute, value, reason, code, _ancestors(node))

    if tag in ACTIVE_ELEMENTS:
        yield found("", "", f"<{tag}> is never allowed", "active-element")
    elif tag == "script":
        reason = _script_problem(node, path, policy)
        if reason:
            yield found("", node.text(deep=True)[:120], reason, "script")
    elif tag == "style":
        reason = check_css(node.text(deep=True))
        if reason:
            yield found("", "", reason, "style")
    elif tag == "meta":
        equiv = (node.attributes.get("http-equiv") or "").strip().lower()
        if equiv in ("refresh", "set-cookie"):
            yield found("http-equiv", equiv, f"<meta http-equiv={equiv}>", "meta-refresh")
    elif tag == "noscript" and _closes_noscript(node):
        yield found("", "", "text inside <noscript> closes it early", "noscript-breakout")
    elif tag == "template":
        for fragment in node.template_fragments() if hasattr(node, "template_fragments") else []:
            yield from _scan_tree(fragment, path, policy, f"{label} (template)")
    yield from _scan_attributes(node, found)


def _scan_attributes(
    node: LexborNode, found: Callable[[str, str, str, str], Finding]
) -> Iterator[Finding]:
    for name, raw in node.attributes.items():
        lname = name.lower()
        value = raw or ""
        if lname.startswith("on"):
            yield found(name, value, "event handler attribute", "event-handler")
        elif lname in URL_ATTRIBUTES:
            reason = check_url(value)
            if reason:
                yield found(name, value, reason, "url-scheme")
        elif lname in SRCSET_ATTRIBUTES:
            for candidate in value.split(","):
                reason = check_url(candidate.strip().split(" ")[0])
                if reason:
                    yield found(name, value, reason, "url-scheme")
        elif lname == "style":
            reason = check_css(value)
            if reason:
                yield found(name, value, reason, "style")
        elif lname == "srcdoc":
            yield found(name, value, "srcdoc embeds a document", "active-element")
        elif looks_like_script_url(value) and not value.lower().startswith("data:"):
            yield found(name, value, "attribute holds a script URL", "url-scheme")


def _closes_noscript(node: LexborNode) -> bool:
    """With scripting on, a browser reads <noscript> as raw text up to the first
    ``</noscript``; this parser did not, so any such text inside hides markup."""
    for inner in node.traverse(include_text=True):
        if inner is node:
            continue
        texts = [inner.text(deep=False) or ""] if inner.is_text_node else []
        texts += [value or "" for value in inner.attributes.values()]
        if any("</noscript" in text.lower() for text in texts):
            return True
    return False


def _script_problem(node: LexborNode, path: str, policy: Policy) -> str | None:
    attrs = node.attributes
    src = attrs.get("src")
    if src is not None:
        return _script_src_problem(src or "", path, policy)
    kind = (attrs.get("type") or "").strip().lower()
    body = node.text(deep=True)
    if kind in DATA_SCRIPT_TYPES:
        try:
            json.loads(body)
        except ValueError:
            return f"data block <script type={kind}> is not valid JSON"
        return None
    stripped = body.strip()
    if any(pattern.fullmatch(stripped) for pattern in policy.inline_scripts):
        return None
    return "inline script that the theme's templates do not contain"


def _script_src_problem(src: str, path: str, policy: Policy) -> str | None:
    if url_scheme(src) is not None or src.strip().startswith("//"):
        return "script loaded from another site"
    if policy.site_dir is None:
        return None
    target = unquote(urlsplit(src.strip()).path)
    base = "" if target.startswith("/") else posixpath.dirname(path)
    resolved = posixpath.normpath(posixpath.join(base, target.lstrip("/")))
    if resolved.startswith("../") or not resolved.endswith((".js", ".mjs")):
        return "script source is not a .js file inside the site"
    if not (policy.site_dir / resolved).is_file():
        return f"script source {resolved} does not exist in the site"
    return None


def _ancestors(node: LexborNode, limit: int = 4) -> str:
    names = []
    parent = node.parent
    while parent is not None and parent.tag not in (None, "html", "-document"):
        name = (parent.tag or "").lower()
        ident = parent.attributes.get("id") if parent.is_element_node else None
        classes = (parent.attributes.get("class") or "").split() if parent.is_element_node else []
        if ident:
            name += f"#{ident}"
        elif classes:
            name += f".{classes[0]}"
        names.append(name)
        parent = parent.parent
    names = [n for n in names if n not in ("body", "head")]
    return " > ".join(reversed(names[:limit]))


# --------------------------------------------------------------------------- the site


@dataclass
class ScanResult:
    files: int
    findings: list[Finding]


def scan_site(site_dir: Path, policy: Policy | None = None) -> ScanResult:
    """Every finding in every output file under ``site_dir``, in file order."""
    from .scan_data import scan_file

    policy = policy or Policy(site_dir=site_dir)
    result = ScanResult(0, [])
    for file in sorted(p for p in site_dir.rglob("*") if p.is_file()):
        result.files += 1
        result.findings.extend(scan_file(file, file.relative_to(site_dir).as_posix(), policy))
    return result
