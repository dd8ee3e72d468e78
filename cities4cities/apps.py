from django.apps import AppConfig


class Cities4CitiesConfig(AppConfig):
    """The project package as an app, for commands that span every app (demo data)."""

    name = "cities4cities"
    verbose_name = "Cities4Cities"
