"""``python -m helpers`` is the same as the ``coursework`` command."""

import sys

from .cli import main

sys.exit(main())
