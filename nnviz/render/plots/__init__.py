"""Shared drawing helpers used by several figure scripts, one topic per module."""
