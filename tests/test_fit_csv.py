"""Real CSV files as Excel, LibreOffice, R or a European locale write them (issue 23): the separator,
the encoding, Excel's habits and decimal commas, read right or refused with one clear line."""
from __future__ import annotations

import codecs
import re
import time

import numpy as np
import pytest

from nnviz.fit.errors import FitError
from nnviz.fit.prepare import prepare
from nnviz.fit.table import read_table

ROWS = [(i % 7 + 0.5, (i * 3) % 11, "AB"[i % 2]) for i in range(30)]


def write(tmp_path, data, name="data.csv"):
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode())
    return path


def test_a_semicolon_file_whose_cells_hold_lists_is_read_as_semicolon_separated(tmp_path):
    """cpython#119123: csv.Sniffer says ',' for this file (the report's own lines)."""
    text = ("id;has_data;has_info;is_sort;a;b;c;d;cost;group;sub_group;merge\n"
            "1;False;False;False;True;;;;62.25;['345'];['10'];UNKNOWN\n"
            "2;False;False;False;True;;;;54.00;['235'];['256'];UNKNOWN\n"
            "3;False;False;False;True;;;;237.00;['567'];['ALL'];UNKNOWN\n"
            "4;False;False;False;True;;;;46.50;['112', '112'];['765', '766'];UNKNOWN\n"
            "5;False;False;False;True;;;;237.00;['468'];['ALL'];UNKNOWN\n"
            "6;False;False;False;True;;;;13.27;['510'];['23'];UNKNOWN\n")
    t = read_table(write(tmp_path, text))
    assert t.separator == ";" and len(t.columns) == 12 and t.rows[3][9] == "['112', '112']"
    lists = "id;cost;group;label\n" + "".join(f"{i};{i * 1.5:.2f};['{i}', '{i + 1}'];{'AB'[i % 3 > 0]}\n"
                                              for i in range(1, 21))
    data = prepare(read_table(write(tmp_path, lists)), "label")
    assert data.features == ["id", "cost"] and data.ignored == ["group"]


def test_one_column_of_quoted_values_is_read_at_once(tmp_path):
    """cpython#98820: the standard sniffer took 22 s of CPU on these 64 KiB."""
    path = write(tmp_path, '"label"\n' + "".join(f'"{i % 100}"\n' for i in range(13000)))
    start = time.process_time()
    t = read_table(path)
    assert time.process_time() - start < 3.0
    assert t.columns == ["label"] and len(t.rows) == 13000


@pytest.mark.parametrize("sep", [",", ";", "\t", "|"])
def test_every_separator_is_found_even_with_quoted_cells(tmp_path, sep):
    text = f"name{sep}x{sep}label\n" + "".join(f'"{c}, {i}"{sep}{a}{sep}{c}\n' for i, (a, _, c) in enumerate(ROWS))
    t = read_table(write(tmp_path, text))
    assert t.separator == sep and t.columns == ["name", "x", "label"] and t.rows[0][0] == "A, 0"


@pytest.mark.parametrize("first", ["sep=;\n", "\ufeffsep=;\r\n", '"sep=;"\n', "SEP=;\n"])
def test_excels_sep_line_names_the_separator_and_is_skipped(tmp_path, first):
    nl = "\r\n" if "\r" in first else "\n"
    body = nl.join([f"{i};{i % 7},5;{'AB'[i % 2]}" for i in range(20)] + ["oops;1;A"]) + nl
    path = write(tmp_path, first + "x;y;label" + nl + body)
    t = read_table(path)
    assert t.columns == ["x", "y", "label"] and t.separator == ";"
    assert t.lines[0] == 3 and "sep=" in t.notes[0]
    with pytest.raises(FitError, match=r"data.csv line 23: column 'x' holds numbers but this row has the text 'oops'"):
        prepare(t, "label")


def test_a_sep_line_naming_another_separator_is_a_clear_error(tmp_path):
    with pytest.raises(FitError, match=r"data.csv line 1: names the separator ':' \(sep=\), which nnviz fit does "
                                       "not read"):
        read_table(write(tmp_path, "sep=:\nx:y:label\n" + "".join(f"{a}:{b}:{c}\n" for a, b, c in ROWS)))


@pytest.mark.parametrize("text", [
    pytest.param("x;y;label;;;\n" + "".join(f"{a};{b};{c};;;\n" for a, b, c in ROWS), id="three-trailing-semicolons"),
    pytest.param("x,y,label,,\n" + "".join(f"{a},{b},{c},,\n" for a, b, c in ROWS), id="two-trailing-commas"),
    pytest.param("x,y,label\n" + "".join(f"{a},{b},{c},,\n" for a, b, c in ROWS), id="rows-longer-than-header"),
    pytest.param("x;y;label;;;\n" + "".join(f"{a};{b};{c}\n" for a, b, c in ROWS), id="header-longer-than-rows"),
])
def test_empty_unnamed_trailing_columns_are_dropped(tmp_path, text):
    t = read_table(write(tmp_path, text))
    assert t.columns == ["x", "y", "label"] and all(len(r) == 3 for r in t.rows)


def test_an_empty_unnamed_column_inside_is_dropped_and_said_but_one_with_values_is_an_error(tmp_path):
    t = read_table(write(tmp_path, "x;;y;label\n" + "".join(f"{a};;{b};{c}\n" for a, b, c in ROWS)))
    assert t.columns == ["x", "y", "label"] and any("empty column without a name dropped (column 2)" in n
                                                    for n in t.notes)
    with pytest.raises(FitError, match="line 1: column 2 has no name"):
        read_table(write(tmp_path, "x;;y;label\n" + "".join(f"{a};7;{b};{c}\n" for a, b, c in ROWS)))


def test_quoted_decimal_commas_in_a_comma_separated_file_are_numbers(tmp_path):
    """pola-rs/polars#23157: "1,5" as LibreOffice writes it in a comma locale, never one-hot text."""
    text = "a,b,x,label\n" + "".join(f'{i * 0.1:.1f},{(i * 7) % 13},"{i % 7},5",{"AB"[i % 7 > 3]}\n'
                                      for i in range(60))
    data = prepare(read_table(write(tmp_path, text)), "label", features="a,b,x")
    assert data.inputs == ["a", "b", "x"] and not data.groups
    x = data.raw(np.vstack([data.X_train, data.X_test]))[:, 2]
    assert sorted(set(np.round(x, 6))) == [0.5, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5]
    assert any("decimal comma" in n and "x" in n for n in data.notes)
    plain = prepare(read_table(write(tmp_path, text)), "label")
    assert plain.features == ["a", "b", "x"]


def test_quoted_numbers_whose_comma_may_be_a_thousands_separator_are_a_clear_error(tmp_path):
    text = "a,x,label\n" + "".join(f'{i},"{i + 1},{(i * 37) % 1000:03d}",{"AB"[i % 2]}\n' for i in range(30))
    with pytest.raises(FitError, match=r"data.csv line 2: column 'x' holds '1,000': is the comma a decimal comma "
                                       "or a thousands separator"):
        prepare(read_table(write(tmp_path, text)), "label")
    names = "name,x,z,label\n" + "".join(f'"Smith, {i}",{i},{i % 7},{"AB"[i % 2]}\n' for i in range(30))
    assert prepare(read_table(write(tmp_path, names)), "label").ignored == ["name"]  # text stays text


TEXT = "x,y,label\n" + "".join(f"{a},{b},{c}\n" for a, b, c in ROWS)


@pytest.mark.parametrize("encoding, data", [
    ("UTF-16-LE without byte-order mark", TEXT.encode("utf-16-le")),
    ("UTF-16-BE without byte-order mark", TEXT.encode("utf-16-be")),
    ("UTF-32-LE without byte-order mark", TEXT.encode("utf-32-le")),
    ("UTF-32", codecs.BOM_UTF32_LE + TEXT.encode("utf-32-le")),
    ("UTF-16", TEXT.encode("utf-16")),
])
def test_utf16_and_utf32_with_or_without_byte_order_mark(tmp_path, encoding, data):
    t = read_table(write(tmp_path, data))
    assert t.encoding == encoding and t.columns == ["x", "y", "label"] and len(t.rows) == 30
    assert prepare(t, "label").classes == ["A", "B"]


@pytest.mark.parametrize("data, says", [
    (b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(256)) * 4, "is a zip file (an Excel .xlsx"),
    (b"x,y\n1,2\n3,\x00\x01\x02\xff\n", "line 3 holds NUL bytes and is neither UTF-16 nor UTF-32"),
])
def test_binary_files_are_refused_in_one_line_without_nul_characters(tmp_path, data, says):
    with pytest.raises(FitError, match=re.escape(says)) as err:
        read_table(write(tmp_path, data))
    assert "\x00" not in str(err.value) and "\n" not in str(err.value)
