"""`python -m nnviz ...`: see nnviz/cli.py."""
import sys

from .cli import main

sys.exit(main())
