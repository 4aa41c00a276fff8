"""Failures a command reports in one line, each with its own exit code."""

from __future__ import annotations

from .problems import ExitCode


class AtlasError(Exception):
    """An expected failure: printed as one line, never as a traceback."""

    exit_code: ExitCode = ExitCode.INVALID


class UsageError(AtlasError):
    exit_code = ExitCode.USAGE


class NetworkError(AtlasError):
    exit_code = ExitCode.NETWORK


class FileError(AtlasError):
    exit_code = ExitCode.IO
