"""The ``paknevis`` command line: normalize, split into sentences or into words, streaming.

    paknevis normalize|sentences|words [FILE ...] [-o OUT] [options]

Input is read from the files (``-`` or none: standard input) and written to standard output or
to ``-o OUT``. Memory stays flat whatever the input size: the input is read in chunks of about
1 MiB of whole lines, processed with the batch API (``--jobs N`` threads, without the GIL) in a
background thread while the next chunk is read and the previous one written. Plain text to
normalize never becomes Python str: its bytes go through the compiled ``_normalize_lines``.
From a pipe or a terminal, each batch is what is ready, and its output is flushed at once.

Formats (``--format``, else from the file extension: ``.jsonl``/``.ndjson``, ``.csv``,
``.tsv``; anything else and standard input are plain text):

* ``text``: one record per line. ``normalize`` writes one line per input line (unless the
  ``whitespace`` option turns a U+0085, U+2028 or U+2029 inside a line into a line break, as
  ``normalize`` does; ``--set whitespace=false`` or JSONL keep the alignment); ``words`` writes
  the tokens of each input line separated by spaces (``--json``: a JSON list per line);
  ``sentences`` writes the sentences of each input line one per line, and a blank input line
  stays a blank line, so paragraph breaks survive (``--json``: a JSON list per input line).
* ``jsonl``: one JSON object per line; ``--field`` (default ``text``) is processed and the
  result replaces it, or goes into ``--output-field``; other fields pass through. A null field
  stays null; sentences and words are JSON lists. Blank lines are skipped.
* ``csv`` and ``tsv``: the header row is kept; ``--column`` (default ``text``) is processed
  and the result replaces it, or goes into ``--output-column`` (added at the end if new); other
  columns pass through. Words are joined by spaces and sentences by newlines (``--json``: a
  JSON list in the cell).

Bad input (invalid UTF-8, malformed JSON, a missing field or column) stops with the file name
and line number on standard error and exit status 1; ``--on-error skip`` drops the bad lines
instead and reports how many at the end. With ``-o``, the output is written to a temporary file
next to OUT and renamed when everything succeeded: a failure never leaves a truncated OUT.
A progress bar (bytes, lines, rate, ETA) is drawn on standard error when it is a terminal
(and the output does not go to that screen); ``--progress`` forces it and ``--quiet`` silences
it. A leading UTF-8 byte order mark is ignored; CRLF line ends are read as LF and every output
line ends with LF. ``sentences`` and ``words`` take ``--normalize`` to normalize each text
first (with the normalizer options).

Exit status: 0 on success, 1 on bad input or an I/O error, 2 on a usage or configuration error.
"""

from __future__ import annotations

import argparse
import codecs
import contextlib
import csv
import io
import json
import os
import select
import signal
import stat
import sys
import tempfile
import threading
import time
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import IO, Any, BinaryIO, Callable, Iterator, Sequence

import paknevis

from . import ConfigError, Normalizer, __version__, _paknevis

#: The compiled fast path for plain text (``_normalize_lines(normalizer, data, threads=)``:
#: UTF-8 lines in, normalized lines out, as bytes), if this build has it; None: per-line str.
FAST_LINES: Callable[..., bytes] | None = getattr(_paknevis, "_normalize_lines", None)

#: Bytes of input read per chunk (whole lines are added up to the next newline).
DEFAULT_CHUNK_BYTES = 1 << 20
#: Rows per batch at most for CSV and TSV (they are also cut at DEFAULT_CHUNK_BYTES).
CSV_BATCH_ROWS = 4096
#: Extensions that select a format when --format is not given.
EXTENSIONS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".tsv": "tsv", ".tab": "tsv"}
COMMANDS = ("normalize", "sentences", "words")

Texts = list[Any]
Operation = Callable[[Texts], list[Any]]


class UsageError(Exception):
    """A bad command line or configuration (exit status 2)."""


class InputError(Exception):
    """Bad input at a known place (exit status 1)."""

    def __init__(self, name: str, lineno: int | None, message: str) -> None:
        where = f"{name}:{lineno}" if lineno is not None else name
        super().__init__(f"{where}: {message}")


class ErrorPolicy:
    """What to do with a bad input line: ``fail`` raises, ``skip`` counts it and goes on."""

    def __init__(self, mode: str) -> None:
        self.mode = mode
        self.skipped = 0
        self.first: str | None = None

    def bad(self, name: str, lineno: int | None, message: str) -> None:
        """Reports a bad line: raises InputError under ``fail``, else records it."""
        err = InputError(name, lineno, message)
        if self.mode == "fail":
            raise err
        self.skipped += 1
        if self.first is None:
            self.first = str(err)


# --------------------------------------------------------------------------------------------
# Progress


def _size(n: float) -> str:
    for unit in ("B", "kB", "MB", "GB"):
        if n < 1000 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1000
    return f"{n:.1f} TB"  # pragma: no cover


def _duration(s: float) -> str:
    s = int(s)
    h, rem = divmod(s, 3600)
    m, sec = divmod(rem, 60)
    return f"{h}:{m:02d}:{sec:02d}" if h else f"{m}:{sec:02d}"


class Progress:
    """A one-line progress bar on a stream (standard error): bytes, lines, rate and, when the
    total size is known, percentage and ETA. Redrawn at most every ``interval`` seconds."""

    def __init__(self, stream: IO[str], total: int | None, enabled: bool, interval: float = 0.2) -> None:
        self.stream = stream
        self.total = total
        self.enabled = enabled
        self.interval = interval
        self.bytes = 0
        self.lines = 0
        self.start = time.monotonic()
        self.last = 0.0
        self.width = 0

    def update(self, nbytes: int, nlines: int) -> None:
        """Counts a chunk read; redraws if the interval has passed."""
        self.bytes += nbytes
        self.lines += nlines
        if self.enabled:
            now = time.monotonic()
            if now - self.last >= self.interval:
                self.last = now
                self._draw(now)

    def _draw(self, now: float) -> None:
        elapsed = max(now - self.start, 1e-9)
        rate = self.bytes / elapsed
        parts = []
        if self.total:
            frac = min(self.bytes / self.total, 1.0)
            filled = int(frac * 20)
            parts.append(f"[{'#' * filled}{'.' * (20 - filled)}] {frac * 100:5.1f}%")
            parts.append(f"{_size(self.bytes)}/{_size(self.total)}")
        else:
            parts.append(_size(self.bytes))
        parts.append(f"{self.lines:,} lines")
        parts.append(f"{rate / 1e6:.1f} MB/s")
        if self.total and rate > 0:
            parts.append(f"ETA {_duration(max(self.total - self.bytes, 0) / rate)}")
        else:
            parts.append(_duration(elapsed))
        text = "  ".join(parts)
        pad = " " * max(self.width - len(text), 0)
        self.width = len(text)
        self.stream.write(f"\r{text}{pad}")
        self.stream.flush()

    def finish(self) -> None:
        """Draws the final state and ends the line."""
        if self.enabled:
            self._draw(time.monotonic())
            self.stream.write("\n")
            self.stream.flush()


# --------------------------------------------------------------------------------------------
# Reading


@dataclass
class Segment:
    """Consecutive decoded lines (without their newline) starting at line ``first``."""

    first: int
    lines: list[str]


@dataclass
class Source:
    """An input: its display name, path, format and size (None: not a regular file)."""

    name: str
    path: str | None  # None for standard input
    fmt: str
    size: int | None = None


class LineReader:
    """Reads a binary stream in chunks of whole lines, decodes them as UTF-8 and tracks line
    numbers. Invalid UTF-8 goes to the error policy with its line number; under ``skip`` the
    bad line is dropped and the chunk comes back as several segments, so that every line keeps
    its true number."""

    def __init__(
        self,
        stream: BinaryIO,
        name: str,
        policy: ErrorPolicy,
        progress: Progress,
        chunk_bytes: int = DEFAULT_CHUNK_BYTES,
        interactive: bool = False,
    ) -> None:
        self.stream = stream
        self.interactive = interactive
        self.name = name
        self.policy = policy
        self.progress = progress
        self.chunk_bytes = chunk_bytes
        self.next_line = 1  # number of the next line to read
        self.lineno = 1  # see lines()

    def raw_chunks(self) -> Iterator[tuple[int, bytes]]:
        """Yields ``(number of the first line, bytes of whole lines)``, about ``chunk_bytes``
        at a time, undecoded (a leading byte order mark removed)."""
        # From a pipe or terminal, take what is there instead of waiting for a full chunk.
        read = self.stream.read1 if self.interactive and hasattr(self.stream, "read1") else self.stream.read
        readline = self.stream.readline
        first = True
        while True:
            b = read(self.chunk_bytes)
            if not b:
                return
            if self.interactive and len(b) < self.chunk_bytes:
                b = self._more(b)
            if not b.endswith(b"\n"):
                b += readline()
            nbytes = len(b)
            if first:
                first = False
                if b.startswith(codecs.BOM_UTF8):
                    b = b[3:]
            start = self.next_line
            nlines = b.count(b"\n") + (0 if b.endswith(b"\n") else 1)
            self.next_line += nlines
            self.progress.update(nbytes, nlines)
            yield start, b

    def _more(self, b: bytes) -> bytes:
        """Adds what a pipe has ready without waiting, up to ``chunk_bytes`` (where select()
        works on the stream; elsewhere the chunk stays as it is)."""
        parts, n = [b], len(b)
        try:
            while n < self.chunk_bytes and select.select([self.stream], [], [], 0)[0]:
                more = self.stream.read1(self.chunk_bytes - n)  # type: ignore[attr-defined]
                if not more:
                    break
                parts.append(more)
                n += len(more)
        except (OSError, ValueError, TypeError, AttributeError):
            pass
        return b"".join(parts) if len(parts) > 1 else b

    def decode(self, start: int, b: bytes) -> list[Segment]:
        """Decodes a chunk of lines starting at line ``start`` (see ``chunks``)."""
        try:
            s = b.decode("utf-8")
        except UnicodeDecodeError as e:
            return self._decode_lines(b, start, e)
        lines = s.split("\n")
        if s.endswith("\n"):
            lines.pop()
        if "\r" in s:
            lines = [x[:-1] if x.endswith("\r") else x for x in lines]
        return [Segment(start, lines)]

    def chunks(self) -> Iterator[list[Segment]]:
        """Yields the input as lists of decoded segments, about ``chunk_bytes`` at a time."""
        for start, b in self.raw_chunks():
            yield self.decode(start, b)

    def _decode_lines(self, b: bytes, start: int, err: UnicodeDecodeError) -> list[Segment]:
        """Decodes a chunk with invalid UTF-8 line by line (reporting each bad line)."""
        if self.policy.mode == "fail":
            lineno = start + b.count(b"\n", 0, err.start)
            col = err.start - (b.rfind(b"\n", 0, err.start) + 1) + 1
            self.policy.bad(self.name, lineno, f"invalid UTF-8 at byte {col} of the line ({err.reason})")
        raws = b.split(b"\n")
        if b.endswith(b"\n"):
            raws.pop()
        segments: list[Segment] = []
        cur = Segment(start, [])
        for i, raw in enumerate(raws):
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as e:
                self.policy.bad(self.name, start + i, f"invalid UTF-8 at byte {e.start + 1} of the line ({e.reason})")
                if cur.lines:
                    segments.append(cur)
                cur = Segment(start + i + 1, [])
                continue
            cur.lines.append(line[:-1] if line.endswith("\r") else line)
        if cur.lines:
            segments.append(cur)
        return segments

    def lines(self) -> Iterator[str]:
        """Yields the lines one by one with a ``\\n`` ending (for the csv module); ``lineno``
        is the number of the last line yielded plus one while the caller looks at it."""
        for segs in self.chunks():
            for seg in segs:
                for i, line in enumerate(seg.lines):
                    self.lineno = seg.first + i + 1
                    yield line + "\n"


# --------------------------------------------------------------------------------------------
# Formats: each turns a source into batches of texts and renders the results


@dataclass
class Batch:
    """Texts to process and how to render their results as output bytes. ``fallback``, if
    any, produces the output of the batch another way when the operation raised ValueError:
    the fast path for plain text leaves invalid UTF-8 to it, JSONL a text with a lone
    surrogate."""

    texts: Any
    render: Callable[[Any], bytes]
    fallback: Callable[[], bytes] | None = None


@dataclass
class Options:
    """What the formats need from the command line."""

    command: str
    field: str
    output_field: str | None
    column: str
    output_column: str | None
    as_json: bool
    chunk_bytes: int


def _list_text(command: str, value: Any, as_json: bool) -> str:
    """Renders a sentences or words result as text."""
    if as_json:
        return json.dumps(value, ensure_ascii=False)
    return ("\n" if command == "sentences" else " ").join(value)


def text_batches(reader: LineReader, opts: Options) -> Iterator[Batch]:
    """Plain text: every line is a text."""
    cmd, as_json = opts.command, opts.as_json

    def render(results: list[Any]) -> bytes:
        if not results:
            return b""
        if cmd == "normalize":
            results.append("")  # a final newline without copying the joined text again
            return "\n".join(results).encode("utf-8")
        if as_json:
            return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in results).encode("utf-8")
        sep = "\n" if cmd == "sentences" else " "
        return "".join(sep.join(r) + "\n" for r in results).encode("utf-8")

    for segs in reader.chunks():
        lines = segs[0].lines if len(segs) == 1 else [x for s in segs for x in s.lines]
        yield Batch(lines, render)


def _identity(data: bytes) -> bytes:
    return data


def fast_text_batches(reader: LineReader, opts: Options, operation: Operation) -> Iterator[Batch]:
    """Plain text through the bytes-in, bytes-out fast path (``normalize`` only): each batch
    is a chunk of raw bytes. A chunk with invalid UTF-8 falls back to the line-by-line
    decoding, which reports or skips the bad lines, and ``operation``."""

    def fallback_for(start: int, b: bytes) -> Callable[[], bytes]:
        def fallback() -> bytes:
            segs = reader.decode(start, b)
            lines = [x for s in segs for x in s.lines]
            results = operation(lines)
            if not results:
                return b""
            results.append("")
            return "\n".join(results).encode("utf-8")

        return fallback

    for start, b in reader.raw_chunks():
        yield Batch(b, _identity, fallback_for(start, b))


def _type_name(v: Any) -> str:
    return {bool: "a boolean", int: "a number", float: "a number", list: "a list", dict: "an object"}.get(
        type(v), type(v).__name__
    )


def json_encoder() -> Callable[[Any], str]:
    """``json.dumps(obj, ensure_ascii=False)`` without building an encoder on every call: the
    C encoder of the json module made once (or the pure-Python one where it is missing)."""
    enc = json.JSONEncoder(ensure_ascii=False)
    make = getattr(json.encoder, "c_make_encoder", None)
    if make is None:  # pragma: no cover - CPython always has it
        return enc.encode
    c_encode = make(
        {}, enc.default, json.encoder.encode_basestring, None, ": ", ", ", False, False, True
    )

    def encode(obj: Any) -> str:
        return "".join(c_encode(obj, 0))

    return encode


def _dump_line(dumps: Callable[[Any], str], obj: Any) -> bytes:
    """One JSON line as UTF-8; a lone surrogate (from a ``\\ud800`` escape) stays escaped."""
    try:
        return (dumps(obj) + "\n").encode("utf-8")
    except UnicodeEncodeError:
        return (json.dumps(obj) + "\n").encode("ascii")


def jsonl_batches(
    reader: LineReader, opts: Options, policy: ErrorPolicy, operation: Operation
) -> Iterator[Batch]:
    """JSON Lines: the field of every object is a text; other fields pass through."""
    key, out_key = opts.field, opts.output_field or opts.field
    name = reader.name
    loads, dumps = json.loads, json_encoder()

    def render_with(objs: list[dict[str, Any]]) -> Callable[[list[Any]], bytes]:
        def render(results: list[Any]) -> bytes:
            out = []
            for obj, r in zip(objs, results):
                obj[out_key] = r
                out.append(dumps(obj))
                out.append("\n")
            try:
                return "".join(out).encode("utf-8")
            except UnicodeEncodeError:
                return b"".join(_dump_line(dumps, obj) for obj in objs)

        return render

    def fallback_with(objs: list[dict[str, Any]], texts: Texts, linenos: list[int]) -> Callable[[], bytes]:
        def fallback() -> bytes:
            # The batch failed (a text with a lone surrogate): one by one, to find the line.
            kept, results = [], []
            for obj, text, lineno in zip(objs, texts, linenos):
                try:
                    results.append(operation([text])[0])
                except ValueError as e:
                    policy.bad(name, lineno, f"field '{key}' cannot be processed ({e})")
                    continue
                kept.append(obj)
            return render_with(kept)(results)

        return fallback

    for segs in reader.chunks():
        objs: list[dict[str, Any]] = []
        texts: Texts = []
        linenos: list[int] = []
        for seg in segs:
            for i, line in enumerate(seg.lines):
                try:
                    obj = loads(line)
                except ValueError as e:
                    if not line.strip():
                        continue
                    msg = f"malformed JSON ({e.msg} at column {e.colno})" if isinstance(e, json.JSONDecodeError) else f"malformed JSON ({e})"
                    policy.bad(name, seg.first + i, msg)
                    continue
                if type(obj) is not dict:
                    policy.bad(name, seg.first + i, f"expected a JSON object, got {_type_name(obj)}")
                    continue
                try:
                    text = obj[key]
                except KeyError:
                    policy.bad(name, seg.first + i, f"no field '{key}' in the object")
                    continue
                if text is not None and type(text) is not str:
                    policy.bad(name, seg.first + i, f"field '{key}' is {_type_name(text)}, expected a string")
                    continue
                objs.append(obj)
                texts.append(text)
                linenos.append(seg.first + i)
        yield Batch(texts, render_with(objs), fallback_with(objs, texts, linenos))


@dataclass
class CsvState:
    """The header shared by every CSV or TSV input (written once)."""

    header: list[str] | None = None
    header_from: str = ""
    written: bool = False


def csv_batches(
    reader: LineReader, opts: Options, policy: ErrorPolicy, fmt: str, state: CsvState
) -> Iterator[Batch]:
    """CSV or TSV: the column of every row is a text; the header and other columns are kept."""
    delimiter = "\t" if fmt == "tsv" else ","
    name, cmd, as_json = reader.name, opts.command, opts.as_json
    rows_in = csv.reader(reader.lines(), delimiter=delimiter, strict=False)
    try:
        header = next(rows_in)
    except StopIteration:
        return
    except csv.Error as e:
        raise InputError(name, 1, f"malformed {fmt.upper()} header ({e})") from None
    if state.header is None:
        state.header, state.header_from = header, name
    elif header != state.header:
        raise InputError(name, 1, f"the header differs from the one of {state.header_from}")
    if opts.column not in header:
        raise InputError(name, 1, f"no column '{opts.column}' in the header (columns: {', '.join(header)})")
    col = header.index(opts.column)
    out_name = opts.output_column or opts.column
    out_header = list(header)
    if out_name in header:
        out_col = header.index(out_name)
    else:
        out_col = len(header)
        out_header.append(out_name)

    def render_with(rows: list[list[str]], with_header: bool) -> Callable[[list[Any]], bytes]:
        def render(results: list[Any]) -> bytes:
            buf = io.StringIO()
            w = csv.writer(buf, delimiter=delimiter, lineterminator="\n")
            if with_header:
                w.writerow(out_header)
            for row, r in zip(rows, results):
                if cmd != "normalize":
                    r = _list_text(cmd, r, as_json)
                if out_col < len(row):
                    row[out_col] = r
                else:
                    row.extend([""] * (out_col - len(row)))
                    row.append(r)
            w.writerows(rows)
            return buf.getvalue().encode("utf-8")

        return render

    with_header = not state.written
    state.written = True
    limit = opts.chunk_bytes
    while True:
        rows: list[list[str]] = []
        texts: Texts = []
        size = 0
        done = True
        while True:
            try:
                row = next(rows_in)
            except StopIteration:
                break
            except csv.Error as e:
                policy.bad(name, reader.lineno - 1, f"malformed {fmt.upper()} ({e})")
                continue
            if not row:
                continue  # a blank line
            if col >= len(row):
                policy.bad(name, reader.lineno - 1, f"missing column '{opts.column}' (the row has {len(row)} fields)")
                continue
            rows.append(row)
            text = row[col]
            texts.append(text)
            size += len(text)
            if len(rows) >= CSV_BATCH_ROWS or size >= limit:
                done = False
                break
        if rows or with_header:
            yield Batch(texts, render_with(rows, with_header))
            with_header = False
        if done:
            return


# --------------------------------------------------------------------------------------------
# Operations


def build_normalizer(args: argparse.Namespace) -> Normalizer:
    """The normalizer from --config and the option flags (flags override the file)."""
    config: dict[str, Any] = {}
    if args.config:
        try:
            with open(args.config, encoding="utf-8") as f:
                config = dict(Normalizer.from_json(f.read()).config)
        except OSError as e:
            raise UsageError(f"cannot read the configuration {args.config}: {e.strerror}") from None
        except (ConfigError, ValueError) as e:
            raise UsageError(f"bad configuration in {args.config}: {e}") from None
    if args.digits:
        config["digits"] = args.digits
    if args.html:
        config["html"] = True
    if args.no_spacing:
        config["spacing"] = False
    for item in args.set or []:
        k, sep, v = item.partition("=")
        if not sep or not k:
            raise UsageError(f"--set expects KEY=VALUE, got '{item}'")
        try:
            config[k] = json.loads(v)
        except ValueError:
            config[k] = v
    try:
        return Normalizer(config) if config else Normalizer()
    except (ConfigError, ValueError, TypeError) as e:
        raise UsageError(f"bad normalizer option: {e}") from None


def segmenter(kind: str, join_verb_parts: bool, jobs: int | None) -> Operation:
    """The batch function for ``sentences`` or ``words``: ``Tokenizer.<kind>_batch`` when the
    library has it, else ``Tokenizer.<kind>`` or ``paknevis.<kind>`` per text; UsageError
    when it has none of them."""
    options: dict[str, Any] = {"join_verb_parts": True} if join_verb_parts else {}
    tokenizer = getattr(paknevis, "Tokenizer", None)
    method = f"{kind}_batch"
    if tokenizer is not None and hasattr(tokenizer, method):
        try:
            fn = getattr(tokenizer(**options), method)
        except TypeError as e:
            raise UsageError(f"this paknevis Tokenizer does not take these options: {e}") from None
        if jobs is not None:
            return lambda texts: fn(texts, threads=jobs)
        return fn  # type: ignore[no-any-return]
    per_text: Callable[..., list[str]] | None = None
    if tokenizer is not None and hasattr(tokenizer, kind):
        try:
            per_text = getattr(tokenizer(**options), kind)
        except TypeError as e:
            raise UsageError(f"this paknevis Tokenizer does not take these options: {e}") from None
        options = {}
    elif hasattr(paknevis, kind):
        per_text = getattr(paknevis, kind)
    if per_text is not None:
        fn1, kw = per_text, options
        return lambda texts: [None if t is None else fn1(t, **kw) for t in texts]
    raise UsageError(
        f"'{kind}' is not available in this build of paknevis {__version__} "
        f"(it has neither Tokenizer.{method} nor paknevis.{kind})"
    )


def build_operation(args: argparse.Namespace) -> tuple[Operation, Callable[[bytes], bytes] | None]:
    """The function applied to each batch of texts and, for ``normalize`` when the compiled
    module has it, the bytes-in, bytes-out fast path for plain text."""
    jobs = args.jobs
    needs_normalizer = args.command == "normalize" or args.normalize
    norm: Operation | None = None
    fast: Callable[[bytes], bytes] | None = None
    if needs_normalizer:
        normalizer = build_normalizer(args)
        nb = normalizer.normalize_batch
        norm = (lambda texts: nb(texts, threads=jobs)) if jobs is not None else nb
        lines_fn = FAST_LINES
        if lines_fn is not None:
            fast = lambda data: lines_fn(normalizer, data, threads=jobs)  # noqa: E731
    if args.command == "normalize":
        assert norm is not None
        return norm, fast
    seg = segmenter(args.command, getattr(args, "join_verb_parts", False), jobs)
    if norm is None:
        return seg, None
    first = norm
    return (lambda texts: seg(first(texts))), None


# --------------------------------------------------------------------------------------------
# Output


class Output:
    """Standard output, or a temporary file next to the target renamed on commit (so that a
    failure never leaves a truncated target)."""

    def __init__(self, path: str | None) -> None:
        self.path = path
        self.tmp: str | None = None
        if path is None or path == "-":
            self.path = None
            self.stream: BinaryIO = sys.stdout.buffer
            return
        target = os.path.abspath(path)
        if os.path.isdir(target):
            raise UsageError(f"the output {path} is a directory")
        try:
            self.mode = stat.S_IMODE(os.stat(target).st_mode)
        except OSError:
            umask = os.umask(0)
            os.umask(umask)
            self.mode = 0o666 & ~umask
        directory, base = os.path.split(target)
        try:
            fd, self.tmp = tempfile.mkstemp(prefix=f".{base}.", suffix=".tmp", dir=directory)
        except OSError as e:
            raise UsageError(f"cannot write the output {path}: {e.strerror}") from None
        self.stream = os.fdopen(fd, "wb", buffering=1 << 20)

    def write(self, data: bytes) -> None:
        """Writes bytes."""
        self.stream.write(data)

    def flush(self) -> None:
        """Flushes the output stream."""
        self.stream.flush()

    def commit(self) -> None:
        """Finishes: flushes standard output, or renames the temporary file onto the target."""
        if self.tmp is None:
            self.stream.flush()
            return
        self.stream.close()
        os.chmod(self.tmp, self.mode)
        assert self.path is not None
        os.replace(self.tmp, self.path)
        self.tmp = None

    def abort(self) -> None:
        """Deletes the temporary file, if any."""
        if self.tmp is None:
            return
        try:
            self.stream.close()
        finally:
            try:
                os.unlink(self.tmp)
            except OSError:
                pass
            self.tmp = None


# --------------------------------------------------------------------------------------------
# Driver


def _detect(name: str) -> str:
    return EXTENSIONS.get(os.path.splitext(name)[1].lower(), "text")


def resolve_sources(files: Sequence[str], fmt: str | None) -> list[Source]:
    """The inputs with their formats and sizes; every file must exist before we start."""
    names = list(files) or ["-"]
    sources = []
    for name in names:
        path = None if name == "-" else name
        size: int | None = None
        if path is None:
            try:
                st = os.fstat(sys.stdin.fileno())
                size = st.st_size if stat.S_ISREG(st.st_mode) else None
            except (OSError, ValueError, AttributeError):
                size = None
        else:
            try:
                st = os.stat(path)
            except OSError as e:
                raise InputError(name, None, f"cannot open ({e.strerror})") from None
            if stat.S_ISDIR(st.st_mode):
                raise InputError(name, None, "is a directory")
            size = st.st_size if stat.S_ISREG(st.st_mode) else None
        sources.append(Source("<stdin>" if path is None else name, path, fmt or ("text" if path is None else _detect(path)), size))
    kinds = {s.fmt for s in sources}
    if len(kinds) > 1:
        raise UsageError(f"the inputs have different formats ({', '.join(sorted(kinds))}): choose one with --format")
    return sources


def _open(source: Source) -> BinaryIO:
    if source.path is None:
        return sys.stdin.buffer
    try:
        return open(source.path, "rb")
    except OSError as e:
        raise InputError(source.name, None, f"cannot open ({e.strerror})") from None


def _finish(batch: Batch, fut: Future[Any]) -> bytes:
    """The output of a batch, once its operation is done."""
    if batch.fallback is not None:
        try:
            results = fut.result()
        except ValueError:
            return batch.fallback()
        return batch.render(results)
    return batch.render(fut.result())


def run(args: argparse.Namespace) -> int:
    """Runs a parsed command line; returns the exit status."""
    policy = ErrorPolicy(args.on_error)
    operation, fast = build_operation(args)
    sources = resolve_sources(args.files, args.format)
    sizes = [s.size for s in sources]
    total = None if any(x is None for x in sizes) else sum(x for x in sizes if x is not None)
    # Automatic: on a terminal, unless the output goes to the same screen.
    to_screen = args.output in (None, "-") and sys.stdout.isatty()
    show = args.progress or (not args.quiet and sys.stderr.isatty() and not to_screen)
    progress = Progress(sys.stderr, total, show)
    opts = Options(
        command=args.command,
        field=args.field,
        output_field=args.output_field,
        column=args.column,
        output_column=args.output_column or args.output_field,
        as_json=args.json,
        chunk_bytes=args.chunk_size,
    )
    csv_state = CsvState()
    pending: deque[tuple[Batch, Future[Any]]] = deque()
    executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="paknevis-cli")
    ok = False
    out: Output | None = None
    try:
        # A SIGTERM right after the temporary file is made, before `out` holds it, would
        # leave the file behind: it waits until `out` is set.
        with _termination_deferred():
            out = Output(args.output)
        for source in sources:
            stream = _open(source)
            try:
                # Not a regular file (a pipe, a terminal): every batch is written and flushed
                # as soon as it is done, not one batch later.
                interactive = source.size is None
                depth = 0 if interactive else 1
                reader = LineReader(stream, source.name, policy, progress, args.chunk_size, interactive)
                if source.fmt == "jsonl":
                    batches = jsonl_batches(reader, opts, policy, operation)
                elif source.fmt in ("csv", "tsv"):
                    batches = csv_batches(reader, opts, policy, source.fmt, csv_state)
                elif fast is not None:
                    batches = fast_text_batches(reader, opts, operation)
                else:
                    batches = text_batches(reader, opts)
                op = fast if (fast is not None and source.fmt == "text") else operation
                for batch in batches:
                    pending.append((batch, executor.submit(op, batch.texts)))
                    while len(pending) > depth:
                        out.write(_finish(*pending.popleft()))
                    if interactive:
                        out.flush()
            finally:
                if stream is not sys.stdin.buffer:
                    stream.close()
        while pending:
            out.write(_finish(*pending.popleft()))
        out.commit()
        ok = True
    finally:
        executor.shutdown(wait=True, cancel_futures=True)
        if not ok and out is not None:
            out.abort()
        progress.finish()
    if policy.skipped:
        noun = "line" if policy.skipped == 1 else "lines"
        print(f"paknevis: skipped {policy.skipped} bad {noun} (first: {policy.first})", file=sys.stderr)
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (one subcommand per operation, sharing the I/O options)."""
    parser = argparse.ArgumentParser(
        prog="paknevis",
        description="Normalize Persian text, or split it into sentences or words, streaming.",
        epilog="See 'paknevis COMMAND --help' and the README for the formats.",
    )
    parser.add_argument("--version", action="version", version=f"paknevis {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    helps = {
        "normalize": "normalize text: one output line per input line",
        "sentences": "split into sentences: one per line, a blank input line stays blank",
        "words": "split into words: the tokens of each input line, separated by spaces",
    }
    for cmd in COMMANDS:
        p = sub.add_parser(
            cmd,
            help=helps[cmd],
            description=__doc__,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        p.add_argument("files", nargs="*", metavar="FILE", help="input files (default or '-': standard input)")
        p.add_argument("-o", "--output", metavar="OUT", help="output file (default: standard output)")
        io_ = p.add_argument_group("formats")
        io_.add_argument("-f", "--format", choices=("text", "jsonl", "csv", "tsv"), help="input and output format (default: from the extension, else text)")
        io_.add_argument("--field", default="text", help="JSONL field to process (default: text)")
        io_.add_argument("--output-field", metavar="NAME", help="JSONL field (or CSV column) for the result (default: replace the input)")
        io_.add_argument("--column", default="text", help="CSV/TSV column to process (default: text)")
        io_.add_argument("--output-column", metavar="NAME", help="CSV/TSV column for the result (default: replace the input)")
        if cmd != "normalize":
            io_.add_argument("--json", action="store_true", help="write each result as a JSON list")
        run_ = p.add_argument_group("running")
        run_.add_argument("-j", "--jobs", type=_positive, metavar="N", help="threads for the batch API (default: PAKNEVIS_NUM_THREADS, else the CPUs)")
        run_.add_argument("--on-error", choices=("fail", "skip"), default="fail", help="bad input lines: stop with an error (default) or skip them")
        shown = run_.add_mutually_exclusive_group()
        shown.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
        shown.add_argument("--progress", action="store_true", help="draw the progress bar even when standard error is not a terminal")
        run_.add_argument("--chunk-size", type=_positive, default=DEFAULT_CHUNK_BYTES, metavar="BYTES", help=argparse.SUPPRESS)
        norm = p.add_argument_group("normalizer")
        if cmd != "normalize":
            norm.add_argument("--normalize", action="store_true", help="normalize each text first")
        norm.add_argument("--config", metavar="FILE", help="a Normalizer configuration saved with to_json()")
        norm.add_argument("--digits", choices=("fa", "latin", "keep"), help="digits option")
        norm.add_argument("--html", action="store_true", help="unescape HTML entities and drop tags")
        norm.add_argument("--no-spacing", action="store_true", help="turn off the spacing/ZWNJ repair")
        norm.add_argument("-s", "--set", action="append", metavar="KEY=VALUE", help="any other option (VALUE read as JSON, else as a string); repeatable")
        if cmd == "words":
            norm.add_argument("--join-verb-parts", action="store_true", help="join multi-part verbs into one token")
        p.set_defaults(json=False, normalize=False, join_verb_parts=False)
    return parser


def _positive(s: str) -> int:
    try:
        n = int(s)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got '{s}'") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got '{s}'")
    return n


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``paknevis`` and ``python -m paknevis``; returns the exit status."""
    args = build_parser().parse_args(argv)
    previous = None
    if threading.current_thread() is threading.main_thread():
        # SIGTERM unwinds like Ctrl-C, so that a temporary output file is deleted.
        previous = signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        return run(args)
    except Terminated:
        print("paknevis: terminated", file=sys.stderr)
        return 128 + signal.SIGTERM
    except UsageError as e:
        print(f"paknevis: {e}", file=sys.stderr)
        return 2
    except InputError as e:
        print(f"paknevis: {e}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # The reader went away (e.g. `| head`): stop quietly.
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except OSError:
            pass
        return 1
    except OSError as e:
        where = f" {e.filename}" if e.filename else ""
        print(f"paknevis: I/O error{where}: {e.strerror or e}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("paknevis: interrupted", file=sys.stderr)
        return 130
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


class Terminated(BaseException):
    """Raised in the main thread on SIGTERM."""


# Nesting depth of `_termination_deferred` blocks, and whether a SIGTERM came during one.
_deferring = 0
_deferred = False


def _on_sigterm(signum: int, frame: Any) -> None:
    global _deferred
    if _deferring:
        _deferred = True
        return
    raise Terminated()


@contextlib.contextmanager
def _termination_deferred() -> Iterator[None]:
    """Holds a SIGTERM back until the block is done, then raises it."""
    global _deferring, _deferred
    _deferring += 1
    try:
        yield
    finally:
        _deferring -= 1
        if not _deferring and _deferred:
            _deferred = False
            raise Terminated()
