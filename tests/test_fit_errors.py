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


def test_empty_file(tmp_path, capsys):
    err = fails(tmp_path, capsys, csv_file(tmp_path, "\n  \n"), "--target", "y")
    assert "data.csv: the file is empty" in err


def test_no_header(tmp_path, capsys):
    err = fails(tmp_path, capsys, csv_file(tmp_path, "1,2,3\n4,5,6\n"), "--target", "y")
    assert "data.csv line 1: this first line looks like data" in err


def test_unknown_target_suggests_close_matches(tmp_path, capsys):
    err = fails(tmp_path, capsys, csv_file(tmp_path, GOOD), "--target", "lable")
    assert "no column named 'lable' (--target); did you mean 'label'?" in err


def test_unknown_feature_suggests_close_matches(tmp_path, capsys):
    err = fails(tmp_path, capsys, csv_file(tmp_path, GOOD), "--target", "label", "--features", "id,X")
    assert "no column named 'X' (--features); did you mean 'x'?" in err


def test_target_with_a_single_class(tmp_path, capsys):
    text = "a,b,label\n" + "".join(f"{i},{i % 3},same\n" for i in range(20))
    err = fails(tmp_path, capsys, csv_file(tmp_path, text), "--target", "label")
    assert "target column 'label' has a single class ('same')" in err


def test_more_than_20_classes(tmp_path, capsys):
    text = "a,b,y\n" + "".join(f"{i},{i % 5},{i}\n" for i in range(40))
    err = fails(tmp_path, capsys, csv_file(tmp_path, text), "--target", "y", "--task", "classify")
    assert "'y' has 40 different values, more than the 20 classes" in err and "--task regress" in err


def test_fewer_than_10_usable_rows(tmp_path, capsys):
    text = "a,b,y\n" + "".join(f"{i},{'NA' if i % 2 else i},{i % 2}\n" for i in range(14))
    err = fails(tmp_path, capsys, csv_file(tmp_path, text), "--target", "y")
    assert "only 7 usable rows (14 read, 7 dropped for a missing value" in err


def test_infinite_value(tmp_path, capsys):
    text = "a,b,y\n" + "".join(f"{i},{'inf' if i == 6 else i},{i % 2}\n" for i in range(20))
    err = fails(tmp_path, capsys, csv_file(tmp_path, text), "--target", "y")
    assert "data.csv line 8: column 'b' holds an infinite value 'inf'" in err


def test_duplicated_column_names(tmp_path, capsys):
    err = fails(tmp_path, capsys, csv_file(tmp_path, "a,b,a\n" + rows(20)), "--target", "b")
    assert "data.csv line 1: the column name 'a' appears twice (columns 1 and 3)" in err


def test_mostly_numeric_column_with_stray_text(tmp_path, capsys):
    text = "a,b,y\n" + "".join(f"{i},{'12 kg' if i in (9, 15) else i},{i % 2}\n" for i in range(30))
    err = fails(tmp_path, capsys, csv_file(tmp_path, text), "--target", "y")
    assert "data.csv line 11: column 'b' holds numbers but this row has the text '12 kg' (2 such rows)" in err


def test_row_with_too_many_cells(tmp_path, capsys):
    text = "a,b,y\n" + rows(5, "{i},{x},{label}") + "1,2,3,4\n" + rows(10)
    err = fails(tmp_path, capsys, csv_file(tmp_path, text), "--target", "y")
    assert "data.csv line 7: 4 cells, but the header names 3 columns" in err


def test_text_target_cannot_be_regressed(tmp_path, capsys):
    err = fails(tmp_path, capsys, csv_file(tmp_path, GOOD), "--target", "label", "--task", "regress")
    assert "line 2: --task regress needs a numeric target, but column 'label' holds text" in err


def test_plot_feature_must_be_numeric_and_used(tmp_path, capsys):
    err = fails(tmp_path, capsys, csv_file(tmp_path, GOOD), "--target", "label", "--plot", "id,lable")
    assert "no column named 'lable' (--plot); did you mean 'label'?" in err


def test_not_utf8_nor_windows_1252(tmp_path, capsys):
    data = b"a,b,y\n" + b"1,2,\x81\x8d\n" * 12
    err = fails(tmp_path, capsys, csv_file(tmp_path, data), "--target", "y")
    assert "data.csv: line 2 is neither UTF-8 nor Windows-1252" in err


def test_divergence_says_so_and_suggests_a_smaller_lr(tmp_path, capsys):
    text = "a,b,y\n" + "".join(f"{i},{(i * 7) % 13},{i * i}\n" for i in range(40))
    err = fails(tmp_path, capsys, csv_file(tmp_path, text), "--target", "y", "--lr", "50")
    assert "training diverged" in err and "--lr 50" in err and "try a smaller --lr such as 5" in err


def test_an_existing_folder_that_is_not_a_report_is_left_alone(tmp_path, capsys):
    out = tmp_path / "out"
    out.mkdir()
    (out / "mine.txt").write_text("keep")
    code = main([str(csv_file(tmp_path, GOOD)), "--target", "label", "--out", str(out), "--quiet"])
    assert code == 2 and "is not an nnviz fit report" in capsys.readouterr().err
    assert (out / "mine.txt").read_text() == "keep"


def test_bom_alone_is_an_empty_file(tmp_path, capsys):
    err = fails(tmp_path, capsys, csv_file(tmp_path, codecs.BOM_UTF8), "--target", "y")
    assert "the file is empty" in err


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
