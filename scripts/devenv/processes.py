"""Child processes: spawning, supervising and stopping them, and the signals that stop them."""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import subprocess
import time
from collections.abc import Iterator, Mapping

from devenv.common import ROOT, STOP_TIMEOUT, say


class Interrupted(Exception):
    """SIGINT or SIGTERM arrived."""


def exit_code(returncode: int) -> int:
    """A child's return code as a shell would report it (killed by signal N -> 128 + N)."""
    return 128 - returncode if returncode < 0 else returncode


def die_with_launcher() -> None:
    """In a child, before exec: get SIGTERM if the launcher dies, even by SIGKILL (Linux only)."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None).prctl(1, signal.SIGTERM)  # 1 = PR_SET_PDEATHSIG


def spawn(
    args: list[str], *, env: Mapping[str, str] | None = None, tied: bool = True
) -> subprocess.Popen:
    """Start a child in its own session: Ctrl-C reaches only the launcher, which stops the
    children in order. A tied child also gets SIGTERM when the launcher dies."""
    return subprocess.Popen(  # noqa: S603
        args,
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
        preexec_fn=die_with_launcher if tied else None,
    )


def call(args: list[str], env: Mapping[str, str]) -> int:
    return exit_code(subprocess.call(args, cwd=ROOT, env=env))  # noqa: S603


def terminate(proc: subprocess.Popen, timeout: float = STOP_TIMEOUT, name: str = "") -> int:
    """SIGTERM, then SIGKILL to the whole process group after `timeout` (or once it exited)."""
    if proc.poll() is None:
        proc.terminate()
    return reap(proc, timeout, name)


def reap(proc: subprocess.Popen, timeout: float, name: str = "") -> int:
    try:
        proc.wait(timeout)
    except subprocess.TimeoutExpired:
        say(f"{name or proc.args[0]} did not stop in time; killing it")
    # Leftovers in its group (prefork pool, autoreloader child) go too.
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)
    return proc.wait()


def supervise(commands: Mapping[str, list[str]], env: Mapping[str, str], *, url: str) -> int:
    """Run the commands side by side until Ctrl-C (exit 0) or until one of them exits (non-zero)."""
    children: dict[str, subprocess.Popen] = {}
    try:
        for name, args in commands.items():
            children[name] = spawn(args, env=env)
        say(f"Cities4Cities is running at {url}  (Ctrl-C stops everything)")
        while True:
            for name, proc in children.items():
                if proc.poll() is not None:
                    say(f"{name} exited (code {exit_code(proc.returncode)}); stopping the rest")
                    return exit_code(proc.returncode) or 1
            time.sleep(0.3)
    except Interrupted:
        say("stopping")
        return 0
    finally:
        ignore_signals()
        stop_all(children)


def stop_all(children: Mapping[str, subprocess.Popen]) -> None:
    for proc in children.values():
        if proc.poll() is None:
            proc.terminate()
    deadline = time.monotonic() + STOP_TIMEOUT
    for name, proc in children.items():
        reap(proc, max(0.1, deadline - time.monotonic()), name)


def ignore_signals() -> None:
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, signal.SIG_IGN)


@contextlib.contextmanager
def stop_on_signals() -> Iterator[None]:
    """Turn the first SIGINT/SIGTERM into Interrupted; ignore later ones so cleanup can finish."""

    def handler(signum: int, frame: object) -> None:
        ignore_signals()
        raise Interrupted(signal.Signals(signum).name)

    previous = {sig: signal.signal(sig, handler) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)
