"""One module per command; each has ``register(subparsers)`` and sets ``run``."""

from __future__ import annotations

from . import (
    add,
    add_suggestion,
    bench,
    check,
    export,
    fmt,
    import_cmd,
    links,
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
    export,
    fmt,
    new_survey,
    pr_summary,
    links,
    add_suggestion,
    bench,
]
