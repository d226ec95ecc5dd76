"""Build, serve and test the tutorial; `nox -l` lists the sessions."""

from __future__ import annotations

import glob
import os
import re
import shutil
import subprocess
import tempfile

import nox

nox.needs_version = ">=2025.2.9"
nox.options.default_venv_backend = "uv"
nox.options.reuse_venv = "yes"

DEV_ADDR = "127.0.0.1:8000"
PYPROJECT = nox.project.load_toml("pyproject.toml")
# The supported Pythons, from requires-python (">=3.10,<3.14").
_low, _high = re.findall(r"3\.(\d+)", PYPROJECT["project"]["requires-python"])
OLDEST_PYTHON, NEWEST_PYTHON = f"3.{_low}", f"3.{int(_high) - 1}"
# The oldest supported TensorFlow, from the snippets group ("tensorflow>=2.16,<2.22").
OLDEST_TENSORFLOW = "tensorflow=={}.*".format(
    re.search(
        r"tensorflow>=([\d.]+)",
        " ".join(map(str, PYPROJECT["dependency-groups"]["snippets"])),
    ).group(1)
)
GATE = ["tests/test_snippets.py", "tests/test_notebooks.py"]  # what runs blocks
ENV = {
    # mkdocs-material prints a banner about MkDocs 2 on every build.
    "NO_MKDOCS_2_WARNING": "1",
    # mkdocs-jupyter imports nbconvert's command-line app, whose class body
    # instantiates every exporter to list the enabled ones for its --help
    # (0.2 s of CPU per build); the list is not used to build pages.
    "NBCONVERT_DISABLE_CONFIG_EXPORTERS": "1",
}


def _with_real_interpreters() -> None:
    """Put pyenv's interpreters on PATH where its shims would refuse them.

    Debian images with pyenv ship 3.10–3.13 but only activate one, and a shim
    for another version exits 127; uv and nox then find no interpreter.
    """
    for version in (OLDEST_PYTHON, NEWEST_PYTHON):
        found = shutil.which(f"python{version}")
        if found and subprocess.run([found, "-c", ""], capture_output=True).returncode == 0:  # noqa: S603
            continue
        pattern = os.path.expanduser(f"~/.pyenv/versions/{version}.*/bin")
        for folder in sorted(glob.glob(pattern), reverse=True)[:1]:
            os.environ["PATH"] = folder + os.pathsep + os.environ["PATH"]


_with_real_interpreters()


def install(session: nox.Session, group: str) -> None:
    """Sync the session's venv with one dependency group of uv.lock."""
    session.run_install(
        "uv",
        "sync",
        "--locked",
        "--no-default-groups",
        "--group",
        group,
        env={
            "UV_PROJECT_ENVIRONMENT": session.virtualenv.location,
            # Bytecode now, not at every import: PYTHONDONTWRITEBYTECODE may be set.
            "UV_COMPILE_BYTECODE": "1",
        },
    )


@nox.session
def tests(session: nox.Session) -> None:
    """Run the gate: snippets, notebooks, prose, parity, strict build and site."""
    install(session, "test")
    if shutil.which("npm"):  # Biome, which lints the site's JavaScript (package-lock.json)
        session.run("npm", "ci", "--no-audit", "--no-fund", "--silent", external=True)
    session.run("pytest", "--ignore=tests/e2e", *(session.posargs or ["-q"]), env=ENV)


@nox.session
def e2e(session: nox.Session) -> None:
    """Drive Debian's Chromium through the built site (skipped, naming the install, without it)."""
    install(session, "test")
    if shutil.which("npm"):  # axe-core, which checks every page's accessibility
        session.run("npm", "ci", "--no-audit", "--no-fund", "--silent", external=True)
    session.run("pytest", "tests/e2e", *(session.posargs or ["-q"]), env=ENV)


@nox.session(default=False)
def mathfont(session: nox.Session) -> None:
    """Subset STIX Two Math for the site's formulas into docs/assets/fonts/site-math.woff."""
    install(session, "test")
    session.install("--no-deps", "ziamath==0.13")  # carries STIXTwoMath-Regular.ttf (OFL)
    source = session.run(
        "python",
        "-c",
        # found, not imported: its own dependencies are not installed
        "import importlib.util, pathlib; "
        "spec = importlib.util.find_spec('ziamath'); "
        "print(pathlib.Path(spec.origin).parent / 'fonts' / 'STIXTwoMath-Regular.ttf')",
        silent=True,
    ).strip()
    with tempfile.TemporaryDirectory() as site:
        session.run("mkdocs", "build", "--strict", "-q", "-d", site, env=ENV)
        session.run("python", "-m", "sitegate.mathfont", source, site)
    session.log("Review and commit docs/assets/fonts/site-math.woff.")


@nox.session(default=False)
def update(session: nox.Session) -> None:
    """Re-record outputs, figures and lab notebooks from real runs, then re-check."""
    install(session, "test")
    session.run("pytest", "-q", *GATE, "--update-examples", env=ENV)
    session.run("pytest", "-q", *GATE, env=ENV)
    session.log("Review the re-recorded files with `git diff` before committing.")


@nox.session(default=False)
def fidelity(session: nox.Session) -> None:
    """Run blocks and notebooks as a reader does: new `python`, fresh kernel (slow)."""
    install(session, "test")
    session.run(
        "pytest",
        *GATE,
        "tests/test_runner.py",
        "--plain-python",
        *(session.posargs or ["-q"]),
        env=ENV,
    )


def numpy_features(session: nox.Session) -> list[str]:
    """numpy's run-time SIMD targets above its baseline, on this numpy."""
    names = session.run(
        "python",
        "-c",
        "import numpy._core._multiarray_umath as m; print(*m.__cpu_dispatch__)",
        silent=True,
    )
    return names.split()


# glibc picks its libm's pow, exp, log, … at load time by the CPU's features; without
# these it takes the paths of an older x86 CPU (float64 pow then rounds differently at a
# few powers: see sitegate/powers.py).
OLD_LIBM = "glibc.cpu.hwcaps=-AVX2,-FMA,-AVX512F,-AVX"


def foreign_cpus(session: nox.Session) -> list[tuple[str, dict[str, str]]]:
    """Settings that make this machine compute like other readers' machines."""
    simd = numpy_features(session)
    avx512 = [name for name in simd if "512" in name or name == "X86_V4"]
    return [
        ("numpy without AVX-512", {"NPY_DISABLE_CPU_FEATURES": " ".join(avx512)}),
        (
            "numpy without AVX2 or AVX-512, glibc's libm without FMA, AVX2 or AVX-512",
            {"NPY_DISABLE_CPU_FEATURES": " ".join(simd), "GLIBC_TUNABLES": OLD_LIBM},
        ),
        ("oneDNN capped at AVX2", {"ONEDNN_MAX_CPU_ISA": "AVX2"}),
        ("oneDNN capped at SSE4.1", {"ONEDNN_MAX_CPU_ISA": "SSE41"}),
        (
            "TensorFlow on one thread",
            {"TF_NUM_INTRAOP_THREADS": "1", "TF_NUM_INTEROP_THREADS": "1"},
        ),
        ("TensorFlow on 16 threads, as on a larger machine", {"TF_NUM_INTRAOP_THREADS": "16"}),
    ]


@nox.session(default=False)
def determinism(session: nox.Session) -> None:
    """Outputs and figures identical on other CPUs, threads, orders and worker counts."""
    install(session, "test")
    runs = [
        ("oneDNN off, 1 worker", {"TF_ENABLE_ONEDNN_OPTS": "0", "SNIPPET_JOBS": "1"}, []),
        (
            "oneDNN on, 2 workers, reverse order",
            {"TF_ENABLE_ONEDNN_OPTS": "1", "SNIPPET_JOBS": "2"},
            ["--reverse-order"],
        ),
        *[(f"foreign CPU: {name}", env, []) for name, env in foreign_cpus(session)],
    ]
    for title, settings, options in runs:
        session.log(f"{title}: {' '.join(f'{k}={v}' for k, v in settings.items())}")
        # oneDNN on unless a run says off: forked blocks default to off (FORKSERVER_ENV).
        env = {**ENV, "TF_ENABLE_ONEDNN_OPTS": "1", **settings}
        session.run("pytest", *GATE, "-q", *options, env=env)


@nox.session(python=OLDEST_PYTHON, default=False)
def oldest(session: nox.Session) -> None:
    """Every block and notebook on the oldest supported TensorFlow and Python."""
    install(session, "test")
    session.install(OLDEST_TENSORFLOW)
    session.run(
        "pytest",
        *GATE,
        "--skip-figures",  # SVG bytes follow numpy and matplotlib, not TensorFlow
        *(session.posargs or ["-q"]),
        env=ENV,
    )


@nox.session(python=NEWEST_PYTHON, default=False)
def newest(session: nox.Session) -> None:
    """Every block, notebook and figure on the newest supported Python (the lock)."""
    install(session, "test")
    session.run("pytest", *GATE, *(session.posargs or ["-q"]), env=ENV)


@nox.session(default=False)
def selftest(session: nox.Session) -> None:
    """Make small wrong changes and count how many the gate catches (all, or fail)."""
    install(session, "test")
    session.run("python", "-m", "sitegate.selftest", env=ENV)


@nox.session(default=False)
def docs(session: nox.Session) -> None:
    """Build both languages strictly into site/."""
    install(session, "docs")
    session.run("mkdocs", "build", "--strict", "--site-dir", "site", *session.posargs, env=ENV)


@nox.session(default=False)
def fork(session: nox.Session) -> None:
    """Build with MkDocs and with properdocs (a maintained fork): same pages, same links."""
    install(session, "fork")
    session.run("python", "-m", "sitegate.forkbuild", env=ENV)


@nox.session(default=False)
def serve(session: nox.Session) -> None:
    """Serve the site with live reload at http://127.0.0.1:8000/."""
    install(session, "docs")
    session.run("mkdocs", "serve", *(session.posargs or ["--dev-addr", DEV_ADDR]), env=ENV)


@nox.session(default=False)
def lint(session: nox.Session) -> None:
    """Check style and formatting: ruff for Python, Biome for the site's JavaScript."""
    install(session, "lint")
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")
    session.run("npm", "ci", "--no-audit", "--no-fund", "--silent", external=True)
    session.run("npm", "run", "--silent", "check", external=True)


@nox.session(default=False)
def benchmark(session: nox.Session) -> None:
    """Measure the gate against a bare TensorFlow import, and page weight."""
    install(session, "test")
    session.run("python", "benchmarks/gate.py", *session.posargs, env=ENV)


@nox.session(venv_backend="none", default=False)
def lock(session: nox.Session) -> None:
    """Refresh uv.lock after a change to pyproject.toml's dependency groups."""
    session.run("uv", "lock", *session.posargs, external=True)
