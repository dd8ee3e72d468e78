from django.db import migrations

from postings.taxonomy_data import install_taxonomy


def install(apps, schema_editor):
    install_taxonomy(
        apps.get_model("postings", "Sector"),
        apps.get_model("postings", "Topic"),
        apps.get_model("postings", "HelpKind"),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("postings", "0001_taxonomy_history"),
    ]

    operations = [
        migrations.RunPython(install, migrations.RunPython.noop),
    ]
