"""``python -m paknevis``: the command line (see :mod:`paknevis.cli`)."""

from __future__ import annotations

import sys
from typing import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    """Runs the command line; returns the exit status (the console script exits with it)."""
    from .cli import main as cli_main

    return cli_main(argv)


if __name__ == "__main__":
    sys.exit(main())
