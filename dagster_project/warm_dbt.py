"""A dbt that has already started: the build's dbt imported while the run does other work.

Importing dbt-core and its DuckDB adapter takes about 4 s, and `koperasi run` used to pay it only
when the dbt step began, after Dagster's own imports (about 5 s) and the raw assets. On two cores
the two can overlap: `koperasi run` starts a *warm dbt* process first (`started()`), which imports
dbt and waits on a private socket; dagster-dbt's resource runs `koperasi-dbt` (`client()`) as its
dbt executable, which hands the build's arguments, environment, working directory and standard
output to the waiting process and exits with its exit code. The waiting process then runs exactly
what `dbt build ...` would (dbt's own `dbtRunner`, in a process of its own, once) and writes
dbt's output to dagster-dbt's pipe itself.

Only a `build` goes to the warm process, and only one: anything else, or no warm process (the
Dagster UI, the sensor, a second build), runs the real `dbt` in place of the client, so the
client is always a dbt.

    python -m dagster_project.warm_dbt serve SOCKET     the waiting process (started() starts it)
"""

from __future__ import annotations

import ctypes
import gc
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NoReturn

from dagster_project.settings import DBT_EXECUTABLE as REAL_DBT
from dagster_project.settings import WARM_DBT_SOCKET_ENV as SOCKET_ENV

# how long the waiting process waits for its build before it exits on its own (a run that failed
# before its dbt step, or never reached it, also stops it: see started())
WAIT_SECONDS = 3600
# how long a build waits for a warm dbt that has not started listening yet (it binds its socket
# in a tenth of a second), before it runs a dbt of its own
START_SECONDS = 10
# how long a run that ends waits for its warm dbt to stop on SIGTERM before it kills it
STOP_SECONDS = 10
# dbt's exit codes, as its command line gives them: 1 for a build with failures, 2 for an error
EXIT_OK, EXIT_FAILURES, EXIT_ERROR = 0, 1, 2
EXIT_UNUSED = 3  # the warm dbt's own: it ran no build
PR_SET_PDEATHSIG = 1  # linux/prctl.h


@contextmanager
def started() -> Iterator[subprocess.Popen[bytes]]:
    """A warm dbt for the builds run inside this block (the client finds it through the
    environment); yields its process."""
    with tempfile.TemporaryDirectory(prefix="koperasi-dbt-") as folder:  # private: mode 0700
        address = str(Path(folder) / "dbt.sock")
        # -P: not the working directory first on its path (the real dbt script does not have it
        # either; at the repository's root it would add the dbt project folder to the dbt package).
        # A session of its own: a terminal's Ctrl-C reaches it only through the client, as dbt's.
        server = subprocess.Popen([sys.executable, "-P", "-m", "dagster_project.warm_dbt", "serve", address],
                                  stdin=subprocess.DEVNULL, start_new_session=True)
        previous = os.environ.get(SOCKET_ENV)
        os.environ[SOCKET_ENV] = address
        try:
            yield server
        finally:
            if previous is None:
                os.environ.pop(SOCKET_ENV, None)
            else:
                os.environ[SOCKET_ENV] = previous
            if server.poll() is None:  # never reached (or still running after a failure): stop it
                server.terminate()
                try:
                    server.wait(timeout=STOP_SECONDS)
                except subprocess.TimeoutExpired:
                    server.kill()
            server.wait()


def serve(address: str) -> int:
    """Import dbt, then run the one build a client hands over; exit 0 once it has run, 3 when none
    came."""
    _end_with_parent()
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as listener:
            listener.bind(address)
            listener.listen(1)
            # what the build imports, ahead of it; after the socket, so that a client that comes
            # early waits for them instead of running a cold dbt of its own
            gc.disable()  # no collection walks the objects of the imports as they come
            import dbt.adapters.duckdb.impl  # noqa: F401
            import dbt.task.build  # noqa: F401
            from dbt.cli.main import dbtRunner  # noqa: F401

            gc.freeze()  # nor later: the build's collections walk only what the build makes
            gc.enable()

            listener.settimeout(WAIT_SECONDS)
            try:
                connection, _ = listener.accept()
            except TimeoutError:
                return EXIT_UNUSED
        with connection:
            request, descriptors = _receive(connection)
            connection.sendall(f"{os.getpid()}\n".encode())
            code = _build(request, descriptors)
            connection.sendall(f"{code}\n".encode())
    except (KeyboardInterrupt, BrokenPipeError, ConnectionError):  # stopped, or its client went away
        return EXIT_UNUSED
    return EXIT_OK


def _end_with_parent() -> None:
    """Have the kernel stop this process when the run that started it dies, however it dies
    (a `kill -9` runs no `finally`): a warm dbt left waiting would hold the run's terminal."""
    # SIGTERM stops it even where the run was started with SIGTERM ignored (a background job of
    # some shells), which its children inherit: both started() and the kernel's signal send it
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    parent = os.getppid()
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):  # not Linux: it still exits after WAIT_SECONDS
        pass
    if os.getppid() != parent:  # the parent died before the request took effect
        sys.exit(EXIT_UNUSED)


def _receive(connection: socket.socket) -> tuple[dict[str, object], list[int]]:
    """The client's request (JSON, one line) and its stdout and stderr descriptors."""
    message, descriptors, _, _ = socket.recv_fds(connection, 1 << 20, 2)
    while not message.endswith(b"\n"):
        more = connection.recv(1 << 20)
        if not more:
            raise ConnectionError("the dbt client went away before its request was whole")
        message += more
    return json.loads(message), descriptors


def _build(request: dict[str, object], descriptors: list[int]) -> int:
    """Run the request's dbt command here, as `dbt` would in the client's place: its arguments,
    environment (dagster-dbt passes its settings there: the target path, the log format, the
    warehouse of the build), working directory and standard output."""
    from dbt.cli.main import dbtRunner

    sys.stdout.flush()
    sys.stderr.flush()
    for descriptor, standard in zip(descriptors, (1, 2), strict=True):
        os.dup2(descriptor, standard)
        os.close(descriptor)
    # a pipe, not a terminal: line by line, as the PYTHONUNBUFFERED dagster-dbt sets would have it
    sys.stdout.reconfigure(line_buffering=True)
    sys.stderr.reconfigure(line_buffering=True)
    os.environ.clear()
    os.environ.update(request["environment"])  # type: ignore[arg-type]
    os.chdir(str(request["directory"]))
    arguments = list(request["arguments"])  # type: ignore[call-overload]
    sys.argv = ["dbt", *arguments]  # dbt records its command line (run_results.json's args)
    result = dbtRunner().invoke(arguments)
    sys.stdout.flush()
    sys.stderr.flush()
    if result.success:
        return EXIT_OK
    if result.exception is None:  # the build ran, some nodes failed: dbt's ResultExit
        return EXIT_FAILURES
    print(f"dbt: {type(result.exception).__name__}: {result.exception}", file=sys.stderr, flush=True)
    return EXIT_ERROR


def client() -> int:
    """`koperasi-dbt ARGS`: `dbt ARGS`, run by the warm dbt when there is one for a build."""
    arguments = sys.argv[1:]
    address = os.environ.get(SOCKET_ENV)
    if not address or arguments[:1] != ["build"]:
        _run_dbt_here(arguments)
    connection = _connect(address)
    if connection is None:
        print(f"koperasi-dbt: no warm dbt at {address}: starting dbt", file=sys.stderr, flush=True)
        _run_dbt_here(arguments)
    with connection:
        reader = connection.makefile("r", encoding="utf-8")
        try:
            request = {"arguments": arguments, "environment": dict(os.environ), "directory": os.getcwd()}
            socket.send_fds(connection, [json.dumps(request).encode() + b"\n"], [1, 2])
            server = int(reader.readline())
        except (OSError, ValueError):  # it went away before taking the build: nothing has run yet
            print("koperasi-dbt: the warm dbt went away: starting dbt", file=sys.stderr, flush=True)
            _run_dbt_here(arguments)
        # dagster-dbt stops a build by signalling its process: pass the signal on to the build
        for number in (signal.SIGINT, signal.SIGTERM):
            signal.signal(number, lambda received, _frame: os.kill(server, received))
        code = reader.readline()
    if not code:
        print("koperasi-dbt: the warm dbt process ended before its build did", file=sys.stderr)
        return EXIT_ERROR
    return int(code)


def _run_dbt_here(arguments: list[str]) -> NoReturn:
    os.execv(REAL_DBT, [str(REAL_DBT), *arguments])


def _connect(address: str) -> socket.socket | None:
    """The warm dbt, or None where it has gone or served its one build. A process started a moment
    ago may not listen yet: its socket is waited for a little, while its folder exists."""
    deadline = time.monotonic() + START_SECONDS
    while True:
        connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            connection.connect(address)
            return connection
        except FileNotFoundError:  # not listening yet, or its run is over
            connection.close()
            if time.monotonic() > deadline or not Path(address).parent.is_dir():
                return None
            time.sleep(0.05)
        except OSError:  # listened, and no longer does
            connection.close()
            return None


if __name__ == "__main__":
    if sys.argv[1:2] != ["serve"] or len(sys.argv) != 3:
        sys.exit(__doc__)
    sys.exit(serve(sys.argv[2]))
