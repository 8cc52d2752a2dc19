"""Every bad input issue 18 lists gets a clear error naming the file, the column and the first bad
line, exit status 2, and nothing written: the --out folder does not appear."""
from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from nnviz.fit.command import main


def csv_file(tmp_path, text: str | bytes, name="data.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    return path


def rows(n, fmt="{i},{x},{label}"):
    return "".join(fmt.format(i=i, x=(i * 7) % 11 - 5, label="ab"[i % 2]) + "\n" for i in range(n))


GOOD = "id,x,label\n" + rows(30)


def fails(tmp_path, capsys, path, *args) -> str:
    out = tmp_path / "out"
    code = main([str(path), *args, "--out", str(out), "--quiet", "--epochs", "3", "--frames", "2", "--grid", "10"])
    err = capsys.readouterr().err
    assert code == 2, err
    assert not out.exists(), "nothing may be written when the run fails"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out.")], "no temporary folder left"
    assert err.startswith("nnviz fit: ") and err.count("\n") == 1, err
    return err


def test_missing_file(tmp_path, capsys):
    err = fails(tmp_path, capsys, tmp_path / "nope.csv", "--target", "y")
    assert "nope.csv: no such file" in err


def table(n, cell, label=lambda i: i % 2, header="a,b,y"):
    """A header and n rows "i,cell(i),label(i)"."""
    return header + "\n" + "".join(f"{i},{cell(i)},{label(i)}\n" for i in range(n))


# (id, the file, the arguments, what the one error line must say: every part of it)
BAD_INPUTS = [
    ("empty-file", "\n  \n", ["--target", "y"], ["data.csv: the file is empty"]),
    ("bom-alone-is-empty", codecs.BOM_UTF8, ["--target", "y"], ["the file is empty"]),
    ("no-header", "1,2,3\n4,5,6\n", ["--target", "y"], ["data.csv line 1: this first line looks like data"]),
    ("unknown-target-suggests-close-matches", GOOD, ["--target", "lable"],
     ["no column named 'lable' (--target); did you mean 'label'?"]),
    ("unknown-feature-suggests-close-matches", GOOD, ["--target", "label", "--features", "id,X"],
     ["no column named 'X' (--features); did you mean 'x'?"]),
    ("target-with-a-single-class", table(20, lambda i: i % 3, lambda i: "same", "a,b,label"), ["--target", "label"],
     ["target column 'label' has a single class ('same')"]),
    ("more-than-20-classes", table(40, lambda i: i % 5, lambda i: i), ["--target", "y", "--task", "classify"],
     ["'y' has 40 different values, more than the 20 classes", "--task regress"]),
    ("fewer-than-10-usable-rows", table(14, lambda i: "NA" if i % 2 else i),
     ["--target", "y"], ["only 7 usable rows (14 read, 7 dropped for a missing value"]),
    ("infinite-value", table(20, lambda i: "inf" if i == 6 else i),
     ["--target", "y"], ["data.csv line 8: column 'b' holds an infinite value 'inf'"]),
    ("duplicated-column-names", "a,b,a\n" + rows(20), ["--target", "b"],
     ["data.csv line 1: the column name 'a' appears twice (columns 1 and 3)"]),
    ("mostly-numeric-column-with-stray-text",
     table(30, lambda i: "12 kg" if i in (9, 15) else i), ["--target", "y"],
     ["data.csv line 11: column 'b' holds numbers but this row has the text '12 kg' (2 such rows)"]),
    ("row-with-too-many-cells", "a,b,y\n" + rows(5) + "1,2,3,4\n" + rows(10), ["--target", "y"],
     ["data.csv line 7: 4 cells, but the header names 3 columns"]),
    ("text-target-cannot-be-regressed", GOOD, ["--target", "label", "--task", "regress"],
     ["line 2: --task regress needs a numeric target, but column 'label' holds text"]),
    ("plot-feature-must-be-numeric-and-used", GOOD, ["--target", "label", "--plot", "id,lable"],
     ["no column named 'lable' (--plot); did you mean 'label'?"]),
    ("only-text-features-cannot-be-drawn", table(20, lambda i: "pqr"[i % 3]), ["--target", "y", "--features", "b"],
     ["the figures need at least one numeric feature, but only text features are used (b)"]),
    ("not-utf8-nor-windows-1252", b"a,b,y\n" + b"1,2,\x81\x8d\n" * 12, ["--target", "y"],
     ["data.csv: line 2 is neither UTF-8 nor Windows-1252"]),
    ("divergence-says-so-and-suggests-a-smaller-lr", table(40, lambda i: (i * 7) % 13, lambda i: i * i),
     ["--target", "y", "--lr", "50"], ["training diverged", "--lr 50", "try a smaller --lr such as 5"]),
]


@pytest.mark.parametrize("text, args, says", [pytest.param(*case[1:], id=case[0]) for case in BAD_INPUTS])
def test_bad_input_fails_with_one_line_that_says_what_is_wrong(tmp_path, capsys, text, args, says):
    err = fails(tmp_path, capsys, csv_file(tmp_path, text), *args)
    for part in says:
        assert part in err


def test_an_existing_folder_that_is_not_a_report_is_left_alone(tmp_path, capsys):
    out = tmp_path / "out"
    out.mkdir()
    (out / "mine.txt").write_text("keep")
    code = main([str(csv_file(tmp_path, GOOD)), "--target", "label", "--out", str(out), "--quiet"])
    assert code == 2 and "is not an nnviz fit report" in capsys.readouterr().err
    assert (out / "mine.txt").read_text() == "keep"


@pytest.mark.parametrize("marker", ["", "NA", "N/A", "NaN", "null", "?", "na", "NULL"])
def test_missing_markers(marker):
    from nnviz.fit.prepare import MISSING

    assert marker.lower() in MISSING


def test_a_crash_while_drawing_leaves_nothing(tmp_path, monkeypatch):
    from nnviz.fit import figures

    def boom(ctx, run):
        raise RuntimeError("drawing failed")

    monkeypatch.setattr(figures.FIGURES[1], "draw", boom)  # the first drawn
    out = tmp_path / "out"
    with pytest.raises(RuntimeError, match="drawing failed"):
        main([str(csv_file(tmp_path, GOOD)), "--target", "label", "--out", str(out), "--quiet", "--epochs", "2",
              "--frames", "2", "--grid", "10", "--hidden", "2"])
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["data.csv"]
