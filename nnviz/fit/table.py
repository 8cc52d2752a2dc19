"""Reading a CSV file as its user wrote it: a header row, then rows of text cells.

    table = read_table("data.csv")
    table.columns          # ["species", "bill_length_mm", ...]
    table.rows[0]          # ["Adelie", "39.1", ...], one str per column
    table.lines[0]         # 2: the line of the file where that row starts (the header is line 1)

What real files hold, and what happens to it:
- encoding: UTF-8 with or without a byte-order mark; UTF-16 with a mark; otherwise Windows-1252
  (what spreadsheet programs write), noted in `table.notes`;
- separator: comma, semicolon or tab, chosen by the standard library's `csv.Sniffer` on the first
  64 KiB, or by counting them on the header line when the sniffer gives up;
- quoted fields (with doubled quotes inside), Windows (CRLF) and old Mac (CR) line endings,
  blank lines (skipped), one trailing separator on every line (an unnamed empty last column).

Raises FitError, naming the file and the line, for: a missing or unreadable file, an empty file,
a first line that looks like data rather than a header, an empty or duplicated column name, and a
row with more or fewer cells than the header.
"""
from __future__ import annotations

import codecs
import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from .errors import FitError

SEPARATORS = ",;\t"
SEPARATOR_NAMES = {",": "comma", ";": "semicolon", "\t": "tab"}
SNIFF_BYTES = 64 * 1024


@dataclass
class Table:
    path: Path
    columns: list[str]
    rows: list[list[str]]
    lines: list[int]
    separator: str
    encoding: str
    notes: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.path.name

    def where(self, i: int) -> str:
        """'data.csv line 7' for row i."""
        return f"{self.name} line {self.lines[i]}"


def _decode(path: Path, data: bytes) -> tuple[str, str]:
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8", errors="strict"), "UTF-8 with BOM"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16"), "UTF-16"
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise FitError(f"{path}: line {line} is neither UTF-8 nor Windows-1252 text "
                       f"(byte 0x{data[err.start]:02x}); save the file as UTF-8") from None


def _separator(text: str) -> str:
    sample = text[:SNIFF_BYTES]
    try:
        sep = csv.Sniffer().sniff(sample, delimiters=SEPARATORS).delimiter
        if sep in SEPARATORS:
            return sep
    except csv.Error:
        pass
    first = sample.splitlines()[0] if sample.splitlines() else ""
    counts = {sep: first.count(sep) for sep in SEPARATORS}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def _is_number(cell: str) -> bool:
    try:
        float(cell.strip().replace(",", "."))
        return True
    except ValueError:
        return False


def read_table(path) -> Table:
    """Read `path` (str or Path) into a Table; see the module docstring for what is accepted."""
    path = Path(path)
    if not path.exists():
        raise FitError(f"{path}: no such file")
    if path.is_dir():
        raise FitError(f"{path}: is a folder, not a CSV file")
    try:
        data = path.read_bytes()
    except OSError as err:
        raise FitError(f"{path}: cannot be read ({err.strerror})") from None
    text, encoding = _decode(path, data)
    if not text.strip():
        raise FitError(f"{path}: the file is empty; it needs a header row naming the columns, then data rows")
    sep = _separator(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep, quotechar='"', doublequote=True,
                        skipinitialspace=True, strict=False)
    header, rows, lines = None, [], []
    start = 1
    try:
        for row in reader:
            line, start = start, reader.line_num + 1
            if not row or all(not cell.strip() for cell in row):
                continue  # a blank line
            if header is None:
                header, header_line = [cell.strip() for cell in row], line
                continue
            rows.append(row)
            lines.append(line)
    except csv.Error as err:
        raise FitError(f"{path} line {reader.line_num}: not readable as CSV ({err})") from None
    notes = [f"read as {encoding}, {SEPARATOR_NAMES[sep]}-separated"]
    if encoding == "Windows-1252":
        notes.append("the file is not valid UTF-8, so it was read as Windows-1252")
    if header_line != 1:
        notes.append(f"the header is on line {header_line} (blank lines before it skipped)")
    if all(_is_number(cell) for cell in header if cell):
        raise FitError(f"{path} line {header_line}: this first line looks like data ({sep.join(header)[:60]!r}), "
                       "not a header: add a first line naming the columns, e.g. x1,x2,label")
    trailing = header and header[-1] == "" and all(len(r) == len(header) and not r[-1].strip() for r in rows)
    if trailing or (header and header[-1] == "" and not rows):
        header = header[:-1]
        rows = [r[:-1] for r in rows]
    for j, name in enumerate(header):
        if not name:
            raise FitError(f"{path} line {header_line}: column {j + 1} has no name in the header")
    seen = {}
    for j, name in enumerate(header):
        if name in seen:
            raise FitError(f"{path} line {header_line}: the column name {name!r} appears twice "
                           f"(columns {seen[name] + 1} and {j + 1}); give every column its own name")
        seen[name] = j
    for row, line in zip(rows, lines):
        if len(row) != len(header):
            if len(row) == len(header) + 1 and not row[-1].strip():
                row.pop()  # one stray trailing separator
                continue
            raise FitError(f"{path} line {line}: {len(row)} cells, but the header names {len(header)} "
                           f"columns (separator: {SEPARATOR_NAMES[sep]}); check quotes and separators there")
    return Table(path=path, columns=header, rows=rows, lines=lines, separator=sep, encoding=encoding, notes=notes)
