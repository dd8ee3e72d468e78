"""A real Celery worker, a real Redis: publish → task after commit → email sent by the worker."""

from pathlib import Path

import pytest

from core.models import OutgoingEmail
from municipalities import services
from municipalities.models import Membership
from tests.celery_worker import wait_for
from tests.factories import MembershipFactory, MunicipalityFactory, StaffFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_verification_email_goes_through_redis_and_a_real_worker(worker: Path):
    municipality = MunicipalityFactory(status="pending", name_en="Kropyvnytskyi")
    MembershipFactory(
        municipality=municipality, role=Membership.Role.MANAGER, user__email="iryna@kr.example"
    )
    services.municipality_verify(admin=StaffFactory(), municipality=municipality)

    email = OutgoingEmail.objects.get(to="iryna@kr.example")
    assert wait_for(lambda: OutgoingEmail.objects.get(pk=email.pk).status == "sent"), (
        OutgoingEmail.objects.get(pk=email.pk).__dict__
    )
    files = list(worker.iterdir())
    assert len(files) == 1
    assert "Kropyvnytskyi" in files[0].read_text()


def test_health_reports_the_running_worker(worker: Path, client):
    assert wait_for(lambda: client.get("/health/").json()["worker"] == "ok", timeout=30)
