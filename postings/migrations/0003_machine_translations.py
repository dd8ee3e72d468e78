import django.contrib.postgres.indexes
import django.contrib.postgres.search
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import postings.models.search


class Migration(migrations.Migration):
    """Machine translations of needs and offers, searchable like the postings' own texts (with
    the SQL function that makes the endings of words searchable)."""

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("postings", "0002_taxonomy"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name="postingchange",
            name="action",
            field=models.CharField(
                choices=[
                    ("created", "created"),
                    ("edited", "edited"),
                    ("submitted", "submitted for approval"),
                    ("published", "published"),
                    ("confirmed", "confirmed as still current"),
                    ("covered", "coverage recorded"),
                    ("fulfilled", "marked fulfilled"),
                    ("withdrawn", "withdrawn"),
                    ("expired", "expired"),
                    ("reminded", "reminder sent"),
                    ("hidden", "hidden by a moderator"),
                    ("restored", "restored by a moderator"),
                    ("corrected", "machine translation corrected"),
                ],
                max_length=16,
                verbose_name="action",
            ),
        ),
        migrations.RunSQL(
            postings.models.search.WORD_ENDINGS_FUNCTION,
            reverse_sql=postings.models.search.DROP_WORD_ENDINGS_FUNCTION,
        ),
        migrations.CreateModel(
            name="PostingTranslation",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("object_id", models.PositiveBigIntegerField()),
                (
                    "field",
                    models.CharField(
                        choices=[
                            ("title", "title"),
                            ("description", "description"),
                            ("logistics", "delivery and logistics"),
                            ("unit", "unit"),
                        ],
                        max_length=16,
                        verbose_name="text",
                    ),
                ),
                (
                    "language",
                    models.CharField(
                        choices=[
                            ("en", "English"),
                            ("de", "German"),
                            ("uk", "Ukrainian"),
                            ("fr", "French"),
                            ("pl", "Polish"),
                        ],
                        max_length=8,
                        verbose_name="language",
                    ),
                ),
                ("text", models.TextField(max_length=5000, verbose_name="translation")),
                ("source", models.CharField(max_length=64, verbose_name="digest of the original")),
                ("machine", models.BooleanField(default=True, verbose_name="machine translated")),
                (
                    "corrected_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="corrected at"),
                ),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated at")),
                (
                    "search_document",
                    models.GeneratedField(
                        db_persist=True,
                        expression=django.contrib.postgres.search.CombinedSearchVector(
                            django.contrib.postgres.search.SearchVector(
                                "text", config="simple", weight="A"
                            ),
                            "||",
                            postings.models.search.WordEndings("text", weight="D"),
                            django.contrib.postgres.search.SearchConfig("simple"),
                        ),
                        output_field=django.contrib.postgres.search.SearchVectorField(),
                    ),
                ),
                (
                    "content_type",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, to="contenttypes.contenttype"
                    ),
                ),
                (
                    "corrected_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="corrected by",
                    ),
                ),
            ],
            options={
                "verbose_name": "translation",
                "verbose_name_plural": "translations",
                "indexes": [
                    django.contrib.postgres.indexes.GinIndex(
                        fields=["search_document"], name="posting_translation_search_idx"
                    )
                ],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("content_type", "object_id", "field", "language"),
                        name="posting_translation_one_per_text",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("text", ""), _negated=True),
                        name="posting_translation_not_empty",
                    ),
                ],
            },
        ),
    ]
