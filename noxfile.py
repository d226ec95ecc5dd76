"""Build, serve and test the tutorial; `nox -l` lists the sessions."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import nox

nox.needs_version = ">=2025.2.9"
nox.options.default_venv_backend = "uv"
nox.options.reuse_venv = "yes"
nox.options.sessions = ["tests", "e2e"]

DEV_ADDR = "127.0.0.1:8000"
OLDEST_TENSORFLOW = "tensorflow==2.16.*"  # keep in step with pyproject.toml
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_INSTALL = "sudo apt-get install -y chromium fonts-noto-cjk"
ENV = {
    # mkdocs-material prints a banner about MkDocs 2 on every build.
    "NO_MKDOCS_2_WARNING": "1",
}


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
    session.run("pytest", "--ignore=tests/e2e", *(session.posargs or ["-q"]), env=ENV)


@nox.session
def e2e(session: nox.Session) -> None:
    """Drive Debian's Chromium through the built site (skipped if it is absent)."""
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        message = f"Chromium not found at {CHROMIUM}: install it with `{CHROMIUM_INSTALL}`"
        if os.environ.get("CI"):
            session.error(message)
        session.skip(message + " to run the browser tests.")
    install(session, "test")
    session.run("pytest", "tests/e2e", *(session.posargs or ["-q"]), env=ENV)


@nox.session
def update(session: nox.Session) -> None:
    """Re-record outputs, figures and lab notebooks from real runs, then re-check."""
    install(session, "test")
    recorded = ["tests/test_snippets.py", "tests/test_notebooks.py"]
    session.run("pytest", "-q", *recorded, "--update-examples", env=ENV)
    session.run("pytest", "-q", *recorded, env=ENV)
    session.log("Review the re-recorded files with `git diff` before committing.")


@nox.session
def fidelity(session: nox.Session) -> None:
    """Run blocks and notebooks as a reader does: new `python`, fresh kernel (slow)."""
    install(session, "test")
    session.run(
        "pytest",
        "tests/test_snippets.py",
        "tests/test_notebooks.py",
        "--plain-python",
        *(session.posargs or ["-q"]),
        env=ENV,
    )


@nox.session
def determinism(session: nox.Session) -> None:
    """Prove outputs byte-identical with oneDNN on and off, any order, 1 or 2 workers."""
    install(session, "test")
    recorded = ["tests/test_snippets.py", "tests/test_notebooks.py", "-q"]
    for onednn, jobs, order in [("0", "1", []), ("1", "2", ["--reverse-order"])]:
        session.log(
            f"TF_ENABLE_ONEDNN_OPTS={onednn}, {jobs} worker(s), order {order or 'as written'}"
        )
        env = dict(ENV, TF_ENABLE_ONEDNN_OPTS=onednn, SNIPPET_JOBS=jobs)
        session.run("pytest", *recorded, *order, env=env)


@nox.session
def oldest(session: nox.Session) -> None:
    """Run every block and notebook on the oldest supported TensorFlow."""
    install(session, "test")
    session.install(OLDEST_TENSORFLOW)
    session.run(
        "pytest",
        "tests/test_snippets.py",
        "tests/test_notebooks.py",
        "--skip-figures",  # SVG bytes follow numpy and matplotlib, not TensorFlow
        *(session.posargs or ["-q"]),
        env=ENV,
    )


@nox.session
def selftest(session: nox.Session) -> None:
    """Make small wrong changes and count how many the gate catches (all, or fail)."""
    install(session, "test")
    session.run("python", "tests/selftest.py", env=ENV)


@nox.session
def docs(session: nox.Session) -> None:
    """Build both languages strictly into site/."""
    install(session, "docs")
    session.run("mkdocs", "build", "--strict", "--site-dir", "site", *session.posargs, env=ENV)


@nox.session
def serve(session: nox.Session) -> None:
    """Serve the site with live reload at http://127.0.0.1:8000/."""
    install(session, "docs")
    session.run("mkdocs", "serve", *(session.posargs or ["--dev-addr", DEV_ADDR]), env=ENV)


@nox.session
def lint(session: nox.Session) -> None:
    """Check style and formatting with ruff."""
    install(session, "lint")
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")


@nox.session
def benchmark(session: nox.Session) -> None:
    """Measure the gate against a bare TensorFlow import, and page weight."""
    install(session, "test")
    session.run("python", "benchmarks/gate.py", *session.posargs, env=ENV)


@nox.session(venv_backend="none")
def lock(session: nox.Session) -> None:
    """Refresh uv.lock after a change to pyproject.toml's dependency groups."""
    session.run("uv", "lock", *session.posargs, external=True)
