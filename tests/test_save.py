"""Writing figures: a PNG's 256-colour palette keeps a figure's flat colours exactly."""
from __future__ import annotations

import io

import numpy as np
from PIL import Image

from nnviz.render.save import png_bytes


def test_a_small_flat_swatch_beside_a_smooth_field_keeps_its_exact_colour():
    # a legend swatch next to a shaded map: median cut alone drew the orange swatch khaki
    y, x = np.mgrid[0:600, 0:1200]
    image = np.stack([x * 255 // 1199, y * 255 // 599, (x + y) * 255 // 1798], axis=-1).astype(np.uint8)
    image[50:80, 50:100] = (230, 159, 0)
    image[100:130, 50:100] = (0, 114, 178)
    out = np.asarray(Image.open(io.BytesIO(png_bytes(image))).convert("RGB"))
    assert tuple(out[60, 60]) == (230, 159, 0)
    assert tuple(out[110, 60]) == (0, 114, 178)
    assert np.abs(out.astype(int) - image).max() < 32  # and the smooth field stays close


def test_an_image_of_few_colours_is_written_exactly():
    image = np.zeros((40, 60, 3), np.uint8)
    image[:, 20:] = (31, 35, 40)
    image[10:20, 30:40] = (229, 159, 0)
    out = np.asarray(Image.open(io.BytesIO(png_bytes(image))).convert("RGB"))
    assert np.array_equal(out, image)
