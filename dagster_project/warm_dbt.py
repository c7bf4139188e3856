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

from dagster_project.settings import WARM_DBT_SOCKET_ENV as SOCKET_ENV

# the dbt of this environment, whether or not its bin/ is on PATH
REAL_DBT = Path(sys.executable).parent / "dbt"
# how long the waiting process waits for its build before it exits on its own (a run that failed
# before its dbt step, or never reached it, also stops it: see started())
WAIT_SECONDS = 3600
# how long a build waits for a warm dbt that has not started listening yet (it binds its socket
# in a tenth of a second), before it runs a dbt of its own
START_SECONDS = 10
# dbt's exit codes, as its command line gives them: 1 for a build with failures, 2 for an error
EXIT_OK, EXIT_FAILURES, EXIT_ERROR = 0, 1, 2


@contextmanager
def started() -> Iterator[subprocess.Popen[bytes]]:
    """A warm dbt for the builds run inside this block (the client finds it through the
    environment); yields its process."""
    with tempfile.TemporaryDirectory(prefix="koperasi-dbt-") as folder:  # private: mode 0700
        address = str(Path(folder) / "dbt.sock")
        server = subprocess.Popen([sys.executable, "-m", "dagster_project.warm_dbt", "serve", address],
                                  stdin=subprocess.DEVNULL)
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
            server.wait()


def serve(address: str) -> int:
    """Import dbt, then run the one build a client hands over."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as listener:
        listener.bind(address)
        listener.listen(1)
        # what the build imports, ahead of it; after the socket, so that a client that comes
        # early waits for them instead of running a cold dbt of its own
        import dbt.adapters.duckdb.impl  # noqa: F401
        import dbt.task.build  # noqa: F401
        from dbt.cli.main import dbtRunner  # noqa: F401

        listener.settimeout(WAIT_SECONDS)
        try:
            connection, _ = listener.accept()
        except TimeoutError:
            return EXIT_OK
    with connection:
        request, descriptors = _receive(connection)
        connection.sendall(f"{os.getpid()}\n".encode())
        code = _build(request, descriptors)
        connection.sendall(f"{code}\n".encode())
    return EXIT_OK


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
    """Run the request's dbt command here, as `dbt` would in the client's place."""
    from dbt.cli.main import dbtRunner

    sys.stdout.flush()
    sys.stderr.flush()
    for descriptor, standard in zip(descriptors, (1, 2), strict=True):
        os.dup2(descriptor, standard)
        os.close(descriptor)
    os.environ.clear()
    os.environ.update(request["environment"])  # type: ignore[arg-type]
    os.chdir(str(request["directory"]))
    result = dbtRunner().invoke(list(request["arguments"]))  # type: ignore[call-overload]
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
    connection = _connect(address) if address and arguments[:1] == ["build"] else None
    if connection is None:
        os.execv(REAL_DBT, [str(REAL_DBT), *arguments])
    with connection:
        request = {"arguments": arguments, "environment": dict(os.environ), "directory": os.getcwd()}
        socket.send_fds(connection, [json.dumps(request).encode() + b"\n"], [1, 2])
        reader = connection.makefile("r", encoding="utf-8")
        server = int(reader.readline())
        # dagster-dbt stops a build by signalling its process: pass the signal on to the build
        for number in (signal.SIGINT, signal.SIGTERM):
            signal.signal(number, lambda received, _frame: os.kill(server, received))
        code = reader.readline()
    if not code:
        print("koperasi-dbt: the warm dbt process ended before its build did", file=sys.stderr)
        return EXIT_ERROR
    return int(code)


def _connect(address: str) -> socket.socket | None:
    """The warm dbt, or None where it has gone or served its one build. A process started a moment
    ago may not listen yet: its socket is waited for a little."""
    deadline = time.monotonic() + START_SECONDS
    while True:
        connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            connection.connect(address)
            return connection
        except FileNotFoundError:  # not listening yet
            connection.close()
            if time.monotonic() > deadline:
                return None
            time.sleep(0.05)
        except OSError:  # listened, and no longer does
            connection.close()
            return None


if __name__ == "__main__":
    if sys.argv[1:2] != ["serve"] or len(sys.argv) != 3:
        sys.exit(__doc__)
    sys.exit(serve(sys.argv[2]))
