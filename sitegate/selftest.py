"""Gate self-test: make small wrong changes and count how many the gate catches.

Each group of mutations is applied to a fresh copy of the repository, and the
relevant tests run once for the whole group; every test names its page or
snippet, so one run tells which mutations were caught. Target: all of them.

Run with ``nox -s selftest`` (``python -m sitegate.selftest``). Exits 1 if any
mutation slipped through.
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
from collections.abc import Callable, Iterator
from pathlib import Path

from sitegate import prose, tex
from sitegate.layout import LAYOUT
from sitegate.pages import ROOT
from sitegate.runner import sandbox


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
    if (ROOT / "node_modules").is_dir():  # installed tools (Biome), not project files
        (target / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
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
        if script.name == "facts.py":  # a chapter's computed facts, not an example
            continue
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


OPPOSITES = {
    "faster": "slower",
    "slower": "faster",
    "lower": "higher",
    "higher": "lower",
    "worse": "better",
    "better": "worse",
    "更快": "更慢",
    "更慢": "更快",
    "更低": "更高",
    "更高": "更低",
    "更差": "更好",
    "更好": "更差",
}


def pages_of(repo: Path, language: str) -> list[Path]:
    """The Markdown pages of one language."""
    return sorted((repo / "docs").glob(f"*.{language}.md"))


def mutate_claims(language: str, negate: bool = False) -> Callable[[Path], list[str]]:
    """The word before the first claim mark of each page, turned around or negated."""

    def mutate(repo: Path) -> list[str]:
        done = []
        for page in pages_of(repo, language):
            text = page.read_text(encoding="utf-8")
            match = prose.CLAIM.search(text)
            if not match:
                continue
            before = text[: match.start()]
            for word, opposite in OPPOSITES.items():
                if not negate and before.endswith(word):
                    before = before[: -len(word)] + opposite
                    break
            else:  # negate the word in place: "not slower", "并不更慢"
                cut = len(before) - len(before.split()[-1]) if language == "en" else len(before) - 2
                before = before[:cut] + ("not " if language == "en" else "并不") + before[cut:]
            page.write_text(before + text[match.start() :], encoding="utf-8")
            done.append(page.relative_to(repo).as_posix())
        return done

    return mutate


def first_prose_line(lines: list[str]) -> int:
    """The index of the first paragraph line after the page title."""
    for number, line in enumerate(lines[1:], 1):
        if line.strip() and not line.startswith(("#", "<", "!", "-", "|", " ", "$", "`", "?")):
            return number
    raise LookupError("no prose paragraph")


def per_page(language: str, edit: Callable[[str], str | None]) -> Callable[[Path], list[str]]:
    """A mutation that applies ``edit`` to each page of one language (None: left alone)."""

    def mutate(repo: Path) -> list[str]:
        done = []
        for page in pages_of(repo, language):
            changed = edit(page.read_text(encoding="utf-8"))
            if changed is not None:
                page.write_text(changed, encoding="utf-8")
                done.append(page.relative_to(repo).as_posix())
        return done

    return mutate


def type_a_number(language: str) -> Callable[[Path], list[str]]:
    """A number nothing computes, typed into the first paragraph of each page."""
    typed = " (about 0.0099)" if language == "en" else "（约为0.0099）"

    def edit(text: str) -> str:
        lines = text.split("\n")
        lines[first_prose_line(lines)] += typed
        return "\n".join(lines)

    return per_page(language, edit)


def fact_to_given(language: str) -> Callable[[Path], list[str]]:
    """The first computed fact of each page passed off as a number the page sets."""

    def edit(text: str) -> str | None:
        match = prose.FACT.search(text)
        if match is None:
            return None
        marked = text[match.start(3) - len("<!--fact:") : match.end()]
        return text.replace(marked, "<!--given-->", 1)

    return per_page(language, edit)


def detach_fact_mark(language: str) -> Callable[[Path], list[str]]:
    """The first computed fact of each page, its mark set apart from its number by a space:
    the mark then backs nothing."""

    def edit(text: str) -> str | None:
        match = prose.FACT.search(text)
        if match is None:
            return None
        return text[: match.end(2)] + " " + text[match.end(2) :]

    return per_page(language, edit)


def mutate_inline_math(language: str) -> Callable[[Path], list[str]]:
    """A digit changed in the first inline formula with a digit, on each page."""

    def edit(text: str) -> str | None:
        # Code fences masked with spaces, so offsets stay those of the page.
        masked = prose.FENCE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)
        for match in prose.INLINE_MATH.finditer(masked):
            digit = re.search(r"\d", match.group(0))
            if digit:
                return bump_digit(text, match.start() + digit.start())
        return None

    return per_page(language, edit)


def shift_figures(repo: Path) -> list[str]:
    """One drawn line of each recorded figure moved by 1 px, beyond any tolerance."""
    done = []
    for figure in sorted((repo / "docs" / "assets" / "figures").rglob("*.svg")):
        text = figure.read_text(encoding="utf-8")
        match = re.search(r'<g id="line2d_\d+">\s*<path d="M ([\d.]+) ', text)
        if match:
            moved = f"{float(match.group(1)) + 1:.6g}"
            figure.write_text(
                text[: match.start(1)] + moved + text[match.end(1) :], encoding="utf-8"
            )
            done.append(figure.relative_to(repo).as_posix())
    return done


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


OPEN, CLOSE = {"{", "(", "[", r"\lfloor"}, {"}", ")", "]", r"\rfloor", r"\right"}
TERM_ENDS = {"+", "-", "&", "=", ",", "<", ">", r"\\", r"\le", r"\ge", r"\leftarrow"}


def in_subscripts(tokens: list[tex.Token]) -> set[int]:
    """Indices of the tokens that make up subscripts (``_0``, ``_{n+1}``)."""
    inside, depth = set(), 0
    for at, token in enumerate(tokens):
        if depth:
            inside.add(at)
            depth += (token.text == "{") - (token.text == "}")
        elif at and tokens[at - 1].text == "_":
            inside.add(at)
            depth = int(token.text == "{")
    return inside


def binary(tokens: list[tex.Token], sign: str) -> Iterator[int]:
    """Indices of ``sign`` used as a binary operator outside subscripts."""
    skip = in_subscripts(tokens)
    for at, token in enumerate(tokens):
        if token.text == sign and at and at not in skip:
            if tokens[at - 1].text not in TERM_ENDS | OPEN:
                yield at


def drop_term(source: str) -> str | None:
    """The first ``+ term`` removed, up to the next + − & = , or closing bracket."""
    tokens = tex.tokenize(source)
    for at in binary(tokens, "+"):
        depth, end = 0, len(source)
        for later in tokens[at + 1 :]:
            if depth == 0 and (later.text in TERM_ENDS or later.text in CLOSE):
                end = later.pos
                break
            depth += (later.text in OPEN) - (later.text in CLOSE)
        return source[: tokens[at].pos] + source[end:]
    return None


def change_exponent(source: str) -> str | None:
    """The first superscript ``^x`` made ``^{x + 1}``."""
    tokens = tex.tokenize(source)
    for at, token in enumerate(tokens[:-1]):
        if token.text == "^":
            argument = tokens[at + 1]
            if argument.text != "{":
                end = argument.pos + len(argument.text)
                return f"{source[: argument.pos]}{{{argument.text} + 1}}{source[end:]}"
            depth = 0
            for later in tokens[at + 1 :]:
                depth += (later.text == "{") - (later.text == "}")
                if depth == 0:
                    return f"{source[: later.pos]} + 1{source[later.pos :]}"
    return None


def change_constant(source: str) -> str | None:
    """A digit of the first number that is not in a subscript, bumped."""
    tokens = tex.tokenize(source)
    skip = in_subscripts(tokens)
    for at, token in enumerate(tokens):
        if token.kind == "number" and at not in skip:
            return bump_digit(source, token.pos)
    return None


def swap_min(source: str) -> str | None:
    r"""The first ``\min`` made ``\max``."""
    return source.replace(r"\min", r"\max", 1) if r"\min" in source else None


def flip_sign(source: str) -> str | None:
    """The first binary minus made a plus (for a formula with nothing else to change)."""
    tokens = tex.tokenize(source)
    for at in binary(tokens, "-"):
        return source[: tokens[at].pos] + "+" + source[tokens[at].pos + 1 :]
    return None


def ceiling_to_floor(source: str) -> str | None:
    r"""``\lceil … \rceil`` made ``\lfloor … \rfloor`` (a count off by one)."""
    if r"\lceil" not in source:
        return None
    return source.replace(r"\lceil", r"\lfloor").replace(r"\rceil", r"\rfloor")


FORMULA_CHANGES = [drop_term, change_exponent, change_constant, swap_min]


def term_change(source: str, turn: int = 0) -> str:
    """A term change of the rotation, starting at ``turn``, that applies."""
    kinds = FORMULA_CHANGES[turn % 4 :] + FORMULA_CHANGES[: turn % 4]
    kinds += [flip_sign, ceiling_to_floor]
    return next(c for c in (kind(source) for kind in kinds) if c is not None)


def change_lhs(source: str) -> str | None:
    r"""The left side's symbol changed: ``\eta_t`` → ``\eta_0``, ``w`` → ``w_0``."""
    tokens = tex.tokenize(source)
    relation = next((at for at, t in enumerate(tokens) if t.text in ("=", r"\leftarrow")), None)
    if relation is None:
        return None  # a condition: no left side
    lhs = tokens[:relation]
    for at, token in enumerate(lhs[:-1]):
        if token.text == "_":
            start, end = lhs[at + 1].pos, lhs[at + 1].pos + len(lhs[at + 1].text)
            if lhs[at + 1].text == "{":
                depth = 0
                for later in lhs[at + 1 :]:
                    depth += (later.text == "{") - (later.text == "}")
                    if depth == 0:
                        end = later.pos + 1
                        break
            new = "1" if source[start:end] in ("0", "{0}") else "0"
            return source[:start] + new + source[end:]
    end = lhs[0].pos + len(lhs[0].text)
    return source[:end] + "_0" + source[end:]


def add_false_condition(source: str) -> str | None:
    r"""A condition, false somewhere the formula is checked, after ``\qquad``."""
    symbols = tex.parse(source).symbols()
    extra = r"t \le 1000" if "t" in symbols else r"\eta < 0.5"
    return f"{source}, \\qquad {extra}"


def glue_numbers(source: str) -> str | None:
    """The first number outside scripts made ``1{number}``: shown as one number, 1 glued on."""
    tokens = tex.tokenize(source)
    skip = in_subscripts(tokens)
    for at, token in enumerate(tokens):
        after_script = at > 0 and tokens[at - 1].text in ("^", "_")
        if token.kind == "number" and at not in skip and not after_script:
            end = token.pos + len(token.text)
            return f"{source[: token.pos]}1{{{token.text}}}{source[end:]}"
    return None


def hide_in_html(key: str, source: str, turn: int) -> str:
    """The checked block hidden in a ``<script>``; a changed formula shown, unmarked."""
    return (
        f"$${term_change(source, turn)}$$\n\n"
        f'<script type="text/x-tex">\n<!--formula:{key}-->\n$$\n{source}\n$$\n</script>'
    )


def other_syntax(key: str, source: str, turn: int) -> str:
    r"""A changed formula shown under its mark as one-line $$…$$, \[ … \] or align."""
    changed = term_change(source, turn)
    shown = [
        f"$${changed}$$",
        f"\\[\n{changed}\n\\]",
        f"\\begin{{align}}\n{changed}\n\\end{{align}}",
    ]
    return f"<!--formula:{key}-->\n{shown[turn % 3]}"


def marked_block(key: str, source: str) -> str:
    return f"<!--formula:{key}-->\n$$\n{source}\n$$"


def in_block(change: Callable[[str], str | None]) -> Callable[[str, str, int], str | None]:
    """A change of the TeX as a change of the whole marked block."""

    def block(key: str, source: str, turn: int) -> str | None:
        new = change(source)
        return None if new is None else marked_block(key, new)

    return block


# Changes of the whole display, for the English twin: (key, TeX, turn) → the new block.
DISPLAY_CHANGES = [
    in_block(change_lhs),
    in_block(add_false_condition),
    in_block(glue_numbers),
    hide_in_html,
    other_syntax,
]


def mutate_formulas(repo: Path) -> list[str]:
    """One change in each marked formula, in each language; a different one per language.

    Chinese: a term changes; the kind rotates over the formulas (drop a
    ``+ term``, raise an exponent, bump a constant, ``\\min`` → ``\\max``),
    moving on to the next kind where one does not apply. English: what the
    evaluation alone would not see; the kind rotates too: the left side's
    symbol changed, a false ``\\qquad`` condition appended, two numbers glued
    (``1{300}``), the checked block hidden in a ``<script>`` with a changed
    formula shown instead, or a changed formula shown in another syntax
    (one-line ``$$…$$``, ``\\[…\\]``, ``align``). A mutation counts as caught
    only where a failure names its page and key exactly
    (``docs/x.en.md:formula:smooth``), which the zh/en parity test does not.
    """
    done = []
    turn = 0
    for zh in sorted((repo / "docs").glob("*.zh.md")):
        pages = [zh, LAYOUT.twin(zh, "en")]
        texts = [page.read_text(encoding="utf-8") for page in pages]
        for display in tex.formulas(texts[0]):
            if display.key is None:
                continue
            block = marked_block(display.key, display.tex)
            kinds = DISPLAY_CHANGES[turn % 5 :] + DISPLAY_CHANGES[: turn % 5]
            english = (kind(display.key, display.tex, turn) for kind in kinds)
            changed = [
                marked_block(display.key, term_change(display.tex, turn)),
                next(new for new in english if new is not None),
            ]
            turn += 1
            for number, page in enumerate(pages):
                assert texts[number].count(block) == 1, f"{page.name}: {display.key}"
                texts[number] = texts[number].replace(block, changed[number])
                done.append(f"{page.relative_to(repo).as_posix()}:formula:{display.key}")
        for page, text in zip(pages, texts, strict=True):
            page.write_text(text, encoding="utf-8")
    return done


BAD_BLOCKS = {  # a block that misbehaves, and what its recorded output holds
    "hangs": ("import time\n\ntime.sleep(600)\n", ""),
    "floods": ('print("x" * 50_000_000)\n', ""),
    "prints bytes that are not UTF-8": (
        'import sys\n\nsys.stdout.buffer.write(b"ok \\xff\\n")\n',
        "ok \ufffd\n",  # what a lenient decoder would have made of it
    ),
    "crashes by a signal": (
        "import os\nimport signal\n\nos.kill(os.getpid(), signal.SIGSEGV)\n",
        "",
    ),
    "prints the machine's HOME": (
        "import os\n\nprint(os.environ['HOME'])\n",
        str(Path.home()) + "\n",  # recorded here: the developer's own HOME
    ),
}


def bad_block(kind: str) -> Callable[[Path], list[str]]:
    """A new example that misbehaves, hooked into both pages of one chapter."""
    code, recorded = BAD_BLOCKS[kind]
    name = "selftest_" + re.sub(r"\W+", "_", kind)

    def mutate(repo: Path) -> list[str]:
        return add_example(repo, name, code, recorded)

    return mutate


def add_example(repo: Path, name: str, code: str, recorded: str) -> list[str]:
    """A new example of chapter learning-rate, with its output, on both its pages."""
    folder = repo / "snippets" / "learning-rate"
    (folder / f"{name}.py").write_text(code, encoding="utf-8")
    (folder / f"{name}.out").write_text(recorded, encoding="utf-8")
    for page in sorted((repo / "docs").glob("learning-rate.*.md")):
        with page.open("a", encoding="utf-8") as text:
            text.write(
                f'\n```python\n--8<-- "learning-rate/{name}.py"\n```\n\n'
                "<!--pytest-codeblocks:expected-output-->\n\n"
                f'```text\n--8<-- "learning-rate/{name}.out"\n```\n'
            )
    return [f"snippets/learning-rate/{name}.py"]


def block_writes_into_the_project(repo: Path) -> list[str]:
    """A block that writes into the project's docs/, by absolute path."""
    stray = repo / "docs" / "stray-from-a-block.md"
    code = f"open({str(stray)!r}, 'w').write('x')\n"
    return add_example(repo, "selftest_writes_into_the_project", code, "")


def malformed_mark(repo: Path) -> list[str]:
    """A mark that would run code if it were evaluated, on both pages of a chapter."""
    done = []
    for page in sorted((repo / "docs").glob("learning-rate.*.md")):
        text = page.read_text(encoding="utf-8")
        fence = text.index("```python")
        mark = '<!--pytest.mark.skip(reason=open("/etc/hostname").read())-->\n\n'
        page.write_text(text[:fence] + mark + text[fence:], encoding="utf-8")
        done.append(page.relative_to(repo).as_posix())
    return done


GATE_SNIPPETS = ["tests/test_snippets.py"]
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
    *[
        (f"{what} of each {name} page", mutate(language), ["tests/test_prose.py"])
        for name, language in (("Chinese", "zh"), ("English", "en"))
        for what, mutate in (
            ("a claimed word turned around", mutate_claims),
            ("a claimed word negated", lambda lang: mutate_claims(lang, negate=True)),
            ("a number typed that nothing computes", type_a_number),
            ("a computed fact passed off as given", fact_to_given),
            ("a fact's mark set apart from its number", detach_fact_mark),
            ("a digit changed in an inline formula", mutate_inline_math),
        )
    ],
    ("a line moved by 1 px in each figure", shift_figures, ["tests/test_snippets.py"]),
    ("a removed snippet file", remove_snippet, ["tests/test_snippets.py", "tests/test_site.py"]),
    *[(f"a block that {kind}", bad_block(kind), ["tests/test_snippets.py"]) for kind in BAD_BLOCKS],
    ("a mark that would run code", malformed_mark, ["tests/test_snippets.py"]),
    *(
        [("a block that writes into the project", block_writes_into_the_project, GATE_SNIPPETS)]
        if sandbox()
        else []
    ),
    ("a page removed in one language", remove_page, ["tests/test_prose.py", "tests/test_site.py"]),
    ("a term changed in each displayed formula", mutate_formulas, ["tests/test_formulas.py"]),
]


def caught(mutated: str, report: str) -> bool:
    """A failure names the mutated file exactly, or its chapter in a twin test.

    Names match whole (``index`` in ``IndexError`` does not count). A
    mutated snippet is also named as pages include it (``chapter/file.py``);
    a chapter name counts only where a zh/en parity test reports it, which is
    unambiguous because each group mutates one language only.
    """
    if ":formula:" in mutated:  # docs/x.en.md:formula:restarts, not …:restarts-cycle
        return re.search(re.escape(mutated) + r"(?![\w-])", report) is not None
    path = Path(mutated)
    names = {mutated}
    if mutated.startswith("snippets/"):
        included = path.relative_to("snippets")
        names |= {included.as_posix(), included.with_suffix(".py").as_posix()}
        names.add(f"snippets/{included.with_suffix('.py').as_posix()}")
    if mutated.startswith("docs/assets/"):
        names.add(path.name)  # "writes trajectories.svg, which differs from …"
    alternatives = "|".join(re.escape(name) for name in sorted(names))
    if re.search(rf"(?<![\w/.-])(?:{alternatives})(?![\w-])", report):
        return True
    if mutated.startswith("docs/") and path.suffix == ".md":
        chapter = re.escape(LAYOUT.name_of(path))
        twin = (
            rf"test_(?:twins|lab_twins)\w*\[{chapter}\]|docs/{chapter}(?:: |\.zh\.md and \.en\.md)"
        )
        return re.search(twin, report) is not None
    return False


def avx512_features() -> list[str]:
    """numpy's AVX-512 targets that this CPU has (empty on other CPUs)."""
    import numpy._core._multiarray_umath as umath

    return [
        name
        for name in umath.__cpu_dispatch__
        if ("512" in name or name == "X86_V4") and umath.__cpu_features__.get(name)
    ]


def foreign_cpu_case() -> tuple[int, int]:
    """A snippet made CPU-dependent, recorded here, must fail on a foreign CPU.

    numpy chooses some kernels at run time (its float64 exp and log among
    them, and so ``geomspace``), so their last bit depends on the CPU; the
    range test rounds its rates to float32 for that reason. The mutant prints
    such a value in full, is recorded on this CPU, and the gate then runs with
    numpy's AVX-512 kernels switched off, as the determinism session does: the
    drifted output must be reported.
    """
    features = avx512_features()
    if not features:
        print(
            "| a CPU-dependent snippet on a foreign CPU | skipped: this CPU has no "
            "AVX-512, so switching it off changes no numpy kernel | |"
        )
        return 0, 0
    repo = tracked_copy()
    try:
        script = repo / "snippets" / "schedules" / "lr_range_test.py"
        with script.open("a", encoding="utf-8") as mutated:
            mutated.write("print(np.geomspace(1e-4, 10, 150).tolist())\n")
        env = dict(os.environ)
        gate = [sys.executable, "-m", "pytest", "-q", "-rf", "--tb=line", "tests/test_snippets.py"]
        native = subprocess.run(
            [*gate, "--update-examples"], cwd=repo, capture_output=True, env=env
        )
        env["NPY_DISABLE_CPU_FEATURES"] = " ".join(features)
        result = subprocess.run(gate, cwd=repo, capture_output=True, text=True, env=env)
        report = result.stdout + result.stderr
        found = (
            native.returncode == 0  # recorded cleanly here …
            and "lr_range_test" in report  # … and reported there, as drifted output
            and "drifted" in report
        )
    finally:
        shutil.rmtree(repo, ignore_errors=True)
    print(f"| a CPU-dependent printed value, numpy without AVX-512 | 1 | {int(found)} |")
    return 1, int(found)


def git_status(folder: Path) -> list[str]:
    """``git status --porcelain`` of ``folder``, a git repository."""
    return subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all"],  # noqa: S607
        cwd=folder,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()


def as_repository(folder: Path) -> None:
    """Make ``folder`` a git repository with everything in it committed."""
    identity = ["-c", "user.name=selftest", "-c", "user.email=selftest@localhost"]
    for command in (["init", "-q"], ["add", "-A"], [*identity, "commit", "-qm", "baseline"]):
        subprocess.run(["git", *command], cwd=folder, check=True, capture_output=True)  # noqa: S607


def main() -> int:
    """Run every group; print a table; fail if anything slipped through."""
    total = missed = 0
    baseline = tracked_copy()
    try:
        as_repository(baseline)
        clean = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "--tb=line", "tests/", "--ignore=tests/e2e"],
            cwd=baseline,
            capture_output=True,
            text=True,
            env=dict(os.environ),
        )
        changed = git_status(baseline)  # what git sees: ignored caches do not count
    finally:
        shutil.rmtree(baseline, ignore_errors=True)
    if clean.returncode != 0:  # a red gate would credit every mutation it names
        print("The gate fails before any change; fix that first:\n" + clean.stdout[-4000:])
        return 1
    if changed:  # checks only check: a normal run writes nothing into the project
        print("A normal run of the gate changed the project (git status):\n" + "\n".join(changed))
        return 1
    print("The gate (tests/ but the browser tests) passes on a clean copy")
    print("and leaves every file of it as it was.\n")
    if not sandbox():
        print("(no working bubblewrap here: the case of a block writing into the project")
        print(
            " is not made, as nothing would stop such a block; the clean-run check above stays)\n"
        )
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
                env=dict(os.environ),
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
    made, found = foreign_cpu_case()
    total, missed = total + made, missed + made - found
    print(f"\n{total - missed} of {total} wrong changes caught")
    return 1 if missed or not total else 0


if __name__ == "__main__":
    sys.exit(main())
