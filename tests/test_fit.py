"""`python -m nnviz fit` on small shipped CSVs (tests/data/fit/): every kind of input the issue
lists runs end to end, and the folder holds what the page, report.json and weights.npz promise.
Runs are cheap: a few epochs, 2 animation frames, a 12-point grid (the hidden --frames/--grid)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from nnviz.fit.command import main

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "fit"
CHEAP = ["--epochs", "20", "--frames", "2", "--grid", "12", "--hidden", "4,3", "--quiet"]


def fit(tmp_path, name, *args, out="report"):
    out_dir = tmp_path / out
    code = main([str(DATA / name), *args, "--out", str(out_dir), *CHEAP])
    assert code == 0
    return out_dir, json.loads((out_dir / "report.json").read_text())


@pytest.fixture(scope="module")
def two_classes(tmp_path_factory):
    return fit(tmp_path_factory.mktemp("two"), "two_classes.csv", "--target", "kind")


def test_two_classes_writes_every_file_the_report_lists(two_classes):
    out, report = two_classes
    assert report["settings"]["task"] == "classify"
    assert report["data"]["classes"] == ["no", "yes"]
    assert report["network"]["sizes"] == [2, 4, 3, 1] and report["network"]["output"] == "sigmoid"
    names = [f["name"] for f in report["figures"]]
    assert names == ["data", "training", "regions", "neurons", "neurons-training", "curves", "network", "errors"]
    for entry in report["figures"]:
        expected = ({"png", "png_dark", "svg", "svg_dark"} if entry["kind"] == "static" else
                    {"gif", "gif_dark", "mp4", "mp4_dark", "poster", "poster_dark", "slide_gif_light",
                     "slide_gif_dark", "slide_mp4_light", "slide_mp4_dark"})
        assert set(entry["files"]) == expected, entry["name"]
        for rel in entry["files"].values():
            assert (out / rel).stat().st_size > 500, rel
        assert entry["caption"] and entry["alt"]
    listed = {rel for e in report["figures"] for rel in e["files"].values()}
    on_disk = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    assert on_disk - listed == {"index.html", "report.json", "weights.npz"}
    assert not list(out.parent.glob(".report.*")), "the temporary folder is gone"


def test_figures_follow_the_design_system(two_classes):
    """Slots and type of nnviz.render.theme: no text under 12 CSS px on the page, 2 px per CSS px."""
    _, report = two_classes
    for entry in report["figures"]:
        assert entry["slot"] in ("column", "wide"), entry["name"]
        assert entry["px_per_css"] == 2.0, entry["name"]
        if entry["min_text_px"] is not None:
            assert entry["min_text_px"] >= 12, (entry["name"], entry["smallest_text"])


def test_slides_are_1280_by_720(two_classes):
    from PIL import Image

    out, report = two_classes
    entry = next(e for e in report["figures"] if e["name"] == "training")
    for key in ("slide_gif_light", "slide_gif_dark"):
        with Image.open(out / entry["files"][key]) as gif:
            assert gif.size == (1280, 720)
            assert gif.n_frames == 2


def test_history_has_every_epoch_for_train_and_test(two_classes):
    _, report = two_classes
    h = report["history"]
    assert h["epoch"] == list(range(21))
    for key in ("train_loss", "test_loss", "train_accuracy", "test_accuracy"):
        assert len(h[key]) == 21 and all(np.isfinite(h[key]))
    assert h["train_loss"][-1] < h["train_loss"][0]
    assert report["metrics"]["test_accuracy"] == h["test_accuracy"][-1]


def test_weights_reload_and_predict_like_the_report(two_classes):
    from nnviz.fit import load_report

    out, report = two_classes
    run = load_report(out)
    acc = np.mean(run.predict(run.data.X_test) == run.data.y_test)
    assert acc == pytest.approx(report["metrics"]["test_accuracy"])
    with np.load(out / "weights.npz") as z:
        assert z["W0"].shape == (2, 4) and z["W2"].shape == (3, 1)


def test_redraw_from_the_folder_gives_the_same_figures(two_classes, tmp_path):
    from nnviz.fit import load_report
    from nnviz.fit.output import write_report

    out, report = two_classes
    again = write_report(load_report(out), tmp_path / "again", report["command"], quiet=True)
    for rel in ("figures/regions.png", "figures/curves.svg", "figures/network.dark.png", "report.json"):
        assert (again / rel).read_bytes() == (out / rel).read_bytes(), rel


def test_rerun_is_byte_identical(two_classes, tmp_path):
    out, report = two_classes
    again, _ = fit(tmp_path, "two_classes.csv", "--target", "kind", out="report")
    for rel in ("figures/data.png", "figures/errors.svg", "weights.npz"):
        assert (again / rel).read_bytes() == (out / rel).read_bytes(), rel


def test_three_classes_with_quoted_names(tmp_path):
    _, report = fit(tmp_path, "three_classes.csv", "--target", "colour")
    assert report["data"]["classes"] == ["blue, light", "red shift", 'say "green"']
    assert report["network"]["output"] == "softmax" and report["network"]["sizes"][-1] == 3
    assert report["data"]["rows_used"] == 72


def test_regression_reports_rmse_in_the_target_units(tmp_path):
    _, report = fit(tmp_path, "regression.csv", "--target", "yield_kg")
    assert report["settings"]["task"] == "regress"
    assert report["network"]["output"] == "identity"
    assert set(report["metrics"]) == {"train_loss", "test_loss", "train_rmse", "test_rmse"}
    errors = next(f for f in report["figures"] if f["name"] == "errors")
    assert "Predicted against true yield_kg" in errors["caption"]


def test_more_than_two_features_holds_the_others_at_the_median(tmp_path):
    _, report = fit(tmp_path, "many_features.csv", "--target", "grade",
                    "--features", "alpha,beta,gamma,site", "--plot", "beta,alpha")
    assert report["data"]["inputs"] == ["alpha", "beta", "gamma", "site=north", "site=south"]
    assert report["settings"]["plot"] == ["beta", "alpha"]
    regions = next(f for f in report["figures"] if f["name"] == "regions")
    assert "held at their training median" in regions["caption"] and "gamma, site" in regions["caption"]


# Reading and preparing only (no figures): the steps the command runs before training.


def prepared(name, target, **kw):
    from nnviz.fit.prepare import prepare
    from nnviz.fit.table import read_table

    return prepare(read_table(DATA / name), target, **kw)


def test_without_features_every_numeric_column_is_used_and_text_is_ignored():
    data = prepared("many_features.csv", "grade")
    assert data.features == ["id", "alpha", "beta", "gamma"]
    assert data.ignored == ["site"]


def test_semicolons_bom_crlf_and_decimal_commas(tmp_path):
    out, report = fit(tmp_path, "semicolon_bom.csv", "--target", "Klasse")
    d = report["data"]
    assert d["features"] == ["Länge", "Breite"] and d["classes"] == ["0", "1"] and d["rows_used"] == 50
    assert any("semicolon" in n and "BOM" in n for n in d["notes"])
    assert "Länge" in (out / "index.html").read_text(encoding="utf-8")
    data = prepared("semicolon_bom.csv", "Klasse")
    rows = data.raw(np.vstack([data.X_train, data.X_test]))
    assert np.isclose(rows, [-1.189, -0.682]).all(axis=1).any()  # the first row, "-1,189;-0,682"


def test_split_is_seeded_stratified_and_standardised_on_train():
    a, b = prepared("two_classes.csv", "kind", seed=3), prepared("two_classes.csv", "kind", seed=3)
    c = prepared("two_classes.csv", "kind", seed=4)
    assert np.array_equal(a.X_test, b.X_test) and not np.array_equal(a.X_test, c.X_test)
    assert len(a.X_test) == 15 and np.bincount(a.y_test).tolist() == [8, 7]
    assert np.allclose(a.X_train.mean(axis=0), 0) and np.allclose(a.X_train.std(axis=0), 1)
    assert not np.allclose(a.X_test.mean(axis=0), 0)


def test_missing_values_are_dropped_counted_and_named(tmp_path, capsys):
    out = tmp_path / "r"
    assert main([str(DATA / "missing.csv"), "--target", "label", "--out", str(out), *CHEAP[:-1]]) == 0
    report = json.loads((out / "report.json").read_text())
    assert report["data"]["rows_read"] == 50 and report["data"]["rows_dropped"] == 6
    assert report["data"]["dropped_lines"] == [4, 9, 13, 22, 35, 42]
    said = capsys.readouterr().err
    assert "6 rows dropped for a missing value (lines 4, 9, 13, 22, 35 and 1 more)" in said
    assert "6 rows dropped" in (out / "index.html").read_text()


def test_the_cli_entry_point_runs_fit(tmp_path):
    run = subprocess.run([sys.executable, "-m", "nnviz", "fit", "--help"], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0 and "--target" in run.stdout and "--frames" not in run.stdout


@pytest.mark.parametrize("target, task", [("species", "classify"), ("body_mass_g", "regress")])
def test_one_feature_draws_curves_instead_of_maps(tmp_path, target, task):
    """The commonest first try (issue 23): one input. Curves over it, and the page shows them all."""
    out, report = fit(tmp_path, "../../../data/penguins.csv", "--target", target, "--features", "flipper_length_mm")
    assert report["settings"]["task"] == task and report["settings"]["plot"] == ["flipper_length_mm"]
    assert report["network"]["sizes"][0] == 1
    page = (out / "index.html").read_text(encoding="utf-8")
    for entry in report["figures"]:
        for rel in entry["files"].values():
            assert (out / rel).stat().st_size > 500, rel
        assert entry["files"].get("png", entry["files"].get("mp4")) in page
    captions = {e["name"]: e["caption"] for e in report["figures"]}
    if task == "classify":
        assert "probability of each class along flipper_length_mm" in captions["regions"]
    else:
        assert "fitted curve of body_mass_g along flipper_length_mm" in captions["regions"]
    assert "output along flipper_length_mm" in captions["neurons"] and "plane" not in " ".join(captions.values())


def test_one_plotted_feature_of_several_holds_the_others_at_the_median():
    data = prepared("many_features.csv", "grade", plot="beta")
    assert [data.inputs[i] for i in data.plot] == ["beta"]


def test_the_reports_command_wraps_between_words_never_inside_an_option():
    """On a phone 'Made by' wrapped inside option names ('--' / 'features'; review B-L10): each word
    is its own unbreakable unit, and the command reads (and copies) as typed."""
    import re

    from nnviz.fit.page import command_html

    command = "python -m nnviz fit data/x&y.csv --features a,b --quiet"
    out = command_html(command)
    assert re.findall(r"<span>([^<]*)</span>", out) == [w.replace("&", "&amp;") for w in command.split(" ")]
    assert re.sub(r"<[^>]+>", "", out).replace("&amp;", "&") == command
