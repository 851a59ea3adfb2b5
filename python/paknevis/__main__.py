"""Command line: ``python -m paknevis normalize [FILE ...]`` prints the normalized text."""

from __future__ import annotations

import argparse
import sys
from typing import Sequence

from . import Normalizer, __version__


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="paknevis", description=__doc__)
    parser.add_argument("--version", action="version", version=f"paknevis {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    norm = sub.add_parser("normalize", help="normalize Persian text, line by line")
    norm.add_argument("files", nargs="*", help="input files (default: standard input)")
    norm.add_argument("--config", help="a Normalizer configuration saved with to_json()")
    args = parser.parse_args(argv)

    normalizer = Normalizer()
    if args.config:
        with open(args.config, encoding="utf-8") as f:
            normalizer = Normalizer.from_json(f.read())
    out = sys.stdout
    sources = args.files or ["-"]
    for name in sources:
        stream = sys.stdin if name == "-" else open(name, encoding="utf-8", newline="")
        try:
            for lineno, line in enumerate(stream, 1):
                body = line.rstrip("\r\n")
                out.write(normalizer.normalize(body))
                out.write("\n")
        except UnicodeDecodeError as e:
            print(f"paknevis: {name}:{lineno + 1}: invalid UTF-8 ({e.reason})", file=sys.stderr)
            return 1
        finally:
            if stream is not sys.stdin:
                stream.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
