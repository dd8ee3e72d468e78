import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    """Messages in the languages of the people in the conversation: the translations, the
    language a message is written in, and when its email went out. Messages sent before are
    announced already (their emails went out when they were sent)."""

    dependencies = [
        ("matching", "0005_change_log"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="MessageTranslation",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
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
                (
                    "created_at",
                    models.DateTimeField(auto_now_add=True, verbose_name="translated at"),
                ),
            ],
            options={
                "verbose_name": "translation of a message",
                "verbose_name_plural": "translations of messages",
            },
        ),
        migrations.AddField(
            model_name="message",
            name="announced_at",
            field=models.DateTimeField(
                blank=True,
                null=True,
                default=django.utils.timezone.now,
                verbose_name="announced at",
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="message",
            name="language",
            field=models.CharField(
                blank=True,
                choices=[
                    ("en", "English"),
                    ("de", "German"),
                    ("uk", "Ukrainian"),
                    ("fr", "French"),
                    ("pl", "Polish"),
                ],
                max_length=8,
                verbose_name="written in",
            ),
        ),
        migrations.AddIndex(
            model_name="message",
            index=models.Index(
                condition=models.Q(("announced_at__isnull", True)),
                fields=["created_at"],
                name="message_unannounced_idx",
            ),
        ),
        migrations.AddField(
            model_name="messagetranslation",
            name="message",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="translations",
                to="matching.message",
                verbose_name="message",
            ),
        ),
        migrations.AddConstraint(
            model_name="messagetranslation",
            constraint=models.UniqueConstraint(
                fields=("message", "language"), name="message_translation_one_per_language"
            ),
        ),
    ]
