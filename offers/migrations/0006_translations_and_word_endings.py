import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.db import migrations, models

import postings.models.search

TEXTS = [
    "title_en", "title_de", "title_uk", "title_fr", "title_pl",
    "description_en", "description_de", "description_uk", "description_fr", "description_pl",
    "unit",
]  # fmt: skip


class Migration(migrations.Migration):
    """Machine translation's bookkeeping (to be translated, since when); a search document that
    finds words inside words ("Betten" in "Krankenhausbetten") and the unit too; an index for
    the lists' default order (newest first).

    PostgreSQL cannot change a generated column's expression: it is dropped and added again
    (with its index); the new one is computed for every row as it is added."""

    dependencies = [
        ("offers", "0005_change_log"),
        ("postings", "0003_machine_translations"),
    ]

    operations = [
        migrations.AddField(
            model_name="offer",
            name="translation_pending",
            field=models.BooleanField(default=True, verbose_name="to be translated"),
        ),
        migrations.AddField(
            model_name="offer",
            name="translation_requested_at",
            field=models.DateTimeField(
                blank=True, null=True, verbose_name="translation requested at"
            ),
        ),
        migrations.AddIndex(
            model_name="offer",
            index=models.Index(
                condition=models.Q(("translation_pending", True)),
                fields=["translation_requested_at"],
                name="offer_translation_pending_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="offer",
            index=models.Index(fields=["-published_at", "-id"], name="offer_newest_idx"),
        ),
        migrations.RemoveIndex(model_name="offer", name="offer_search_idx"),
        migrations.RemoveField(model_name="offer", name="search_document"),
        migrations.AddField(
            model_name="offer",
            name="search_document",
            field=models.GeneratedField(
                db_persist=True,
                expression=django.contrib.postgres.search.CombinedSearchVector(
                    django.contrib.postgres.search.SearchVector(
                        *TEXTS, config="simple", weight="A"
                    ),
                    "||",
                    postings.models.search.WordEndings(*TEXTS, weight="D"),
                    django.contrib.postgres.search.SearchConfig("simple"),
                ),
                output_field=django.contrib.postgres.search.SearchVectorField(),
            ),
        ),
        migrations.AddIndex(
            model_name="offer",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["search_document"], name="offer_search_idx"
            ),
        ),
    ]
