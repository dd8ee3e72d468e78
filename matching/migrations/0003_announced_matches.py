from django.db import migrations, models
from django.db.models import F

# NOTIFY_THRESHOLD when this migration was written (migrations do not follow later tuning).
THRESHOLD = 0.63


def count_good_matches_as_announced(apps, schema_editor):
    """Good suggestions stored before every good match was announced (match --all, or risen
    past the threshold) would otherwise all be emailed at once on the first run after deploy,
    however old they are."""
    Match = apps.get_model("matching", "Match")
    Match.objects.filter(notified_at__isnull=True, score__gte=THRESHOLD).update(
        notified_at=F("updated_at")
    )


class Migration(migrations.Migration):
    dependencies = [
        ("matching", "0002_conversations"),
    ]

    operations = [
        migrations.AlterField(
            model_name="match",
            name="notified_at",
            field=models.DateTimeField(
                blank=True, db_index=True, null=True, verbose_name="notified at"
            ),
        ),
        migrations.RunPython(count_good_matches_as_announced, migrations.RunPython.noop),
    ]
