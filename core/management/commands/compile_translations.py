"""Compile the project's .po catalogues to .mo in pure Python (no GNU gettext needed)."""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Compile locale/*/LC_MESSAGES/*.po into .mo files without GNU gettext."

    def handle(self, *args, **options) -> None:
        catalogues = sorted(
            po for locale_dir in settings.LOCALE_PATHS for po in Path(locale_dir).glob("*/*/*.po")
        )
        if not catalogues:
            raise CommandError("No .po catalogues found under LOCALE_PATHS.")
        for po_path in catalogues:
            try:
                catalogue = polib.pofile(str(po_path))
            except (OSError, ValueError) as error:
                raise CommandError(f"Cannot read {po_path}: {error}") from error
            catalogue.save_as_mofile(str(po_path.with_suffix(".mo")))
            self.stdout.write(f"compiled {po_path.relative_to(settings.BASE_DIR)}")
