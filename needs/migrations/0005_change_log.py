from django.db import migrations

from core.changelog import record_access, record_changes, record_visibility

OF_MUNICIPALITY = "SELECT id, uuid FROM needs_need WHERE municipality_id = $1"


class Migration(migrations.Migration):
    """API clients' change feed of needs (core.api.feed): every change of a need; a person's
    view of a municipality's needs when they join or leave it; everyone's when the
    municipality's verification changes."""

    dependencies = [
        ("core", "0003_change_log_functions"),
        ("municipalities", "0003_municipality_uuid"),
        ("needs", "0004_external_id"),
    ]

    operations = [
        record_changes("needs_need", "needs"),
        record_access("needs", OF_MUNICIPALITY),
        record_visibility("needs", OF_MUNICIPALITY, "everyone"),
    ]
