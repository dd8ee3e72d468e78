"""A throw-away database for one evaluation or benchmark run, never the main one.

The default connection is swapped for one to a new database (created and migrated with
Django's test-database machinery, under a unique name) and swapped back afterwards, so the
main database, and a test's open transaction on it, are never touched; the database is dropped
even when the run fails.
"""

import copy
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from django.contrib.contenttypes.models import ContentType
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.utils import load_backend

from matching import search_index
from matching.engine import pipeline


@contextmanager
def scratch_database(prefix: str) -> Iterator[str]:
    """Run the block against a new, migrated database; drop it afterwards. Yields its name."""
    original = connections[DEFAULT_DB_ALIAS]
    settings_dict = copy.deepcopy(original.settings_dict)
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    settings_dict["TEST"] = {**settings_dict.get("TEST", {}), "NAME": name, "MIGRATE": True}
    scratch = load_backend(settings_dict["ENGINE"]).DatabaseWrapper(settings_dict, DEFAULT_DB_ALIAS)
    old_name = settings_dict["NAME"]
    connections[DEFAULT_DB_ALIAS] = scratch
    _forget_cached_rows()
    try:
        scratch.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
        yield name
    finally:
        try:
            scratch.creation.destroy_test_db(old_name, verbosity=0)
        finally:
            connections[DEFAULT_DB_ALIAS] = original
            _forget_cached_rows()


def _forget_cached_rows() -> None:
    """Caches that hold primary keys or rows of the other database."""
    ContentType.objects.clear_cache()
    pipeline.forget_index_cache()
    search_index.forget()
