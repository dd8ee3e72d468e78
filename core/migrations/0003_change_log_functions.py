from django.db import migrations

from core.changelog import DROP_FUNCTIONS, FUNCTIONS


class Migration(migrations.Migration):
    """The numbering sequence of the change log, its purge horizon, and the trigger functions
    the apps' migrations attach to their tables."""

    dependencies = [("core", "0002_change_log_idempotency")]

    operations = [
        migrations.RunSQL(
            "CREATE SEQUENCE core_change_seq", reverse_sql="DROP SEQUENCE core_change_seq"
        ),
        migrations.RunSQL(
            "INSERT INTO core_changehorizon (id, purged_through) VALUES (1, 0)",
            reverse_sql="DELETE FROM core_changehorizon",
        ),
        migrations.RunSQL(FUNCTIONS, reverse_sql=DROP_FUNCTIONS),
    ]
