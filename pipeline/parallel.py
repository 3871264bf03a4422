"""Builds of independent sources and collections in worker processes (`pipeline build -j N`),
their results handed back in the order of the arguments."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from pipeline.build import Options, Result


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def build_any(path: Path, options: Options, layouts) -> Result:
    """Build a collection as a whole, a source alone."""
    from pipeline.collection import is_collection

    if is_collection(path):
        from pipeline.build_collection import build_collection

        return build_collection(path, options, layouts)
    from pipeline.build import build_source

    return build_source(path, options, layouts)


def results(paths: list[Path], options: Options, layouts, jobs: int) -> Iterator[Result]:
    """The result of building each path, in the order of ``paths``. With ``jobs`` > 1 and
    several paths, worker processes build them (each loads fonts and layouts once); a bug
    in a worker is raised here with its traceback. Ctrl+C stops the workers: a build being
    written finishes its temporaries' clean-up (see atomic.write_all), so no file is left
    half written."""
    jobs = min(jobs, len(paths))
    if jobs <= 1:
        for path in paths:
            yield build_any(path, options, layouts)
        return
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(jobs, mp_context=_context(layouts), initializer=_worker_start)
    try:
        futures = [pool.submit(_build_by_names, path, options) for path in paths]
        for future in futures:
            yield future.result()
    except BaseException:
        for process in list(getattr(pool, "_processes", {}).values()):
            process.terminate()  # SIGTERM unwinds a write in progress (atomic.write_all)
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown(wait=True)


def _context(layouts):
    """fork where the system has it and this process runs one thread: the workers then
    start with the writers and fonts this process loaded once (_preload), instead of each
    importing them again. spawn otherwise: a fork copies no other thread, and a lock one
    of them held would stay held in the worker."""
    import multiprocessing
    import threading

    if "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1:
        _preload(layouts)
        if threading.active_count() == 1:
            return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _preload(layouts) -> None:
    """Import the writers and register the layouts' fonts (what every build needs first)."""
    import pipeline.writers.booklet  # noqa: F401
    import pipeline.writers.docx  # noqa: F401
    from pipeline.writers.pdf import pages, standard, story  # noqa: F401
    from pipeline.writers.pdf.metrics import install_fast_paths
    from pipeline.writers.pdf.styles import Styles

    install_fast_paths()
    for layout in layouts:
        styles = Styles(layout)
        for name in layout.styles:
            styles[name]


def _worker_start() -> None:
    """Ctrl+C reaches the whole process group: the parent decides, workers go on until it
    stops them."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _build_by_names(path: Path, options: Options) -> Result:
    from pipeline.build import resolve_layouts

    layouts = resolve_layouts(options.layouts, options.layout_dirs)  # cached per process
    return build_any(path, options, layouts)
