from django.core.management.base import BaseCommand

from cities4cities.demo.municipalities import DEMO_PASSWORD
from cities4cities.demo.seed import seed_demo


class Command(BaseCommand):
    help = "Load the demo municipalities, officials and admin (idempotent)."

    def handle(self, *args, **options) -> None:
        logins = seed_demo()
        self.stdout.write(self.style.SUCCESS("Demo data is in place. Demo logins:"))
        for email, role in logins:
            self.stdout.write(f"  {email:45} {role}")
        self.stdout.write(f"Password for every demo login: {DEMO_PASSWORD}")
        self.stdout.write(
            "The admin is asked to set up two-factor authentication (TOTP) on the first visit "
            "to /admin/."
        )
