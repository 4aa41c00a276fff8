"""The ``surveyatlas`` command: a thin dispatcher over the modules in ``commands/``.

Every command returns an exit code (see :class:`~surveyatlas.problems.ExitCode`);
expected failures print one line on stderr and never a traceback.
"""

from __future__ import annotations

import argparse
import errno
import sys
from collections.abc import Sequence

from . import __version__
from .commands import COMMANDS
from .errors import AtlasError
from .problems import ExitCode


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(ExitCode.USAGE, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="surveyatlas",
        description="Build, check and extend the LLM Survey Atlas.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for module in COMMANDS:
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # usage errors, --help and --version end here
        return int(exc.code or 0)
    if not getattr(args, "run", None):
        parser.print_help()
        return ExitCode.USAGE
    try:
        return int(args.run(args))
    except AtlasError as exc:
        print(f"surveyatlas: error: {exc}", file=sys.stderr)
        return int(exc.exit_code)
    except OSError as exc:
        print(f"surveyatlas: error: {describe_os_error(exc)}", file=sys.stderr)
        return int(ExitCode.IO)
    except KeyboardInterrupt:
        print("surveyatlas: interrupted", file=sys.stderr)
        return 130


def describe_os_error(exc: OSError) -> str:
    where = f"{exc.filename}: " if exc.filename else ""
    reason = exc.strerror or str(exc)
    if exc.errno == errno.ENOSPC:
        # Each file is replaced atomically, so none is left half-written; files written
        # before the disk filled up do hold their new content.
        reason = "no space left on the device (no file was left half-written)"
    elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        reason = f"{reason} (check the file's permissions)"
    return f"{where}{reason}"
