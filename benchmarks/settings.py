"""Settings of the gunicorn that benchmarks/bench_api.py starts: the real ones, with DEBUG off
(as in production: no query log), the bare comparison view added to the URLs, and cache keys
of its own (its rate-limit counters never meet a development server's)."""

import warnings

from cities4cities.settings import *  # noqa: F403
from cities4cities.settings import CACHES

DEBUG = False
ROOT_URLCONF = "benchmarks.urls"
CACHES = {"default": {**CACHES["default"], "KEY_PREFIX": "c4c-bench"}}

# WhiteNoise looks for collected static files, which a benchmark does not need.
warnings.filterwarnings("ignore", "No directory at", UserWarning)
