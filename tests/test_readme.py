"""Every Python example in the README runs, so the documentation cannot rot.

Blocks fenced as ```python that contain ``>>>`` prompts are run as doctests, in order, in one
namespace (later blocks may use names from earlier ones).
"""

from __future__ import annotations

import doctest
import re

from conftest import ROOT

FENCE = re.compile(r"```python\n(.*?)```", re.S)


def test_readme_examples() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = [b for b in FENCE.findall(text) if ">>>" in b]
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
