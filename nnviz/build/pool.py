"""A process pool that stops at once, for the figure build and `nnviz fit`.

`with ProcessPoolExecutor()` waits for every running task on the way out, so Ctrl-C (or SIGTERM,
which the command line turns into the same KeyboardInterrupt) would wait for the slowest figure,
and a parent that dies without stopping its workers leaves them running, holding its output pipe
(`nnviz figures | tee log` would never end). `StoppablePool` gives its workers SIGTERM on any
exception (they unwind, so atomic writes delete their temporary files and ffmpeg is killed) and
SIGKILL after STOP_GRACE seconds; queued tasks are cancelled.

Workers started with `worker_init` leave Ctrl-C to the parent; a worker told to stop while it
runs a task wrapped by `stoppable` raises `Stop` there, which unwinds the task and ends the worker.
"""
from __future__ import annotations

import os
import signal
import time
from concurrent.futures import ProcessPoolExecutor

STOP_GRACE = 0.5  # seconds a worker gets to unwind (delete its temporary files) before SIGKILL


class Stop(BaseException):
    """Raised in a worker by SIGTERM: unwinds the running task so that atomic writes clean up."""


_busy = False  # in a worker: is a task running right now?


def worker_init(then=None, *args):
    """Pool initializer: ignore SIGINT (the parent stops the pool), stop on SIGTERM; then `then(*args)`.

    A worker running a task unwinds first (`Stop`); an idle one just exits.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)

    def stop(signum, frame):
        if _busy:
            raise Stop()
        os._exit(128 + signum)

    signal.signal(signal.SIGTERM, stop)
    if then is not None:
        then(*args)


def stoppable(fn, *args):
    """Run the task `fn(*args)` in a worker; a SIGTERM meanwhile unwinds it and ends the worker."""
    global _busy
    _busy = True
    try:
        return fn(*args)
    except Stop:  # the pool is being stopped; the task's temporary files are gone by now
        os._exit(128 + signal.SIGTERM)
    finally:
        _busy = False


class StoppablePool:
    """`with StoppablePool(jobs, context, initializer, initargs) as pool:` a ProcessPoolExecutor
    whose workers are stopped at once, not awaited, when the block raises (see the module)."""

    def __init__(self, jobs: int, context, initializer=worker_init, initargs=()):
        self.pool = ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=initializer,
                                        initargs=initargs)

    def __enter__(self) -> ProcessPoolExecutor:
        return self.pool

    def __exit__(self, kind, exc, tb):
        if kind is None:
            self.pool.shutdown(wait=True)
            return False
        stop(self.pool)
        return False


def stop(pool: ProcessPoolExecutor, grace: float = STOP_GRACE):
    """Cancel `pool`'s queued tasks and end its workers: SIGTERM, then SIGKILL after `grace` seconds."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()
    deadline = time.monotonic() + grace
    for process in processes:
        process.join(max(0.0, deadline - time.monotonic()))
        if process.is_alive():
            process.kill()
            process.join(1.0)
