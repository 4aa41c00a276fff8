"""``surveyatlas scan``: prove that a built site has nothing active that came from content."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..errors import UsageError
from ..problems import ExitCode
from ..scan import Policy, default_theme_dirs, scan_site, theme_script_patterns


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "scan",
        help="check a built site for scripts, handlers and unsafe URLs",
        description="Parse every page, search index, feed and data file of a built site and "
        "report any script the theme did not write, any on* handler, any URL whose scheme "
        "is not http(s), mailto or relative, and any frame, object, base or refresh. "
        "Exits 1 when anything is found.",
    )
    parser.add_argument("site", type=Path, metavar="SITE_DIR", help="the built site, e.g. site")
    parser.add_argument(
        "--theme-dir",
        type=Path,
        action="append",
        default=None,
        metavar="DIR",
        help="templates whose inline scripts are allowed (default: mkdocs-material's "
        "templates and ./templates/theme); repeat for several",
    )
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    site: Path = args.site
    if not site.is_dir():
        raise UsageError(f"site folder not found: {site} (build it first: surveyatlas build)")
    theme_dirs = args.theme_dir or default_theme_dirs(Path.cwd())
    for directory in theme_dirs:
        if not directory.is_dir():
            raise UsageError(f"theme folder not found: {directory}")
    policy = Policy(site_dir=site, inline_scripts=theme_script_patterns(theme_dirs))
    result = scan_site(site, policy)
    if args.format == "json":
        payload = {"files": result.files, "findings": [f.to_dict() for f in result.findings]}
        sys.stdout.write(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
    else:
        for finding in result.findings:
            print(finding.headline())
        count = len(result.findings)
        verdict = f"{count} active item{'s' * (count != 1)} found" if count else "nothing active"
        print(f"scanned {result.files} files in {site}: {verdict}")
    return ExitCode.INVALID if result.findings else ExitCode.OK
