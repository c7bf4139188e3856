"""Runs whose process is gone are marked failed, so they never block the queue.

A `make run` killed with `kill -9` leaves its Dagster run STARTED for ever: under `make dev`
the queue (one run at a time) then holds every new run, and the sensor waits for a run that
will never end. Dagster's run monitoring cannot help: the default run launcher does not support
its health checks, and `koperasi run` runs in-process, launched by no launcher at all.

Every run records the process it executes in: `koperasi run` tags its run with its pid and host,
and Dagster logs the pid of a daemon-launched run as it starts executing. A run in progress
whose process no longer exists on this host is abandoned: it is marked failed with a message
saying so. Builds call this once they hold the build lock, and so does the articles sensor.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Callable

import dagster as dg

PID_TAG = "koperasi/pid"
HOST_TAG = "koperasi/host"

_IN_PROGRESS = [dg.DagsterRunStatus.STARTING, dg.DagsterRunStatus.STARTED, dg.DagsterRunStatus.CANCELING]


def process_tags() -> dict[str, str]:
    """Tags naming the current process, for a run executed in it."""
    return {PID_TAG: str(os.getpid()), HOST_TAG: socket.gethostname()}


def run_pid(instance: dg.DagsterInstance, run: dg.DagsterRun) -> int | None:
    """The process a run executes in, if known on this host."""
    if PID_TAG in run.tags:
        return int(run.tags[PID_TAG]) if run.tags.get(HOST_TAG) == socket.gethostname() else None
    records = instance.get_records_for_run(run.run_id, of_type=dg.DagsterEventType.ENGINE_EVENT, limit=50).records
    for record in records:
        event = record.event_log_entry.dagster_event
        data = event.event_specific_data if event else None
        pid = getattr(data, "metadata", {}).get("pid") if data else None
        if pid is not None:
            return int(pid.value)
    return None


def process_exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a killed child its parent has not reaped yet still answers kill(0)
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return True


def fail_abandoned_runs(instance: dg.DagsterInstance, log: Callable[[str], None],
                        except_run_id: str | None = None) -> list[str]:
    """Mark failed every run in progress whose process is gone; returns their ids."""
    failed = []
    for run in instance.get_runs(dg.RunsFilter(statuses=_IN_PROGRESS)):
        if run.run_id == except_run_id:
            continue
        pid = run_pid(instance, run)
        if pid is None or pid == os.getpid() or process_exists(pid):
            continue
        message = (f"Run {run.run_id} was still marked {run.status.value}, but its process (pid {pid}) is "
                   "gone (killed?): marked failed. The published warehouse was not changed by it.")
        instance.report_run_failed(run, message)
        log(message)
        failed.append(run.run_id)
    return failed
