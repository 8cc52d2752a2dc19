"""BLAS threads for the engine's products: one thread, because every product here is small.

The engine multiplies tall, thin arrays, (n, width) @ (width, width') with widths of
a few dozen: memory-bound work that a BLAS thread pool only slows down. On a busy
two-core machine, a (1e5, 2) @ (2, 16) product took 47 ms with OpenBLAS's two threads
and 1.4 ms with one (measured for issue 17). ``small_products`` limits BLAS to one
thread for the duration of a call, through threadpoolctl (the library scikit-learn
uses for the same purpose), and restores the previous setting afterwards.
"""

from __future__ import annotations

import contextlib

SMALL_WIDTH = 256  # above this layer width, products are big enough for BLAS threads to pay

_controller = None


def _get_controller():
    global _controller
    if _controller is None:
        from threadpoolctl import ThreadpoolController

        _controller = ThreadpoolController()  # scans the loaded BLAS libraries once (~0.3 ms)
    return _controller


def small_products(widths):
    """A context manager: BLAS single-threaded while it is open if every width is <= SMALL_WIDTH.

    widths: the layer widths of the products to come (inputs first). Entering costs
    about 10 microseconds.
    """
    if max(widths) > SMALL_WIDTH:
        return contextlib.nullcontext()
    return _get_controller().limit(limits=1, user_api="blas")
