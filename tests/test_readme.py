"""Every Python example in the README runs, so the documentation cannot rot.

Blocks fenced as ```python that contain ``>>>`` prompts are run as doctests, in order, in one
namespace (later blocks may use names from earlier ones). A ```python block without prompts is
a recipe: its first line is ``# recipe: NAME (run by tests/FILE.py)``, and that test file runs it
(``recipe(NAME)`` gives its code). Every command shown in an indented block (``python -m
paknevis ...``) is run too, and so is every ``paknevis`` command of a ```sh block (in a
temporary folder holding small input files of the names it uses). The ```rust blocks are the
crate documentation's example (``src/lib.rs``), which ``cargo test`` runs.
"""

from __future__ import annotations

import doctest
import re
import shlex
import subprocess
import sys

from conftest import ROOT

FENCE = re.compile(r"```python\n(.*?)```", re.S)
RECIPE = re.compile(r"# recipe: (\w+) \(run by (tests/\w+\.py)\)\n")


def _readme() -> str:
    return (ROOT / "README.md").read_text(encoding="utf-8")


def recipe(name: str) -> str:
    """The code of the README's recipe NAME."""
    for block in FENCE.findall(_readme()):
        m = RECIPE.match(block)
        if m and m.group(1) == name:
            return block
    raise LookupError(f"the README has no recipe {name!r}")


def test_readme_examples() -> None:
    blocks = [b for b in FENCE.findall(_readme()) if ">>>" in b]
    assert blocks, "the README has Python examples"
    globs: dict[str, object] = {}
    parser = doctest.DocTestParser()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    for k, block in enumerate(blocks):
        test = parser.get_doctest(block, globs, f"README block {k}", "README.md", 0)
        runner.run(test, clear_globs=False)
        globs.update(test.globs)
    result = runner.summarize(verbose=False)
    assert result.failed == 0, f"{result.failed} README example(s) failed (see output above)"


def test_every_python_block_is_run() -> None:
    for block in FENCE.findall(_readme()):
        if ">>>" in block:
            continue
        m = RECIPE.match(block)
        assert m, f"a README python block has neither >>> prompts nor a recipe line:\n{block}"
        runner = ROOT / m.group(2)
        assert f'recipe("{m.group(1)}")' in runner.read_text(encoding="utf-8"), (
            f"{m.group(2)} does not run the README recipe {m.group(1)!r}"
        )


def test_readme_commands_run() -> None:
    commands = re.findall(r"^ {4}(python -m paknevis .*)$", _readme(), re.M)
    assert commands, "the README shows the command line"
    for line in commands:
        if "[" in line or "FILE" in line:
            continue  # a synopsis with placeholders, not a command
        argv = shlex.split(line)
        out = subprocess.run(
            [sys.executable, *argv[1:]], cwd=ROOT, capture_output=True, text=True, timeout=60
        )
        assert out.returncode == 0, f"{line!r} failed: {out.stderr}"
        assert out.stdout, f"{line!r} printed nothing"


SH_FENCE = re.compile(r"```sh\n(.*?)```", re.S)
RUST_FENCE = re.compile(r"```rust\n(.*?)```", re.S)


def test_readme_cli_examples_run(tmp_path) -> None:  # type: ignore[no-untyped-def]
    commands = [
        line
        for block in SH_FENCE.findall(_readme())
        for line in block.splitlines()
        if line.startswith("paknevis ")
    ]
    assert commands, "the README shows CLI examples"
    (tmp_path / "corpus.txt").write_text("كتاب هاي من\nسال 1402\n", encoding="utf-8")
    (tmp_path / "posts.jsonl").write_text(
        '{"id": 1, "body": "سال ۱۴۰۲"}\n{"id": 2, "body": "علي"}\n', encoding="utf-8"
    )
    (tmp_path / "comments.csv").write_text("id,comment\n1,كتاب هاي من.\n", encoding="utf-8")
    for line in commands:
        cmd = f"{shlex.quote(sys.executable)} -m {line}"
        out = subprocess.run(
            cmd, shell=True, cwd=tmp_path, capture_output=True, text=True, timeout=120
        )
        assert out.returncode == 0, f"{line!r} failed: {out.stderr}"
    assert "۱۴۰۲" in (tmp_path / "corpus.clean.txt").read_text(encoding="utf-8")
    assert '"clean": "سال 1402"' in (tmp_path / "out.jsonl").read_text(encoding="utf-8")
    assert "comment" in (tmp_path / "words.csv").read_text(encoding="utf-8")


def test_readme_rust_example_is_the_crate_doctest() -> None:
    lib = (ROOT / "src" / "lib.rs").read_text(encoding="utf-8")
    doc = "\n".join(
        line[4:] if line.startswith("//! ") else line[3:]
        for line in lib.splitlines()
        if line.startswith("//!")
    )
    blocks = RUST_FENCE.findall(_readme())
    assert blocks, "the README has a Rust example"
    for block in blocks:
        assert block.strip() in doc, "README Rust example differs from the doctest in src/lib.rs"
