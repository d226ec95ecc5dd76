"""Gate self-test: make small wrong changes and count how many the gate catches.

Each group of mutations is applied to a fresh copy of the repository, and the
relevant tests run once for the whole group; every test names its page or
snippet, so one run tells which mutations were caught. Target: all of them.

Run with ``nox -s selftest``. Exits 1 if any mutation slipped through.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tokenize
from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.harness import prose  # noqa: E402


def tracked_copy() -> Path:
    """A copy of the files git knows (tracked or not ignored), in a temp dir."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],  # noqa: S607
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    target = Path(tempfile.mkdtemp(prefix="selftest-"))
    for name in listed:
        if (ROOT / name).is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, target / name)
    return target


def bump_digit(text: str, start: int) -> str:
    """Change the digit at ``start`` (0→1 … 9→0)."""
    return text[:start] + str((int(text[start]) + 1) % 10) + text[start + 1 :]


def mutate_outputs(repo: Path) -> list[str]:
    """A digit in each recorded output."""
    done = []
    for out in sorted((repo / "snippets").rglob("*.out")):
        text = out.read_text(encoding="utf-8")
        match = re.search(r"\d", text)
        if match:
            out.write_text(bump_digit(text, match.start()), encoding="utf-8")
            done.append(out.relative_to(repo).as_posix())
    return done


def mutate_snippets(repo: Path) -> list[str]:
    """A number in the code (not a comment) of each snippet."""
    done = []
    for script in sorted((repo / "snippets").rglob("*.py")):
        text = script.read_text(encoding="utf-8")
        lines = text.splitlines(keepends=True)
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            if token.type == tokenize.NUMBER and token.string[0] in "123456789":
                row, col = token.start
                offset = sum(len(line) for line in lines[: row - 1]) + col
                script.write_text(bump_digit(text, offset), encoding="utf-8")
                done.append(script.relative_to(repo).as_posix())
                break
    return done


def mutate_prose(language: str) -> Callable[[Path], list[str]]:
    """A number in the prose of each page of one language."""

    def mutate(repo: Path) -> list[str]:
        done = []
        for page in sorted((repo / "docs").glob(f"*.{language}.md")):
            text = page.read_text(encoding="utf-8")
            kept = prose.prose(text)  # code, math and comments blanked, same offsets per line
            for number, (line, blanked) in enumerate(
                zip(text.splitlines(True), kept.splitlines(True), strict=False)
            ):
                match = re.search(r"(?<![\w.#-])\d+\.\d+", blanked)
                if match and line[match.start() : match.end()] == match.group(0):
                    lines = text.splitlines(True)
                    lines[number] = bump_digit(line, match.end() - 1)
                    page.write_text("".join(lines), encoding="utf-8")
                    done.append(page.relative_to(repo).as_posix())
                    break
        return done

    return mutate


def remove_snippet(repo: Path) -> list[str]:
    """A snippet file that pages include, removed."""
    victim = repo / "snippets" / "learning-rate" / "update_rule_tf.py"
    victim.unlink()
    return [victim.relative_to(repo).as_posix()]


def remove_page(repo: Path) -> list[str]:
    """A page removed in one language only."""
    victim = repo / "docs" / "choosing-the-rate.en.md"
    victim.unlink()
    return [victim.relative_to(repo).as_posix()]


GROUPS: list[tuple[str, Callable[[Path], list[str]], list[str]]] = [
    (
        "a digit in each recorded output",
        mutate_outputs,
        ["tests/test_snippets.py", "tests/test_outputs.py", "tests/test_prose.py"],
    ),
    (
        "a number in each snippet",
        mutate_snippets,
        ["tests/test_snippets.py", "tests/test_notebooks.py"],
    ),
    ("a number in the prose of each Chinese page", mutate_prose("zh"), ["tests/test_prose.py"]),
    ("a number in the prose of each English page", mutate_prose("en"), ["tests/test_prose.py"]),
    ("a removed snippet file", remove_snippet, ["tests/test_snippets.py", "tests/test_site.py"]),
    ("a page removed in one language", remove_page, ["tests/test_prose.py", "tests/test_site.py"]),
]


def failure_texts(junit: Path) -> str:
    """Every failure and error message of a pytest run, from its JUnit XML."""
    if not junit.exists():
        return ""
    tree = ElementTree.parse(junit)  # noqa: S314 - written by our own pytest run
    parts = []
    for case in tree.iter("testcase"):
        for problem in [*case.iter("failure"), *case.iter("error")]:
            parts.append(f"{case.get('name')} {problem.get('message', '')} {problem.text or ''}")
    return "\n".join(parts)


def caught(mutated: str, report: str) -> bool:
    """A failure names the mutated file, or a page that includes it."""
    names = {mutated, Path(mutated).name, Path(mutated).stem + ".py"}
    if mutated.startswith("docs/"):
        names.add(prose.chapter_of(Path(mutated)))  # parity failures name the chapter
    return any(name in report for name in names)


def main() -> int:
    """Run every group; print a table; fail if anything slipped through."""
    total = missed = 0
    print("| mutation | made | caught |\n|---|---:|---:|")
    for title, mutate, tests in GROUPS:
        repo = tracked_copy()
        try:
            mutated = mutate(repo)
            result = subprocess.run(
                [sys.executable, "-m", "pytest", "-q", "-rf", "--tb=line", *tests],
                cwd=repo,
                capture_output=True,
                text=True,
                env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
            )
            report = result.stdout + result.stderr
            failures = "\n".join(
                ln for ln in report.splitlines() if "FAILED" in ln or "ERROR" in ln or ": " in ln
            )
            slipped = [m for m in mutated if not caught(m, failures)]
        finally:
            shutil.rmtree(repo, ignore_errors=True)
        total += len(mutated)
        missed += len(slipped)
        print(f"| {title} | {len(mutated)} | {len(mutated) - len(slipped)} |")
        for name in slipped:
            print(f"|   not caught: `{name}` | | |")
    print(f"\n{total - missed} of {total} wrong changes caught")
    return 1 if missed or not total else 0


if __name__ == "__main__":
    sys.exit(main())
