from django.db import migrations

from core.changelog import record_access, record_changes


class Migration(migrations.Migration):
    """API clients' change feed of municipalities (core.api.feed): their changes, and a person's
    view of one when they join or leave it (a pending municipality is its members' alone)."""

    dependencies = [
        ("core", "0003_change_log_functions"),
        ("municipalities", "0003_municipality_uuid"),
    ]

    operations = [
        record_changes("municipalities_municipality", "municipalities"),
        record_access(
            "municipalities", "SELECT id, uuid FROM municipalities_municipality WHERE id = $1"
        ),
    ]
