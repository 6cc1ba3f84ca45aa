"""`python -m eventbot` is the `eventbot` command."""

import sys

from .cli import main

sys.exit(main())
