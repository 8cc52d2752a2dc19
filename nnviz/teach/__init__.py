"""The teacher's pack of each chapter: slide decks ready to present and every figure in a zip.

    page.py    reading order, short titles and introducing sentences from docs/<chapter>.md
    deck.py    one .pptx (python-pptx): title slide, one slide per figure, credits and licence
    bundle.py  the zip of every figure file with its README
    build.py   which packs are stale, building them atomically into slides/ (`nnviz slides`)

The citation, credits and licence come from nnviz.sources.
"""
