"""Options and helpers shared by several commands."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..errors import UsageError


def add_content_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--content",
        type=Path,
        default=Path("content"),
        metavar="DIR",
        help="the content folder (default: ./content)",
    )


def add_templates_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--templates",
        type=Path,
        default=None,
        metavar="DIR",
        help="the templates folder (default: 'templates' beside the content folder)",
    )


def content_dir(args: argparse.Namespace) -> Path:
    path: Path = args.content
    if not path.is_dir():
        raise UsageError(
            f"content folder not found: {path} (run from the repository root or pass --content)"
        )
    return path


def templates_dir(args: argparse.Namespace) -> Path:
    path: Path = args.templates or (args.content.resolve().parent / "templates")
    if not path.is_dir():
        raise UsageError(f"templates folder not found: {path} (pass --templates)")
    return path
