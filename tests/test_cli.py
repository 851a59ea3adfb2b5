"""The ``paknevis`` command line: formats, streaming in chunks, errors, atomic output."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import paknevis
from paknevis import Normalizer, cli

N = Normalizer()
DAMAGED = ["علي  رفت", "", "كتاب هاي  من", "سال ۱۴۰۲ و ٣", "  COVID-19 و كه  ", "آن ها مي روند ."]


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Runs the CLI in process; returns (status, stdout, stderr)."""
    status = cli.main(args)
    out, err = capsys.readouterr()
    return status, out, err


def sub(args: list[str], stdin: bytes | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    """Runs ``python -m paknevis`` in a subprocess."""
    return subprocess.run(
        [sys.executable, "-m", "paknevis", *args], input=stdin, capture_output=True, env=env, timeout=120
    )


def write(path: Path, text: str) -> Path:
    path.write_bytes(text.encode("utf-8"))
    return path


def leftovers(directory: Path) -> list[str]:
    """Temporary files left next to the output."""
    return [p.name for p in directory.iterdir() if p.name.endswith(".tmp")]


# ------------------------------------------------------------------------------------- text


def test_text_file_to_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = write(tmp_path / "in.txt", "\n".join(DAMAGED) + "\n")
    status, out, err = run(["normalize", str(src), "-o", str(tmp_path / "out.txt")], capsys)
    assert (status, out, err) == (0, "", "")
    assert (tmp_path / "out.txt").read_text(encoding="utf-8") == "".join(N.normalize(x) + "\n" for x in DAMAGED)
    assert leftovers(tmp_path) == []


def test_stdin_to_stdout_subprocess() -> None:
    data = ("\n".join(DAMAGED) + "\n").encode("utf-8")
    want = "".join(N.normalize(x) + "\n" for x in DAMAGED).encode("utf-8")
    assert sub(["normalize"], stdin=data).stdout == want
    r = sub(["normalize", "-", "-o", "-"], stdin=data)
    assert (r.returncode, r.stdout, r.stderr) == (0, want, b"")


def test_crlf_bom_and_missing_final_newline(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "in.txt"
    src.write_bytes(b"\xef\xbb\xbf" + "علي\r\nكه\r\nآخر".encode("utf-8"))
    status, _, _ = run(["normalize", str(src), "-o", str(tmp_path / "o.txt")], capsys)
    assert status == 0
    assert (tmp_path / "o.txt").read_text(encoding="utf-8") == "علی\nکه\nآخر\n"


def test_empty_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = write(tmp_path / "in.txt", "")
    assert run(["normalize", str(src), "-o", str(tmp_path / "o.txt")], capsys)[0] == 0
    assert (tmp_path / "o.txt").read_bytes() == b""


def test_several_files_in_order(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a = write(tmp_path / "a.txt", "علي\n")
    b = write(tmp_path / "b.txt", "كه\nي")
    status, out, _ = run(["normalize", str(a), str(b)], capsys)
    assert (status, out) == (0, "علی\nکه\nی\n")


def test_big_input_in_chunks_equals_per_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = [f"{DAMAGED[i % len(DAMAGED)]} {i} كتاب{'  ' * (i % 3)}هاي" for i in range(50_000)]
    src = write(tmp_path / "big.txt", "\n".join(lines) + "\n")
    dst = tmp_path / "out.txt"
    # 64 kB chunks: about 30 chunks, each one a batch on two threads.
    status, _, err = run(["normalize", "--jobs", "2", "--chunk-size", "65536", str(src), "-o", str(dst)], capsys)
    assert (status, err) == (0, "")
    got = dst.read_text(encoding="utf-8").split("\n")
    assert got[-1] == ""
    assert got[:-1] == [N.normalize(x) for x in lines]


def test_jobs_give_the_same_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = write(tmp_path / "in.txt", "\n".join(DAMAGED * 500) + "\n")
    outs = []
    for jobs in ("1", "2", "3"):
        status, out, _ = run(["normalize", "-j", jobs, "--chunk-size", "4096", str(src)], capsys)
        assert status == 0
        outs.append(out)
    assert outs[0] == outs[1] == outs[2]


# ---------------------------------------------------------------------------------- options


def test_config_file_and_flags(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cfg = write(tmp_path / "cfg.json", Normalizer(digits="latin").to_json())
    src = write(tmp_path / "in.txt", "سال ۱۴۰۲\n")
    assert run(["normalize", "--config", str(cfg), str(src)], capsys)[1] == "سال 1402\n"
    assert run(["normalize", "--digits", "latin", str(src)], capsys)[1] == "سال 1402\n"
    assert run(["normalize", "--set", 'digits="keep"', str(src)], capsys)[1] == "سال ۱۴۰۲\n"
    assert run(["normalize", "--config", str(cfg), "--set", "digits=fa", str(src)], capsys)[1] == "سال ۱۴۰۲\n"


def test_bad_config_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = write(tmp_path / "in.txt", "x\n")
    status, out, err = run(["normalize", "--set", "no_such_option=1", str(src)], capsys)
    assert (status, out) == (2, "")
    assert "no_such_option" in err and "Traceback" not in err
    status, _, err = run(["normalize", "--config", str(tmp_path / "missing.json"), str(src)], capsys)
    assert status == 2 and "missing.json" in err
    bad = write(tmp_path / "bad.json", "{not json")
    status, _, err = run(["normalize", "--config", str(bad), str(src)], capsys)
    assert status == 2 and "bad.json" in err


def test_progress_only_when_forced() -> None:
    data = ("\n".join(DAMAGED) + "\n").encode("utf-8")
    quiet = sub(["normalize"], stdin=data)  # stderr is a pipe, not a terminal
    assert quiet.returncode == 0 and quiet.stderr == b""
    forced = sub(["normalize", "--progress"], stdin=data)
    assert forced.returncode == 0 and forced.stdout == quiet.stdout
    err = forced.stderr.decode()
    assert "MB/s" in err and "6 lines" in err and err.endswith("\n")
    assert sub(["normalize", "--progress", "--quiet"], stdin=data).returncode == 2


def test_progress_bar_shows_eta_with_known_size() -> None:
    stream = io.StringIO()
    p = cli.Progress(stream, total=2_000_000, enabled=True, interval=0)
    p.update(1_000_000, 10)
    p.finish()
    text = stream.getvalue()
    assert "50.0%" in text and "ETA" in text and "10 lines" in text and "MB/s" in text
    silent = io.StringIO()
    q = cli.Progress(silent, total=None, enabled=False)
    q.update(5, 1)
    q.finish()
    assert silent.getvalue() == ""


def test_version_and_help() -> None:
    r = sub(["--version"])
    assert r.returncode == 0 and paknevis.__version__ in r.stdout.decode()
    r = sub(["normalize", "--help"])
    assert r.returncode == 0 and b"--on-error" in r.stdout


# ------------------------------------------------------------------------------------ JSONL


def test_jsonl_field_replaced_others_passed_through(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows: list[dict[str, Any]] = [
        {"id": 1, "text": "علي  رفت", "meta": {"a": [1, 2]}},
        {"id": 2, "text": None},
        {"text": "كه", "id": 3},
    ]
    src = write(tmp_path / "in.jsonl", "\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n\n")
    status, out, err = run(["normalize", str(src)], capsys)
    assert (status, err) == (0, "")
    got = [json.loads(x) for x in out.splitlines()]
    assert got == [
        {"id": 1, "text": "علی رفت", "meta": {"a": [1, 2]}},
        {"id": 2, "text": None},
        {"text": "که", "id": 3},
    ]
    assert list(got[2]) == ["text", "id"]  # key order kept
    assert "علی" in out  # not \u-escaped


def test_jsonl_output_field_and_forced_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = write(tmp_path / "in.txt", json.dumps({"body": "علي"}) + "\n")
    status, out, _ = run(["normalize", "--format", "jsonl", "--field", "body", "--output-field", "clean", str(src)], capsys)
    assert status == 0
    assert json.loads(out) == {"body": "علي", "clean": "علی"}


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"text": "a"', "malformed JSON"),
        ('["text"]', "expected a JSON object"),
        ('{"other": "a"}', "no field 'text'"),
        ('{"text": 5}', "field 'text' is a number"),
    ],
)
def test_jsonl_errors_name_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], line: str, message: str
) -> None:
    src = write(tmp_path / "in.jsonl", '{"text": "a"}\n{"text": "b"}\n' + line + '\n{"text": "c"}\n')
    dst = tmp_path / "out.jsonl"
    status, out, err = run(["normalize", str(src), "-o", str(dst)], capsys)
    assert status == 1 and out == ""
    assert f"in.jsonl:3: {message}" in err and "Traceback" not in err
    assert not dst.exists() and leftovers(tmp_path) == []


# -------------------------------------------------------------------------------- CSV / TSV


def test_csv_header_kept_other_columns_passed_through(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "in.csv"
    with open(src, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "text", "note"])
        w.writerow(["1", "علي  رفت", "x, y"])
        w.writerow(["2", 'كه "نقل"\nدو خط', ""])
        w.writerow(["3", "", "z"])
    status, out, err = run(["normalize", str(src)], capsys)
    assert (status, err) == (0, "")
    rows = list(csv.reader(io.StringIO(out)))
    assert rows == [
        ["id", "text", "note"],
        ["1", "علی رفت", "x, y"],
        ["2", N.normalize('كه "نقل"\nدو خط'), ""],
        ["3", "", "z"],
    ]


def test_tsv_output_column_added(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = write(tmp_path / "in.tsv", "text\tid\nعلي\t1\nكه\t2\n")
    status, out, _ = run(["normalize", "--output-column", "clean", str(src)], capsys)
    assert status == 0
    assert out == "text\tid\tclean\nعلي\t1\tعلی\nكه\t2\tکه\n"


def test_csv_many_rows_in_batches(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    texts = [f"{DAMAGED[i % len(DAMAGED)]} {i}" for i in range(10_000)]
    src = tmp_path / "in.csv"
    with open(src, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["n", "text"])
        w.writerows([str(i), t] for i, t in enumerate(texts))
    status, out, _ = run(["normalize", "--column", "text", "--chunk-size", "8192", str(src)], capsys)
    assert status == 0
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["n", "text"]
    assert rows[1:] == [[str(i), N.normalize(t)] for i, t in enumerate(texts)]


def test_csv_several_files_one_header(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a = write(tmp_path / "a.csv", "text\nعلي\n")
    b = write(tmp_path / "b.csv", "text\nكه\n")
    assert run(["normalize", str(a), str(b)], capsys)[1] == "text\nعلی\nکه\n"
    c = write(tmp_path / "c.csv", "body\nكه\n")
    status, _, err = run(["normalize", "--column", "body", str(c), str(a)], capsys)
    assert status == 1 and "a.csv:1: the header differs" in err


def test_csv_missing_column(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = write(tmp_path / "in.csv", "id,body\n1,a\n")
    status, _, err = run(["normalize", str(src)], capsys)
    assert status == 1 and "in.csv:1: no column 'text'" in err and "id, body" in err
    short = write(tmp_path / "short.csv", "id,text\n1,a\n2\n3,c\n")
    status, _, err = run(["normalize", str(short), "-o", str(tmp_path / "o.csv")], capsys)
    assert status == 1 and "short.csv:3: missing column 'text'" in err
    assert not (tmp_path / "o.csv").exists()
    status, out, err = run(["normalize", "--on-error", "skip", str(short)], capsys)
    assert status == 0 and out == "id,text\n1,a\n3,c\n"
    assert "skipped 1 bad line" in err and "short.csv:3" in err


# ---------------------------------------------------------------------------------- errors


def test_invalid_utf8_names_file_and_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "in.txt"
    src.write_bytes("علي\nكه\n".encode() + b"ab\xffcd\n" + "ي\n".encode())
    dst = tmp_path / "out.txt"
    status, out, err = run(["normalize", str(src), "-o", str(dst)], capsys)
    assert status == 1 and out == ""
    assert "in.txt:3: invalid UTF-8 at byte 3 of the line" in err and "Traceback" not in err
    assert not dst.exists() and leftovers(tmp_path) == []


def test_invalid_utf8_in_a_later_chunk(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "in.txt"
    src.write_bytes(("كتاب\n" * 3000).encode() + b"\xc3\x28\n" + b"ok\n")
    status, _, err = run(["normalize", "--chunk-size", "1000", str(src)], capsys)
    assert status == 1 and "in.txt:3001: invalid UTF-8" in err


def test_failure_keeps_previous_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The error comes after several chunks were written: OUT keeps its old content."""
    src = tmp_path / "in.txt"
    src.write_bytes(("علي\n" * 20_000).encode() + b"\xff\n")
    dst = write(tmp_path / "out.txt", "previous\n")
    status, _, err = run(["normalize", "--chunk-size", "4096", str(src), "-o", str(dst)], capsys)
    assert status == 1 and "in.txt:20001" in err
    assert dst.read_text() == "previous\n"
    assert leftovers(tmp_path) == []


def test_output_replaced_atomically_with_its_mode(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = write(tmp_path / "in.txt", "علي\n")
    dst = write(tmp_path / "out.txt", "old\n")
    os.chmod(dst, 0o640)
    assert run(["normalize", str(src), "-o", str(dst)], capsys)[0] == 0
    assert dst.read_text(encoding="utf-8") == "علی\n"
    assert (dst.stat().st_mode & 0o777) == 0o640
    assert leftovers(tmp_path) == []


def test_in_place(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = write(tmp_path / "in.txt", "علي\nكه\n")
    assert run(["normalize", str(src), "-o", str(src)], capsys)[0] == 0
    assert src.read_text(encoding="utf-8") == "علی\nکه\n"


def test_skip_bad_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "in.txt"
    src.write_bytes("علي\n".encode() + b"\xff\n" + "كه\n".encode() + b"\xfe\xfe\n" + "ي\n".encode())
    status, out, err = run(["normalize", "--on-error", "skip", str(src)], capsys)
    assert status == 0
    assert out == "علی\nکه\nی\n"
    assert "skipped 2 bad lines" in err and "in.txt:2: invalid UTF-8" in err


def test_skip_keeps_line_numbers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "in.jsonl"
    src.write_bytes(b'{"text": "a"}\n\xff\n{"text": "b"}\n{"x": 1}\n{"text": "c"}\n')
    status, out, err = run(["normalize", "--on-error", "skip", str(src)], capsys)
    assert status == 0
    assert [json.loads(x)["text"] for x in out.splitlines()] == ["a", "b", "c"]
    assert "skipped 2 bad lines" in err and "in.jsonl:2" in err
    # The reader itself: segments after a bad line keep their true numbers.
    policy = cli.ErrorPolicy("skip")
    reader = cli.LineReader(io.BytesIO(b"a\n\xff\nc\nd\n\xfe\nf"), "x", policy, cli.Progress(io.StringIO(), None, False))
    segs = [s for chunk in reader.chunks() for s in chunk]
    assert [(s.first, s.lines) for s in segs] == [(1, ["a"]), (3, ["c", "d"]), (6, ["f"])]
    assert policy.skipped == 2


def test_missing_input_and_bad_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    dst = tmp_path / "out.txt"
    status, _, err = run(["normalize", str(tmp_path / "nope.txt"), "-o", str(dst)], capsys)
    assert status == 1 and "nope.txt" in err and not dst.exists()
    src = write(tmp_path / "in.txt", "x\n")
    status, _, err = run(["normalize", str(src), "-o", str(tmp_path)], capsys)
    assert status == 2 and "directory" in err
    status, _, err = run(["normalize", str(src), "-o", str(tmp_path / "no" / "dir.txt")], capsys)
    assert status == 2 and "cannot write" in err


def test_mixed_formats_need_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a = write(tmp_path / "a.csv", "text\nx\n")
    b = write(tmp_path / "b.jsonl", '{"text": "x"}\n')
    status, _, err = run(["normalize", str(a), str(b)], capsys)
    assert status == 2 and "--format" in err


# ------------------------------------------------------------------------ sentences, words


class FakeTokenizer:
    """A stand-in with the batch API: sentences end at '.', words are split on spaces."""

    calls: list[tuple[str, Any]] = []

    def __init__(self, **options: Any) -> None:
        self.options = options

    def sentences_batch(self, texts: list[Any], threads: int | None = None) -> list[Any]:
        FakeTokenizer.calls.append(("sentences_batch", threads))
        return [None if t is None else [s.strip() + "." for s in t.split(".") if s.strip()] for t in texts]

    def words_batch(self, texts: list[Any], threads: int | None = None) -> list[Any]:
        FakeTokenizer.calls.append(("words_batch", threads))
        return [None if t is None else t.split() for t in texts]


@pytest.fixture
def fake_tokenizer(monkeypatch: pytest.MonkeyPatch) -> type[FakeTokenizer]:
    FakeTokenizer.calls = []
    monkeypatch.setattr(paknevis, "Tokenizer", FakeTokenizer, raising=False)
    return FakeTokenizer


def test_sentences_text(tmp_path: Path, capsys: pytest.CaptureFixture[str], fake_tokenizer: type[FakeTokenizer]) -> None:
    src = write(tmp_path / "in.txt", "الف. ب.\n\nج\n")
    status, out, _ = run(["sentences", "--jobs", "2", str(src)], capsys)
    assert (status, out) == (0, "الف.\nب.\n\nج.\n")
    assert fake_tokenizer.calls == [("sentences_batch", 2)]
    status, out, _ = run(["sentences", "--json", str(src)], capsys)
    assert out.splitlines() == ['["الف.", "ب."]', "[]", '["ج."]']


def test_words_every_format(tmp_path: Path, capsys: pytest.CaptureFixture[str], fake_tokenizer: type[FakeTokenizer]) -> None:
    txt = write(tmp_path / "in.txt", "a b  c\n\nd\n")
    assert run(["words", str(txt)], capsys)[1] == "a b c\n\nd\n"
    assert run(["words", "--json", str(txt)], capsys)[1] == '["a", "b", "c"]\n[]\n["d"]\n'
    jl = write(tmp_path / "in.jsonl", '{"text": "a b", "k": 1}\n{"text": null}\n')
    out = run(["words", str(jl)], capsys)[1]
    assert [json.loads(x) for x in out.splitlines()] == [{"text": ["a", "b"], "k": 1}, {"text": None}]
    cs = write(tmp_path / "in.csv", "text,k\na  b,1\n")
    assert run(["words", str(cs)], capsys)[1] == "text,k\na b,1\n"
    assert run(["words", "--json", str(cs)], capsys)[1] == 'text,k\n"[""a"", ""b""]",1\n'
    assert run(["sentences", str(cs)], capsys)[1] == 'text,k\na  b.,1\n'


def test_words_after_normalize(tmp_path: Path, capsys: pytest.CaptureFixture[str], fake_tokenizer: type[FakeTokenizer]) -> None:
    src = write(tmp_path / "in.txt", "علي  كه\n")
    assert run(["words", "--normalize", "--digits", "latin", str(src)], capsys)[1] == "علی که\n"


def test_segmentation_falls_back_to_per_text_functions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delattr(paknevis, "Tokenizer", raising=False)
    monkeypatch.setattr(paknevis, "words", lambda text, **kw: text.split("-"), raising=False)
    src = write(tmp_path / "in.txt", "a-b\n")
    assert run(["words", str(src)], capsys)[1] == "a b\n"


def test_segmentation_missing_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delattr(paknevis, "Tokenizer", raising=False)
    monkeypatch.delattr(paknevis, "sentences", raising=False)
    src = write(tmp_path / "in.txt", "a\n")
    status, out, err = run(["sentences", str(src)], capsys)
    assert (status, out) == (2, "")
    assert "'sentences' is not available" in err and "Traceback" not in err


@pytest.mark.skipif(not hasattr(paknevis, "sentences"), reason="segmentation not in this build")
def test_real_segmentation_matches_the_library(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = ["سلام. حالت چطور است؟ خوبم", "", "کتاب‌ها را خواندم."]
    src = write(tmp_path / "in.txt", "\n".join(lines) + "\n")
    out = run(["sentences", "--json", str(src)], capsys)[1]
    assert [json.loads(x) for x in out.splitlines()] == [paknevis.sentences(x) for x in lines]
    out = run(["words", "--json", str(src)], capsys)[1]
    assert [json.loads(x) for x in out.splitlines()] == [paknevis.words(x) for x in lines]


# ------------------------------------------------------------------------ fast path parity

TRICKY = "علي  رفت\r\n\n  \nكتاب هاي  من\r\n\r\nسال ۱۴۰۲ و ٣\nCOVID-19 و كه\u00a0\nآخر"


@pytest.mark.parametrize("chunk", ["7", "64", "1048576"])
def test_fast_and_per_line_paths_agree(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, chunk: str
) -> None:
    src = write(tmp_path / "in.txt", TRICKY)
    want = "".join(N.normalize(x.rstrip("\r")) + "\n" for x in TRICKY.split("\n"))
    fast = run(["normalize", "--chunk-size", chunk, str(src)], capsys)
    monkeypatch.setattr(cli, "FAST_LINES", None)
    slow = run(["normalize", "--chunk-size", chunk, str(src)], capsys)
    assert fast == slow == (0, want, "")


def test_per_line_path_reports_bad_utf8(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli, "FAST_LINES", None)
    src = tmp_path / "in.txt"
    src.write_bytes(b"a\nb\n\xffc\nd\n")
    status, _, err = run(["normalize", str(src)], capsys)
    assert status == 1 and "in.txt:3: invalid UTF-8 at byte 1" in err
    status, out, err = run(["normalize", "--on-error", "skip", str(src)], capsys)
    assert (status, out) == (0, "a\nb\nd\n") and "skipped 1 bad line" in err


@pytest.mark.skipif(cli.FAST_LINES is None, reason="no compiled fast path in this build")
def test_normalize_lines_binding() -> None:
    from paknevis import _paknevis

    f = _paknevis._normalize_lines
    n = Normalizer(digits="latin")
    data = "\n".join(DAMAGED * 200).encode("utf-8")
    want = "".join(n.normalize(x) + "\n" for x in DAMAGED * 200).encode("utf-8")
    assert f(n, data) == f(n, data + b"\n") == f(n, data, threads=2) == want
    assert f(n, b"") == b""
    assert f(n, b"\n") == b"\n"
    assert f(n, b"x\r\ny\r") == b"x\ny\n"
    with pytest.raises(UnicodeDecodeError) as e:
        f(n, b"ab\ncd\xff\n")
    assert e.value.start == 5
    with pytest.raises(TypeError):
        f(n, "text")


def test_json_encoder_matches_dumps() -> None:
    enc = cli.json_encoder()
    objs: list[Any] = [
        {"a": 1, "b": [1.5, float("nan"), float("inf"), None, True, False, 'x\u200cy\n"\\\u2028'], "c": {"d": {}}},
        {"text": "علی", "e": [], "f": 1e100, "g": -0.0, "h": 2**80},
        {},
        {"k": "\x00\x1f\x7f"},
    ]
    for o in objs:
        assert enc(o) == json.dumps(o, ensure_ascii=False)


def test_jsonl_lone_surrogates(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = write(
        tmp_path / "in.jsonl",
        '{"text": "علي"}\n{"text": "a\\ud800b"}\n{"text": "كه", "x": "\\udc00"}\n',
    )
    status, _, err = run(["normalize", str(src)], capsys)
    assert status == 1 and "in.jsonl:2: field 'text' cannot be processed" in err
    status, out, err = run(["normalize", "--on-error", "skip", str(src)], capsys)
    assert status == 0 and "skipped 1 bad line" in err
    lines = out.splitlines()
    assert [json.loads(x) for x in lines] == [{"text": "علی"}, {"text": "که", "x": "\udc00"}]
    assert lines[1] == '{"text": "\\u06a9\\u0647", "x": "\\udc00"}'  # escaped, still valid UTF-8


def test_sigterm_deletes_the_temporary_output(tmp_path: Path) -> None:
    """A terminated run leaves neither OUT nor its temporary file."""
    import signal
    import time

    dst = tmp_path / "out.txt"
    p = subprocess.Popen(
        [sys.executable, "-m", "paknevis", "normalize", "-o", str(dst)],
        stdin=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    assert p.stdin is not None
    p.stdin.write("علي\n".encode() * 1000)
    p.stdin.flush()
    deadline = time.monotonic() + 30
    while not leftovers(tmp_path) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert leftovers(tmp_path)  # the temporary file exists while running
    p.send_signal(signal.SIGTERM)
    _, err = p.communicate(timeout=30)
    assert p.returncode == 128 + signal.SIGTERM and b"terminated" in err
    assert not dst.exists() and leftovers(tmp_path) == []


def test_sigterm_while_the_temporary_output_is_made(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A SIGTERM that comes right after the temporary file is made still deletes it."""
    import signal
    import tempfile

    from paknevis import cli

    real = tempfile.mkstemp

    def mkstemp(*args: Any, **kwargs: Any) -> tuple[int, str]:
        made = real(*args, **kwargs)
        os.kill(os.getpid(), signal.SIGTERM)  # handled before this function returns
        return made

    monkeypatch.setattr(cli.tempfile, "mkstemp", mkstemp)
    src = tmp_path / "in.txt"
    src.write_text("علي\n", encoding="utf-8")
    dst = tmp_path / "out.txt"
    assert cli.main(["normalize", str(src), "-o", str(dst)]) == 128 + signal.SIGTERM
    assert not dst.exists() and leftovers(tmp_path) == []


def test_pipe_input_is_answered_line_by_line() -> None:
    """From a pipe, each line's output comes out before the next line is sent."""
    with subprocess.Popen(
        [sys.executable, "-m", "paknevis", "normalize"], stdin=subprocess.PIPE, stdout=subprocess.PIPE
    ) as p:
        assert p.stdin is not None and p.stdout is not None
        for text, want in [("علي", "علی"), ("كه", "که")]:
            p.stdin.write(f"{text}\n".encode())
            p.stdin.flush()
            assert p.stdout.readline().decode() == want + "\n"
        p.stdin.close()
        assert p.stdout.read() == b""
        assert p.wait(timeout=30) == 0
