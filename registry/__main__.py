"""``python -m registry``: the same as the ``registry`` console script."""

import sys

from .cli import main

sys.exit(main())
