"""Run scripts as a reader would, each in its own process, importing TF once.

A forkserver process imports the heavy modules once; every script then runs in
a fresh child forked from it, as ``__main__``, in an empty working directory.
Children share nothing: a script that switches TensorFlow to graph mode or
changes global state leaves no trace for the next one.

This module imports only the standard library: the forkserver unpickles
``_child`` from it in every child. As with any forkserver, the program's main
module must guard its entry point (``if __name__ == "__main__":``); pytest's
and nox's do.
"""

from __future__ import annotations

import atexit
import functools
import hashlib
import multiprocessing
import os
import resource
import runpy
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

# Imported once, in the forkserver, for every block. Besides the heavy four:
# modules that many blocks import on first use (numpy's random generators,
# pyplot's Agg canvas, the SVG writer that saves the figures), which no
# longer cost each block their import. Importing one sets no setting: the
# backend stays unresolved until pyplot first needs it, as in a fresh python.
# Then this module, which every child unpickles ``_child`` from, and last
# ``sitegate.freeze``: see there. First of all ``sitegate.forkenv``, which sets
# FORKSERVER_ENV before TensorFlow is imported.
PRELOAD = (
    "sitegate.forkenv",  # first: FORKSERVER_ENV, before TensorFlow reads it
    "tensorflow",
    "keras",
    "numpy",
    "numpy.random",
    "matplotlib",
    "matplotlib.pyplot",
    "matplotlib.backends.backend_agg",
    "matplotlib.backends.backend_svg",
    "sitegate.runner",
    "sitegate.freeze",
)
DEFAULT_TIMEOUT = 30.0  # seconds a block may run; a mark may give one block more
OUTPUT_LIMIT = 1 << 20  # bytes a block may print: a tutorial's output is read by people
FILE_LIMIT = 16 << 20  # bytes any file a block writes may reach (enforced by the kernel)
# The environment every block sees, the same on every machine: a block that
# prints $HOME or the date's zone gets the same answer here and in CI.
FIXED_ENV = {
    "LANG": "C.UTF-8",
    "LC_ALL": "C.UTF-8",
    "TZ": "UTC",
    "PYTHONHASHSEED": "0",
    "PYTHONIOENCODING": "utf-8",
    "TF_CPP_MIN_LOG_LEVEL": "2",
}
# Forked blocks also run TensorFlow on one thread each, unless the
# environment names its own counts (`nox -s determinism` runs every block on
# 16 threads too): the runner already runs one block per core, and each
# block's two thread pools would otherwise compete with the other blocks'
# for the same cores (a median 1.4 s of a session's CPU here). The outputs are
# the same either way: `--plain-python` (the fidelity session) runs every
# block as a reader does, with TensorFlow's own thread counts, and checks
# what it prints.
FORKED_ENV = {"TF_NUM_INTRAOP_THREADS": "1", "TF_NUM_INTEROP_THREADS": "1"}
# And without oneDNN's graph rewrites and kernels, unless the environment says
# otherwise. Every function a block runs goes through oneDNN's layout pass,
# which scans TensorFlow's whole kernel registry for each node (perf: about a
# third of a small block's CPU); off, the same outputs and a small gain
# (README's Benchmarks gives the figures). Readers run with it on, and CI
# checks that too: the fidelity session runs every block as a reader does, and the
# determinism session runs every block with it on (on this CPU and with
# oneDNN capped at older CPUs' instructions) and once with it off.
# TensorFlow reads it at its import, so it is set in the forkserver
# (sitegate/forkenv.py), not in the children.
FORKSERVER_ENV = {"TF_ENABLE_ONEDNN_OPTS": "0"}


_BASE: Path | None = None  # every runner's working folders, the only writable place


def base_folder() -> Path:
    """The folder under which every block of this process runs (created once,
    removed when the process ends)."""
    global _BASE
    if _BASE is None:
        _BASE = Path(tempfile.mkdtemp(prefix="snippet-runs-"))
        atexit.register(shutil.rmtree, _BASE, ignore_errors=True)
    return _BASE


@functools.cache
def sandbox() -> str | None:
    """bubblewrap, if it is installed and works here, and SITEGATE_SANDBOX is not "off".

    Where user namespaces are restricted (some hosted runners), bwrap is
    installed but cannot start: then blocks run unsandboxed, as without it.
    """
    found = shutil.which("bwrap")
    if os.environ.get("SITEGATE_SANDBOX") == "off" or found is None:
        return None
    probe = [found, "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "true"]
    works = subprocess.run(probe, capture_output=True, check=False).returncode == 0
    return found if works else None


def sandboxed(command: list[str], writable: list[Path]) -> list[str]:
    """``command`` inside bubblewrap: the whole file system read-only, a fresh
    /tmp that vanishes with it, and only ``writable`` folders writable.

    The project being checked, the interpreter and the import paths stay
    visible, read-only, even where they live under /tmp.
    """
    # What /tmp's fresh mount would hide but Python needs, read-only: the
    # project, the interpreter and environment, and every import path (the
    # self-test's copies and a CI clone may all live under /tmp).
    visible = {Path.cwd(), Path(sys.prefix), Path(sys.base_prefix), Path(sys.executable).parent}
    visible |= {Path(entry) for entry in sys.path if entry and Path(entry).is_dir()}
    temp = Path(tempfile.gettempdir()).resolve()
    hidden = sorted(str(f) for f in visible if f.resolve().is_relative_to(temp))
    binds = [arg for folder in hidden for arg in ("--ro-bind", folder, folder)]
    binds += [arg for folder in writable for arg in ("--bind", str(folder), str(folder))]
    return [
        sandbox() or "bwrap",
        "--die-with-parent",
        "--ro-bind", "/", "/",
        "--dev", "/dev",
        "--proc", "/proc",
        "--tmpfs", "/tmp",  # noqa: S108 - a fresh, private /tmp inside the sandbox
        *binds,
        "--",
        *command,
    ]  # fmt: skip


def _sandbox_forkserver() -> None:
    """Start the forkserver (and so every forked block) inside bubblewrap.

    multiprocessing starts the forkserver with its "executable"; a small
    wrapper runs Python in the sandbox instead, with the runners' folder and
    multiprocessing's own socket folder writable.
    """
    import multiprocessing.util

    socket_folder = Path(multiprocessing.util.get_temp_dir())
    # Matplotlib wants a writable config folder; give it one with the font
    # list it built before, so that it does not build it again.
    config = base_folder() / "matplotlib"
    config.mkdir(exist_ok=True)
    for cached in (Path.home() / ".cache" / "matplotlib").glob("fontlist-*.json"):
        shutil.copy2(cached, config / cached.name)
    wrapper = base_folder() / "python-in-sandbox"
    command = sandboxed([sys.executable], [base_folder(), socket_folder])
    wrapper.write_text(
        f"#!/bin/sh\nMPLCONFIGDIR='{config}' exec "
        + " ".join(f"'{part}'" for part in command)
        + ' "$@"\n',
        encoding="utf-8",
    )
    wrapper.chmod(0o755)
    multiprocessing.set_executable(str(wrapper))


def block_env(home: str) -> dict[str, str]:
    """The variables a block runs with: FIXED_ENV, and a HOME and TMPDIR of its own."""
    return {**FIXED_ENV, "HOME": home, "TMPDIR": home, "TMP": home, "TEMP": home}


@dataclass
class Result:
    """What one script did: its output, exit status and the files it wrote."""

    stdout: str
    stderr: str
    exitcode: int | None  # None: killed after the time limit
    files: dict[str, bytes] = field(default_factory=dict)
    lasting: list[str] = field(default_factory=list)  # process-wide settings it left changed
    problem: str | None = None  # output too large, or not UTF-8: what went wrong, in words
    timeout: float = DEFAULT_TIMEOUT

    @property
    def signal(self) -> str | None:
        """The signal that killed the script (SIGSEGV, SIGXFSZ …), if one did."""
        if self.exitcode is None or self.exitcode >= 0:
            return None
        try:
            number = signal.Signals(-self.exitcode)
        except ValueError:
            return f"signal {-self.exitcode}"
        return f"{number.name} ({signal.strsignal(number) or 'no description'})"

    def tail(self, lines: int = 20) -> str:
        """The last lines the script printed, stdout then stderr, for messages."""
        out = "\n".join(self.stdout.splitlines()[-lines:])
        err = "\n".join(self.stderr.splitlines()[-lines:])
        return f"--- last lines of stdout\n{out}\n--- last lines of stderr\n{err}"

    @property
    def ok(self) -> bool:
        """True when the script ran to the end."""
        return self.exitcode == 0


def _settings() -> dict[str, object]:
    """Process-wide settings a snippet could change and leave behind.

    A reader pastes snippets into one notebook: a setting one of them changes
    for the whole process (Matplotlib's rcParams or backend, Keras's float
    type, TensorFlow's op determinism or eager mode, numpy's print options
    or error handling) silently changes every later cell. Only modules that
    are already imported are read, so this costs nothing in other processes.
    """
    found: dict[str, object] = {}
    mpl = sys.modules.get("matplotlib")
    if mpl is not None:
        params = mpl.rcParams
        for key in params:
            if key != "backend":
                found[f"matplotlib.rcParams[{key!r}]"] = repr(params[key])
        # Read raw: resolving the backend here would import it in every child.
        # pyplot resolves its default lazily on first use, which is Matplotlib's
        # doing, not the snippet's: _lasting() forgives that one change.
        found["matplotlib backend"] = dict.__getitem__(params, "backend")
    np = sys.modules.get("numpy")
    if np is not None:
        found["numpy.get_printoptions()"] = repr(sorted(np.get_printoptions().items()))
        found["numpy.geterr()"] = repr(sorted(np.geterr().items()))
    tf = sys.modules.get("tensorflow")
    if tf is not None:
        from tensorflow.python.framework import config

        found["tf.keras.backend.floatx()"] = tf.keras.backend.floatx()
        found["op determinism (enable_op_determinism)"] = config.is_op_determinism_enabled()
        found["tf.executing_eagerly()"] = tf.executing_eagerly()
        found["tf.config.functions_run_eagerly()"] = tf.config.functions_run_eagerly()
        found["mixed-precision policy"] = tf.keras.mixed_precision.global_policy().name
    return found


def _lasting(before: dict[str, object], after: dict[str, object]) -> list[str]:
    """The settings a script left changed (the default backend's resolution aside)."""
    changed = [key for key, value in before.items() if after.get(key, value) != value]
    mpl = sys.modules.get("matplotlib")
    if mpl is not None and "matplotlib backend" in changed:
        sentinel = mpl.rcsetup._auto_backend_sentinel
        chosen = str(after["matplotlib backend"]).lower()
        if before["matplotlib backend"] is sentinel and chosen == "agg":
            changed.remove("matplotlib backend")  # pyplot chose its headless default
    return changed


def _limit_files() -> None:
    """No file the script writes (its output included) may pass FILE_LIMIT."""
    resource.setrlimit(resource.RLIMIT_FSIZE, (FILE_LIMIT, FILE_LIMIT))


def _stop_group(pid: int) -> None:
    """Kill a script's whole process group: it and everything it started."""
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def _read_output(path: Path) -> tuple[str, str | None]:
    """The text a script printed, and what is wrong with it, if anything."""
    data = path.read_bytes() if path.exists() else b""
    if len(data) > OUTPUT_LIMIT:
        shown = data[:2000].decode("utf-8", errors="replace")
        return shown, (
            f"printed {len(data):,} bytes, more than the {OUTPUT_LIMIT:,} a block may print"
        )
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as error:
        bad = data[error.start : error.start + 8]
        return data.decode("utf-8", errors="replace"), (
            f"printed bytes that are not UTF-8 (at byte {error.start}: {bad!r}); a page "
            "shows text, so a block must print UTF-8"
        )


def _child(script: str, workdir: str, out_path: str, err_path: str, home: str) -> None:
    """Body of a forked child: run ``script`` as ``python script`` would.

    The exit status is also written next to the outputs: the forkserver now and
    then fails to report it (multiprocessing then says 255), so the file is
    what the parent trusts when it exists.
    """
    os.setsid()  # a process group of its own: a time-out stops all it started
    _limit_files()
    os.environ.update(block_env(home))
    for name, value in FORKED_ENV.items():
        os.environ.setdefault(name, value)
    time.tzset()
    tempfile.tempdir = home
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        sys.stdout.flush()
        sys.stderr.flush()
        os.dup2(out.fileno(), 1)
        os.dup2(err.fileno(), 2)
    os.chdir(workdir)
    sys.argv = [script]
    sys.path[0] = os.path.dirname(script)
    before = _settings()
    code = 0
    try:
        runpy.run_path(script, run_name="__main__")
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
        if not isinstance(stop.code, int | None):
            print(stop.code, file=sys.stderr)
    except BaseException:  # noqa: BLE001 - report anything, as python would
        traceback.print_exc()
        code = 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
    try:
        after = _settings()
        lasting = _lasting(before, after)
    except Exception as error:  # noqa: BLE001 - a broken library state is a finding too
        lasting = [f"(settings unreadable after the script: {error!r})"]
    with open(out_path + ".lasting", "w", encoding="utf-8") as report:
        report.write("\n".join(lasting))
    with open(out_path + ".status", "w") as status:
        status.write(str(code))
    os._exit(code)


class Runner:
    """Runs scripts in parallel, isolated, with the heavy imports paid once."""

    def __init__(
        self,
        jobs: int | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        plain: bool = False,
    ) -> None:
        self.timeout = timeout
        self.plain = plain  # run `python script` in a fresh interpreter instead
        # The forkserver is one per process: its preload list is set once,
        # before its first child, and shared by every Runner.
        # Children inherit the forkserver's hash seed, fixed before it starts.
        os.environ.setdefault("PYTHONHASHSEED", FIXED_ENV["PYTHONHASHSEED"])
        self._context = multiprocessing.get_context("forkserver")
        self._context.set_forkserver_preload(list(PRELOAD))
        self.sandbox = sandbox()  # None: blocks run unsandboxed (README says when)
        if self.sandbox and not getattr(multiprocessing, "_sitegate_sandboxed", False):
            _sandbox_forkserver()  # before the forkserver starts: it is one per process
            multiprocessing._sitegate_sandboxed = True
        jobs = jobs or int(os.environ.get("SNIPPET_JOBS", "0")) or os.cpu_count() or 1
        self._pool = ThreadPoolExecutor(max_workers=jobs)
        self._futures: dict[str, Future] = {}
        self._tmp = Path(tempfile.mkdtemp(dir=base_folder()))

    def submit(self, code: str, name: str, timeout: float | None = None) -> Future:
        """Start running ``code`` saved as ``name``; same code runs only once."""
        key = hashlib.sha256(f"{name}\0{code}".encode()).hexdigest()[:16]
        if key not in self._futures:
            limit = timeout or self.timeout
            self._futures[key] = self._pool.submit(self._run, code, name, key, limit)
        return self._futures[key]

    def run(self, code: str, name: str, timeout: float | None = None) -> Result:
        """Run ``code`` saved as ``name`` and wait for its result."""
        return self.submit(code, name, timeout).result()

    def _run(self, code: str, name: str, key: str, timeout: float) -> Result:
        home = self._tmp / key
        workdir = home / "cwd"
        workdir.mkdir(parents=True)
        (home / "home").mkdir()  # the block's HOME and TMPDIR, removed with the run
        script = workdir / name
        script.write_text(code, encoding="utf-8")
        out, err = home / "stdout", home / "stderr"
        if self.plain:
            exitcode = self._run_plain(script, workdir, out, err, timeout)
        else:
            exitcode = self._run_forked(script, workdir, out, err, timeout)
        shutil.rmtree(home / "home", ignore_errors=True)  # nothing it left there survives
        files = {
            path.relative_to(workdir).as_posix(): path.read_bytes()
            for path in sorted(workdir.rglob("*"))
            if path.is_file() and path != script and "__pycache__" not in path.parts
        }
        lasting = out.with_name(out.name + ".lasting")
        stdout, problem = _read_output(out)
        full = [name for name, data in files.items() if len(data) >= FILE_LIMIT]
        if full and problem is None:  # the kernel cut the file at the limit
            problem = f"wrote {full[0]}, which reached the {FILE_LIMIT:,} bytes a file may have"
        stderr = err.read_bytes()[-OUTPUT_LIMIT:].decode("utf-8", errors="replace")
        return Result(
            stdout,
            stderr,
            exitcode,
            files,
            lasting.read_text(encoding="utf-8").splitlines() if lasting.exists() else [],
            problem,
            timeout,
        )

    def _run_forked(
        self, script: Path, workdir: Path, out: Path, err: Path, timeout: float
    ) -> int | None:
        """Fork a child of the forkserver; None if it outlived the time limit.

        Whatever the script started is stopped with it: the child leads its own
        process group, and the group is killed when the child ends or times out.
        """
        home = str(workdir.parent / "home")
        process = self._context.Process(
            target=_child, args=(str(script), str(workdir), str(out), str(err), home)
        )
        process.start()
        process.join(timeout)
        alive = process.is_alive()
        _stop_group(process.pid)
        process.join()
        if alive:
            return None
        status = out.with_name(out.name + ".status")
        if status.exists():  # written by the child itself just before it exits
            return int(status.read_text())
        return process.exitcode  # killed by a signal: negative

    def _run_plain(
        self, script: Path, workdir: Path, out: Path, err: Path, timeout: float
    ) -> int | None:
        """`python script` in a new interpreter, exactly as a reader runs it."""
        env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
        env.update(block_env(str(workdir.parent / "home")))
        with open(out, "wb") as stdout, open(err, "wb") as stderr:
            command = [sys.executable, script.name]
            if self.sandbox:
                command = sandboxed(command, [workdir.parent])
            process = subprocess.Popen(
                command,
                cwd=workdir,
                env=env,
                stdout=stdout,
                stderr=stderr,
                start_new_session=True,  # its own process group, stopped as a whole
                preexec_fn=_limit_files,
            )
            try:
                code = process.wait(timeout)
                if self.sandbox and 128 < code <= 128 + 64:
                    return 128 - code  # bwrap reports a child's death by signal N as 128 + N
                return code
            except subprocess.TimeoutExpired:
                return None
            finally:
                _stop_group(process.pid)
                process.wait()

    def close(self) -> None:
        """Stop the workers and remove the working directories."""
        self._pool.shutdown(wait=True, cancel_futures=True)
        shutil.rmtree(self._tmp, ignore_errors=True)
