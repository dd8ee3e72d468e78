from django.db import migrations

from core.changelog import record_changes


class Migration(migrations.Migration):
    """API clients' change feed of partnerships (core.api.feed): a partnership changes with its
    members."""

    dependencies = [
        ("core", "0003_change_log_functions"),
        ("partnerships", "0001_initial"),
    ]

    operations = [
        record_changes("partnerships_partnership", "partnerships"),
        record_changes(
            "partnerships_partnershipmember",
            "partnerships",
            object_of="SELECT id, uuid FROM partnerships_partnership WHERE id = child.partnership_id",
        ),
    ]
