"""`python -m nnviz ...`: see nnviz/cli.py."""
import os
import sys

from .cli import main

code = main()
if code == 130:  # interrupted: everything is saved and said; skip the slow interpreter teardown
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
sys.exit(code)
