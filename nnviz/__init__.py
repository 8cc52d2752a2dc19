"""nnviz: a NumPy neural-network engine and the figures that explain it."""
