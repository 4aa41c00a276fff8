"""One module per command; each has ``register(subparsers)`` and sets ``run``."""

from __future__ import annotations

from . import (
    add,
    check,
    fmt,
    import_cmd,
    new_survey,
    pr_summary,
    render,
    scan,
    schema_cmd,
    serve,
    topics,
)

COMMANDS = [
    check,
    render,
    serve,
    topics,
    schema_cmd,
    scan,
    add,
    import_cmd,
    fmt,
    new_survey,
    pr_summary,
]
