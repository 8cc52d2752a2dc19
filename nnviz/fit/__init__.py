"""`nnviz fit`: a network trained on the user's own CSV, and the figures of how it learned.

    table.py    the CSV as written: encoding, separator, header, rows (errors name file and line)
    columns.py  one column read cell by cell: missing, numbers (decimal comma), text
    prepare.py  columns chosen, rows with missing values dropped, task, sample, split, standardisation
    dataset.py  what prepare returns: the split, standardised data and the way back to file units
    train.py    the engine's MLP trained with per-epoch train and test metrics and snapshots
    run.py      a finished run (data, settings, training result) and the figures' cost settings
    maps.py     what is drawn over the plane of the two plotted features
    line.py     what is drawn over one plotted feature: the fitted or probability curves
    text.py     user text escaped for matplotlib (drawn as written, never as math)
    figures.py  one recipe per figure, and their list in page order
    captions.py each figure's caption, from the run's numbers
    output.py   the folder: figures in both themes, slides, report.json, weights.npz, atomically
    page.py     index.html
    reload.py   load_report(folder): a written run back in memory, ready to redraw
    command.py  the command line
"""
from .errors import FitError

__all__ = ["FitError", "load_report"]


def load_report(folder):
    """A report folder written by `nnviz fit` back as a run.Run (see reload.py)."""
    from .reload import load_report as load

    return load(folder)
