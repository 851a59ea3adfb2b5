"""The typed, documented API: the stubs match the compiled module (mypy's stubtest), every
public class and function has a docstring with an example, and every example in a docstring
runs (the compiled core's docstrings come from the `///` comments of src/python/*.rs)."""

from __future__ import annotations

import doctest
import importlib
import inspect
import subprocess
import sys
from pathlib import Path
from typing import Any, Iterator

import pytest

import paknevis

OPTIONAL = {"pandas": "pandas", "polars": "polars", "spark": None}


def _modules() -> Iterator[Any]:
    yield paknevis
    for name, needs in OPTIONAL.items():
        if needs is not None:
            pytest.importorskip(needs)
        yield importlib.import_module(f"paknevis.{name}")


def _public(module: Any) -> Iterator[tuple[str, Any]]:
    """(qualified name, object) of each public class and function of `module`, and of each
    public method and property of its classes."""
    for name in module.__all__:
        obj = getattr(module, name)
        if not (inspect.isclass(obj) or callable(obj)):
            continue
        yield f"{module.__name__}.{name}", obj
        if inspect.isclass(obj) and not issubclass(obj, BaseException):
            for attr, member in vars(obj).items():
                if not attr.startswith("_"):
                    yield f"{module.__name__}.{name}.{attr}", member


def _doc(obj: Any) -> str:
    if isinstance(obj, (classmethod, staticmethod)):
        obj = obj.__func__
    return inspect.getdoc(obj) or ""


@pytest.mark.parametrize("module", ["paknevis", "paknevis.pandas", "paknevis.polars", "paknevis.spark"])
def test_every_public_item_is_documented(module: str) -> None:
    if module != "paknevis" and OPTIONAL[module.split(".")[1]]:
        pytest.importorskip(OPTIONAL[module.split(".")[1]] or "")
    mod = importlib.import_module(module)
    assert mod.__doc__ and len(mod.__doc__) > 100
    undocumented = [q for q, obj in _public(mod) if not _doc(obj)]
    assert not undocumented, f"no docstring: {undocumented}"
    # Every function and class shows an example (properties and exceptions need none).
    no_example = [
        q
        for q, obj in _public(mod)
        if not isinstance(obj, property)
        and not (inspect.isclass(obj) and issubclass(obj, BaseException))
        and inspect.getdoc(obj) is not None
        and type(obj).__name__ != "getset_descriptor"
        and ">>>" not in _doc(obj)
        and not (module == "paknevis.spark" and "df.select(" in _doc(obj))
    ]
    assert not no_example, f"no example in the docstring: {no_example}"


def test_docstring_examples_run() -> None:
    parser = doctest.DocTestParser()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    seen = 0
    for mod in _modules():
        items = [(mod.__name__, mod)] + list(_public(mod))
        for qualname, obj in items:
            doc = _doc(obj)
            if ">>>" not in doc:
                continue
            globs = dict(vars(paknevis))
            globs.update(vars(mod))
            runner.run(parser.get_doctest(doc, globs, qualname, None, 0))
            seen += 1
    result = runner.summarize(verbose=False)
    assert seen > 40
    assert result.failed == 0, f"{result.failed} docstring example(s) failed (see output above)"


@pytest.mark.timeout(300)
def test_stubs_match_the_compiled_module(tmp_path: Path) -> None:
    pytest.importorskip("mypy", reason="mypy is not installed (it is in the test extra)")
    out = subprocess.run(
        [sys.executable, "-m", "mypy.stubtest", "paknevis._paknevis"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    assert "Success" in out.stdout


def test_package_is_typed() -> None:
    root = Path(paknevis.__file__).parent
    assert (root / "py.typed").exists()
    assert (root / "_paknevis.pyi").exists()


@pytest.mark.timeout(300)
def test_python_sources_type_check(tmp_path: Path) -> None:
    """mypy --strict (pyproject.toml [tool.mypy]) over the package's Python modules, against the
    stubs of the compiled core."""
    pytest.importorskip("mypy", reason="mypy is not installed (it is in the test extra)")
    for needs in ("pandas", "polars", "pyspark"):
        pytest.importorskip(needs)
    root = Path(__file__).resolve().parent.parent
    out = subprocess.run(
        [sys.executable, "-m", "mypy", "--cache-dir", str(tmp_path), "python/paknevis"],
        capture_output=True,
        text=True,
        cwd=root,
    )
    assert out.returncode == 0, out.stdout + out.stderr
