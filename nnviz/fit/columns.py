"""One column of a Table read cell by cell: which cells are missing, which hold numbers, which
hold text, and the errors that name the first bad line (a mostly numeric column with some text;
an infinite value; numbers whose comma may be a thousands separator).

Decimal commas: with a separator other than the comma, "3,5" is 3.5. In a comma-separated file a
cell can hold a comma only when quoted ("1,5", as LibreOffice and Excel write in a comma locale):
such cells are decimal commas when at least one of them in the column cannot be a thousands
separator (not three digits after each comma, e.g. "0,5"); a column whose comma cells all could be
either ("1,234") is an error when it is used (`check_commas`), never silently text.

Used by nnviz.fit.prepare, which chooses the columns a network trains on.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from .errors import FitError
from .table import Table

MISSING = {"", "na", "n/a", "nan", "null", "?"}  # cells (any case) that count as missing
DECIMAL_COMMA = re.compile(r"[+-]?\d*,\d+")
THOUSANDS = re.compile(r"[+-]?\d{1,3}(,\d{3})+")


@dataclass
class Column:
    """One column's cells parsed: numbers (NaN where missing or text), and what was found."""

    name: str
    index: int
    cells: list[str]
    missing: np.ndarray       # bool (n_rows,)
    numbers: np.ndarray       # float (n_rows,), NaN where missing or not a number
    text_rows: list[int]      # rows (indices) holding text that is not a number
    comma_rows: list[int] = field(default_factory=list)  # text rows like "1,234": decimal or thousands?
    decimal_comma: bool = False  # a comma-separated file's quoted decimal commas were read as numbers

    @property
    def kind(self) -> str:
        """'numeric', 'mixed' (mostly numbers, some text), 'text' or 'empty'."""
        present = int((~self.missing).sum())
        if present == 0:
            return "empty"
        if not self.text_rows:
            return "numeric"
        return "mixed" if len(self.text_rows) < present / 2 else "text"


def _number(cell: str, decimal_comma: bool) -> float:
    try:
        return float(cell)
    except ValueError:
        if decimal_comma and cell.count(",") == 1 and "." not in cell:
            return float(cell.replace(",", "."))
        raise


def parse_column(table: Table, j: int) -> Column:
    """Column `j` of `table`, every cell read as missing, a number or text."""
    cells = [row[j].strip() for row in table.rows]
    missing = np.array([c.lower() in MISSING for c in cells], dtype=bool)
    numbers = np.full(len(cells), np.nan)
    text_rows = []
    decimal_comma = table.separator != ","
    for i, cell in enumerate(cells):
        if missing[i]:
            continue
        try:
            numbers[i] = _number(cell.replace("_", "x"), decimal_comma)  # "1_000" is text, not 1000
        except ValueError:
            text_rows.append(i)
    comma_rows, quoted = [i for i in text_rows if DECIMAL_COMMA.fullmatch(cells[i])], False
    if comma_rows and not decimal_comma:  # quoted commas in a comma-separated file
        if any(not THOUSANDS.fullmatch(cells[i]) for i in comma_rows):
            for i in comma_rows:
                numbers[i] = float(cells[i].replace(",", "."))
            text_rows = [i for i in text_rows if i not in set(comma_rows)]
            comma_rows, quoted = [], True
    else:
        comma_rows = []
    return Column(table.columns[j], j, cells, missing, numbers, text_rows, comma_rows, quoted)


def check_commas(table: Table, col: Column):
    """Raise FitError when the column holds numbers like "1,234" whose comma could be a decimal
    comma or a thousands separator (and little other text), naming the first such line."""
    if not col.comma_rows:
        return
    other = len(col.text_rows) - len(col.comma_rows)
    if other >= int((~col.missing).sum()) / 2:
        return  # a text column with a few such cells
    i = col.comma_rows[0]
    raise FitError(f"{table.where(i)}: column {col.name!r} holds {col.cells[i]!r}: is the comma a decimal comma or "
                   "a thousands separator? Write the numbers without thousands separators and with a decimal "
                   "point (1234 or 1.234), or save the file with semicolons as separators")


def mixed_error(table: Table, col: Column) -> FitError:
    """The error for a column of numbers with some text: it names the first text cell's line."""
    i = col.text_rows[0]
    return FitError(f"{table.where(i)}: column {col.name!r} holds numbers but this row has the text "
                    f"{col.cells[i]!r} ({len(col.text_rows)} such row{'s' * (len(col.text_rows) > 1)}); "
                    "fix or empty those cells (an empty cell or NA drops the row)")


def check_finite(table: Table, col: Column):
    """Raise FitError naming the line of the column's first infinite value, if it has one."""
    bad = np.flatnonzero(np.isinf(col.numbers))
    if len(bad):
        i = bad[0]
        raise FitError(f"{table.where(i)}: column {col.name!r} holds an infinite value {col.cells[i]!r}; "
                       "replace it with a number or leave the cell empty to drop the row")
