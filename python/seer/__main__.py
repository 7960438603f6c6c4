"""``python3 -m seer``: the same as the ``seer`` command."""

import sys

from .cli import main

sys.exit(main())
