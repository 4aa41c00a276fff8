"""Run two lists of independent tasks at once, one in a forked child process.

Rendering 10,000 pages is pure Python work that holds the GIL, so threads would not
help; a process does. A forked child starts with the parent's memory (the built atlas,
the Jinja environment) at no cost, runs its share, and sends the results back through a
pipe as one pickle. Whatever goes wrong in the child (an exception, a crash, a result
that does not unpickle), the parent runs the child's share itself: the answer is the
same, only slower.

Forking is only safe in a process with a single thread (a fork copies no other thread,
and locks they held stay locked in the child), so :func:`can_fork` says no in the
preview server and anywhere else threads are running; callers then run everything in
one process.
"""

from __future__ import annotations

import gc
import os
import pickle
import signal
import threading
from collections.abc import Callable, Sequence
from typing import Any

Task = Callable[[], Any]


def can_fork() -> bool:
    return hasattr(os, "fork") and (os.cpu_count() or 1) > 1 and threading.active_count() == 1


def run_split(
    mine: Sequence[Task], theirs: Sequence[Task], *, fork: bool = True
) -> tuple[list[Any], list[Any]]:
    """Results of ``mine`` (run here) and of ``theirs`` (run in a forked child when
    ``fork`` and :func:`can_fork` allow, else here after ``mine``), each in order."""
    if not (fork and theirs and can_fork()):
        return [task() for task in mine], [task() for task in theirs]
    read_end, write_end = os.pipe()
    # Objects that exist now are shared with the child until someone writes to them; a
    # garbage collection in either process writes to all of them. Freezing moves them out
    # of the collector's reach for the duration.
    gc.freeze()
    child = os.fork()
    if child == 0:  # pragma: no cover - runs in the child, which never returns
        _child(read_end, write_end, theirs)
    os.close(write_end)
    try:
        here = [task() for task in mine]
        with os.fdopen(read_end, "rb") as pipe:
            read_end = -1
            payload = pipe.read()
    except BaseException:
        _stop(child)
        raise
    finally:
        gc.unfreeze()
        if read_end != -1:
            os.close(read_end)
    _, status = os.waitpid(child, 0)
    there = _unpickle(payload) if os.waitstatus_to_exitcode(status) == 0 else None
    if there is None or len(there) != len(theirs):
        there = [task() for task in theirs]
    return here, there


def _child(read_end: int, write_end: int, tasks: Sequence[Task]) -> None:  # pragma: no cover
    code = 1
    try:
        os.close(read_end)
        # Ctrl-C goes to the whole process group: the parent handles it and stops us.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        payload = pickle.dumps([task() for task in tasks], protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(write_end, "wb") as pipe:
            pipe.write(payload)
        code = 0
    except BaseException:
        pass
    finally:
        # Never return into the parent's code, never run its exit handlers or flush its
        # buffers a second time.
        os._exit(code)


def _unpickle(payload: bytes) -> list[Any] | None:
    try:
        result = pickle.loads(payload)
    except Exception:
        return None
    return result if isinstance(result, list) else None


def _stop(child: int) -> None:
    try:
        os.kill(child, signal.SIGKILL)
        os.waitpid(child, 0)
    except OSError:
        pass
