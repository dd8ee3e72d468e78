from django.db import migrations

from core.changelog import record_access, record_changes, record_visibility

OF_MUNICIPALITY = "SELECT id, uuid FROM offers_offer WHERE municipality_id = $1"


class Migration(migrations.Migration):
    """API clients' change feed of offers (core.api.feed): every change of a offer; a person's
    view of a municipality's offers when they join or leave it; everyone's when the
    municipality's verification changes."""

    dependencies = [
        ("core", "0003_change_log_functions"),
        ("municipalities", "0003_municipality_uuid"),
        ("offers", "0004_external_id"),
    ]

    operations = [
        record_changes("offers_offer", "offers"),
        record_access("offers", OF_MUNICIPALITY),
        record_visibility("offers", OF_MUNICIPALITY, "everyone"),
    ]
