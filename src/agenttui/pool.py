"""Worker processes for reading many agent files at once.

Parsing is pure Python, so threads take turns on one CPU; a cold read of 10,000 files spends
seconds there. Here the reading runs in forked copies of agenttui, one per CPU. The
workers run only the function they are given (the catalog's reader of one file) on file
paths, and send back plain values; nothing from a file is ever run. This is the one module
that starts processes: see SECURITY.md.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from concurrent.futures import Executor

Item = TypeVar("Item")
Result = TypeVar("Result")
CHUNK = 32  # files per task: fewer round trips, results still arrive in steady batches


def usable_cpus() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def map_in_order(function: Callable[[Item], Result], items: Sequence[Item],
                 minimum: int) -> Iterator[Result]:
    """``map(function, items)``, by a pool of processes when there are at least ``minimum``
    items and more than one CPU, else here. Results come in the order of ``items``. When the
    pool cannot start, or a worker dies, what is left is done here: nothing is lost."""
    executor = _executor(len(items), minimum)
    done = 0
    if executor is not None:
        from concurrent.futures.process import BrokenProcessPool

        try:
            for result in executor.map(function, items, chunksize=CHUNK):
                yield result
                done += 1
        except (BrokenProcessPool, OSError, ValueError):  # workers could not start or died
            pass
        finally:
            executor.shutdown(wait=False, cancel_futures=True)
    yield from map(function, items[done:])


def _executor(count: int, minimum: int) -> Executor | None:
    """Workers made by ``fork``, on Linux only. The app reads from a thread, which ``fork``
    copies alone; the workers then run only the reader, which takes no lock another thread
    could hold. The other ways to start workers need a resource tracker, which cannot start
    while Textual holds standard error (it has no file descriptor), and on macOS ``fork``
    is unsafe beside threads."""
    if count < minimum or usable_cpus() < 2 or not sys.platform.startswith("linux"):
        return None
    import multiprocessing  # ~10 ms with concurrent.futures: only when a pool is used
    from concurrent.futures import ProcessPoolExecutor

    try:
        context = multiprocessing.get_context("fork")
        return ProcessPoolExecutor(usable_cpus(), mp_context=context)
    except (OSError, ImportError, ValueError):  # no semaphores or processes here
        return None
