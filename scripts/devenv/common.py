"""What every part of the launcher shares: where things live, its error, its voice."""

from __future__ import annotations

import importlib
import sys
import warnings
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]
LOCAL = ROOT / ".local"
DB_NAME = "cities4cities"
STOP_TIMEOUT = 10.0
PY = sys.executable


class ServiceError(Exception):
    """A service is missing or unusable; the message tells the developer what to do."""


def say(message: str) -> None:
    # stderr, so that stdout of `env` stays eval-able
    print(f"devenv: {message}", file=sys.stderr, flush=True)


def lazy_import(module: str) -> ModuleType:
    """Import a dev dependency when first needed: the launcher itself imports only the stdlib."""
    try:
        with warnings.catch_warnings():
            # platformdirs warns when XDG_RUNTIME_DIR is unset; pgserver copes with that.
            warnings.simplefilter("ignore")
            return importlib.import_module(module)
    except ImportError:
        raise ServiceError(
            f"Python package {module} is missing: install the dev dependencies "
            f"(make .venv/.installed, or pip install --require-hashes -r requirements-dev.lock)"
        ) from None
