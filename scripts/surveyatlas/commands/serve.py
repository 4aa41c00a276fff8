"""``surveyatlas serve`` and ``surveyatlas build``: MkDocs with the atlas's defaults."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from ..errors import UsageError
from ..problems import ExitCode


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    serve = sub.add_parser(
        "serve",
        help="live preview at http://127.0.0.1:8000",
        description="Serve the site and rebuild it when content, templates or pages change. "
        "Broken content is reported in the terminal and on the page; the server keeps running.",
    )
    serve.add_argument("--dev-addr", default="127.0.0.1:8000", metavar="HOST:PORT")
    serve.add_argument(
        "--full",
        action="store_true",
        help="rebuild every page on each change (slower; the default rebuilds only changed pages)",
    )
    serve.add_argument("--config-file", "-f", type=Path, default=Path("mkdocs.yml"))
    serve.set_defaults(run=run_serve)
    build = sub.add_parser(
        "build",
        help="build the static site (mkdocs build --strict)",
        description="Build the site into ./site, failing on any warning.",
    )
    build.add_argument("--config-file", "-f", type=Path, default=Path("mkdocs.yml"))
    build.add_argument("--site-dir", type=Path, default=None)
    build.set_defaults(run=run_build)


def _config(args: argparse.Namespace) -> str:
    if not args.config_file.is_file():
        raise UsageError(f"{args.config_file} not found: run from the repository root")
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    return str(args.config_file)


def _mkdocs(argv: list[str]) -> int:
    """Run the mkdocs command line in-process (its logging and options, our defaults)."""
    from mkdocs.__main__ import cli

    try:
        cli.main(args=argv, prog_name="mkdocs", standalone_mode=False)
    except SystemExit as exc:  # click exits on usage errors
        return int(exc.code or 0)
    except Exception as exc:  # click.ClickException and mkdocs.exceptions.Abort
        message = getattr(exc, "message", None) or str(exc)
        print(f"surveyatlas: build failed: {message}")
        return ExitCode.INVALID
    return ExitCode.OK


def run_serve(args: argparse.Namespace) -> int:
    argv = ["serve", "-f", _config(args), "--dev-addr", args.dev_addr]
    if not args.full:
        argv.append("--dirty")
    return _mkdocs(argv)


def run_build(args: argparse.Namespace) -> int:
    argv = ["build", "--strict", "-f", _config(args)]
    if args.site_dir:
        argv += ["--site-dir", str(args.site_dir)]
    return _mkdocs(argv)
