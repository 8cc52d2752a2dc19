"""Reading a CSV file as its user wrote it: a header row, then rows of text cells.

    table = read_table("data.csv")
    table.columns          # ["species", "bill_length_mm", ...]
    table.rows[0]          # ["Adelie", "39.1", ...], one str per column
    table.lines[0]         # 2: the line of the file where that row starts (the header is line 1)

What real files hold, and what happens to it:
- encoding: UTF-8 with or without a byte-order mark; UTF-16 or UTF-32 with a mark; UTF-16 or
  UTF-32 without one (a file holding NUL bytes; recognised by charset-normalizer); otherwise
  Windows-1252 (what spreadsheet programs write), noted in `table.notes`;
- separator: comma, semicolon, tab or pipe: the one Excel's first line `sep=;` names (that line is
  then skipped), else the one CleverCSV's dialect detection finds in the first 64 KiB (van den
  Burg et al. 2019, "Wrangling messy CSV files by detecting row and type patterns"), else the one
  most frequent on the header line;
- quoted fields (with doubled quotes inside), Windows (CRLF) and old Mac (CR) line endings,
  blank lines (skipped), empty unnamed columns (e.g. the trailing separators `a;b;c;;;` of an
  Excel export: dropped, as are extra empty cells at the end of a row).

Raises FitError, naming the file and the line, for: a missing or unreadable file, an empty file,
a binary file (an Excel workbook, NUL bytes that are not UTF-16/32), a first line that looks like
data rather than a header, an empty or duplicated column name over a column that holds values,
and a row with more or fewer cells than the header.
"""
from __future__ import annotations

import codecs
import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import FitError

SEPARATORS = ",;\t|"
SEPARATOR_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}
SNIFF_BYTES = 64 * 1024
SEP_LINE = re.compile(r'"?sep=(.)"?[ \t]*', re.IGNORECASE)  # Excel's first line naming the separator
WIDE = ("utf_16_le", "utf_16_be", "utf_32_le", "utf_32_be")


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
    for bom, name in ((codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32"),  # before UTF-16: FF FE 00 00
                      (codecs.BOM_UTF16_LE, "UTF-16"), (codecs.BOM_UTF16_BE, "UTF-16")):
        if data.startswith(bom):
            try:
                return data.decode(name.lower()), name
            except UnicodeDecodeError as err:
                raise FitError(f"{path}: starts with a {name} byte-order mark but is not {name} text "
                               f"(byte {err.start}); save the file as UTF-8") from None
    if b"\x00" in data[:SNIFF_BYTES]:
        return _decode_wide(path, data)
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


def _decode_wide(path: Path, data: bytes) -> tuple[str, str]:
    """Text holding NUL bytes: UTF-16 or UTF-32 without a byte-order mark, or not text at all."""
    import charset_normalizer

    if data.startswith(b"PK\x03\x04"):
        raise FitError(f"{path}: is a zip file (an Excel .xlsx or OpenDocument workbook?), not a CSV file; "
                       "save the sheet as CSV")
    sample = data[: SNIFF_BYTES - SNIFF_BYTES % 4]
    best = charset_normalizer.from_bytes(sample, cp_isolation=list(WIDE)).best()
    if best is not None and best.encoding in WIDE:
        try:
            text = data.decode(best.encoding)
        except UnicodeDecodeError as err:
            text = None
            where = err.start
        if text is not None:
            name = best.encoding.replace("_", "-").upper()  # "UTF-16-LE"
            return text, f"{name} without byte-order mark"
    else:
        where = data.index(b"\x00")
    line = data[:where].count(b"\n") + 1
    raise FitError(f"{path}: line {line} holds NUL bytes and is neither UTF-16 nor UTF-32 text: not a CSV "
                   "file? Save it as UTF-8 CSV")


def _sep_line(text: str) -> tuple[str | None, str, int]:
    """(separator, the rest, lines skipped) for Excel's first line `sep=;`; (None, text, 0) without it."""
    first, nl, rest = text.partition("\n")
    m = SEP_LINE.fullmatch(first.rstrip("\r"))
    if m and m.group(1) in SEPARATORS:
        return m.group(1), rest, 1
    if m:
        raise ValueError(m.group(1))
    return None, text, 0


def _separator(text: str) -> str:
    """The separator of `text`: CleverCSV's dialect detection on the first SNIFF_BYTES (cut at a line
    end), else the separator most frequent on the first line, else a comma."""
    import clevercsv

    sample = text[:SNIFF_BYTES]
    if len(text) > SNIFF_BYTES and "\n" in sample:
        sample = sample[: sample.rindex("\n") + 1]
    try:
        dialect = clevercsv.Sniffer().sniff(sample, delimiters=list(SEPARATORS))
        sep = dialect.delimiter if dialect is not None else ""
    except (clevercsv.Error, csv.Error, ValueError):
        sep = ""
    if sep and sep in SEPARATORS:
        return sep
    lines = sample.splitlines()
    first = lines[0] if lines else ""
    counts = {sep: first.count(sep) for sep in SEPARATORS}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def _empty_unnamed(header: list[str], rows: list[list[str]]) -> list[int]:
    """Indices of the header's unnamed columns that hold no value in any row."""
    return [j for j, name in enumerate(header)
            if not name and all(j >= len(r) or not r[j].strip() for r in rows)]


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
    try:
        sep, text, skipped = _sep_line(text)
    except ValueError as err:
        raise FitError(f"{path} line 1: names the separator {str(err)!r} (sep=), which nnviz fit does not read; "
                       "save the file with commas, semicolons, tabs or pipes as separators") from None
    named = sep is not None
    sep = sep or _separator(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep, quotechar='"', doublequote=True,
                        skipinitialspace=True, strict=False)
    header, rows, lines = None, [], []
    start = 1 + skipped
    try:
        for row in reader:
            line, start = start, reader.line_num + 1 + skipped
            if not row or all(not cell.strip() for cell in row):
                continue  # a blank line
            if header is None:
                header, header_line = [cell.strip() for cell in row], line
                continue
            rows.append(row)
            lines.append(line)
    except csv.Error as err:
        raise FitError(f"{path} line {reader.line_num + skipped}: not readable as CSV ({err})") from None
    if header is None:
        raise FitError(f"{path}: the file is empty; it needs a header row naming the columns, then data rows")
    notes = [f"read as {encoding}, {SEPARATOR_NAMES[sep]}-separated"
             + (" (as its first line sep= says)" if named else "")]
    if encoding == "Windows-1252":
        notes.append("the file is not valid UTF-8, so it was read as Windows-1252")
    if header_line != 1 + skipped:
        notes.append(f"the header is on line {header_line} (blank lines before it skipped)")
    if all(_is_number(cell) for cell in header if cell):
        raise FitError(f"{path} line {header_line}: this first line looks like data ({sep.join(header)[:60]!r}), "
                       "not a header: add a first line naming the columns, e.g. x1,x2,label")
    drop = _empty_unnamed(header, rows)
    if drop:
        inside = [j for j in drop if any(header[k] for k in range(j + 1, len(header)))]
        if inside:
            notes.append(f"{len(inside)} empty column{'s' * (len(inside) > 1)} without a name dropped "
                         f"(column{'s' * (len(inside) > 1)} {', '.join(str(j + 1) for j in inside)})")
        keep, width = [j for j in range(len(header)) if j not in drop], len(header)
        header = [header[j] for j in keep]
        rows = [[r[j] for j in keep if j < len(r)] + r[width:] for r in rows]
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
        if len(row) > len(header) and not any(cell.strip() for cell in row[len(header):]):
            del row[len(header):]  # stray trailing separators
        if len(row) != len(header):
            raise FitError(f"{path} line {line}: {len(row)} cells, but the header names {len(header)} "
                           f"columns (separator: {SEPARATOR_NAMES[sep]}); check quotes and separators there")
    return Table(path=path, columns=header, rows=rows, lines=lines, separator=sep, encoding=encoding, notes=notes)
