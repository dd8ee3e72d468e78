"""The translation settings are checked as a deployment loads them: in a fresh process."""

import os
import subprocess
import sys

import pytest
from django.conf import settings

SETTINGS = ("TRANSLATION_BACKEND", "LIBRETRANSLATE_URL", "DEEPL_API_KEY")


def _check(**env: str) -> subprocess.CompletedProcess:
    clean = {key: value for key, value in os.environ.items() if key not in SETTINGS}
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=settings.BASE_DIR,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize(
    ("env", "complaint"),
    [
        ({"TRANSLATION_BACKEND": "google"}, "TRANSLATION_BACKEND must be"),
        ({"TRANSLATION_BACKEND": "libretranslate"}, "LIBRETRANSLATE_URL must be set"),
        ({"TRANSLATION_BACKEND": "deepl"}, "DEEPL_API_KEY must be set"),
    ],
)
def test_a_backend_without_what_it_needs_refuses_to_start(env, complaint):
    result = _check(**env)
    assert result.returncode != 0
    assert complaint in result.stderr


def test_no_translation_is_the_default_and_needs_nothing():
    assert settings.TRANSLATION_BACKEND == "none"
    assert _check().returncode == 0
