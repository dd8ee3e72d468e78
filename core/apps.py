from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Cross-cutting pieces every app may use: health, mail, language, layout."""

    name = "core"
