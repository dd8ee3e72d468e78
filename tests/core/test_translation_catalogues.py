"""Every interface string is translated into uk, de, fr and pl, now and after makemessages."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings

LANGUAGES = ["uk", "de", "fr", "pl"]
SKIP = {".venv", ".local", ".git", "staticfiles", "node_modules", "__pycache__"}


def _incomplete(po_path: Path) -> list[str]:
    catalogue = polib.pofile(str(po_path))
    missing = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [f"fuzzy: {entry.msgid}" for entry in catalogue.fuzzy_entries()]
    return missing + fuzzy


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_committed_catalogue_is_complete(language):
    po_path = settings.BASE_DIR / "locale" / language / "LC_MESSAGES" / "django.po"
    assert _incomplete(po_path) == []


def test_makemessages_would_add_no_untranslated_string(tmp_path):
    if shutil.which("xgettext") is None:
        if os.environ.get("REQUIRE_GETTEXT"):
            pytest.fail("GNU gettext (xgettext) is required here but not installed.")
        pytest.skip("GNU gettext is not installed; `make messages` needs it.")
    copy = tmp_path / "project"
    shutil.copytree(
        settings.BASE_DIR, copy, ignore=lambda _dir, names: [n for n in names if n in SKIP]
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "makemessages", *[f"-l{code}" for code in LANGUAGES]],
        cwd=copy,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    problems = {
        language: _incomplete(copy / "locale" / language / "LC_MESSAGES" / "django.po")
        for language in LANGUAGES
    }
    assert problems == {language: [] for language in LANGUAGES}
