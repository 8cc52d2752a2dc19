"""The one error `nnviz fit` reports to its user: what is wrong, where, and what to do."""
from __future__ import annotations


class FitError(ValueError):
    """Bad input or a failed run. The message names the file, the column and the first bad
    line where there is one; the command prints it as `nnviz fit: <message>` and exits with 2."""
