"""The signed agreement: a PDF, checked by its content, no larger than the limit, stored out of
public reach and served only to the members' officials and staff."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from partnerships.models import Partnership
from tests.admin_forms import admin_form_data

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64


def _upload(client: Client, partnership: Partnership, content: bytes, name: str = "agreement.pdf"):
    document = SimpleUploadedFile(name, content, content_type="application/pdf")
    return client.post(
        f"/en/partnerships/{partnership.uuid}/agreement/upload/",
        {"document": document},
        follow=True,
    )


def _stored(settings) -> list[Path]:
    return [path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file()]


def test_a_manager_uploads_the_agreement_and_members_download_it(
    manager_client, outsider_client, twinning, pdf, settings
):
    page = _upload(manager_client, twinning, pdf).content.decode()
    assert "The agreement is stored." in page
    twinning.refresh_from_db()
    (stored,) = _stored(settings)
    assert stored.read_bytes() == pdf
    assert stored.name not in page, "the file is linked only through the checked download"
    for client in (manager_client, outsider_client):
        response = client.get(f"/en/partnerships/{twinning.uuid}/agreement/")
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].startswith("attachment;")
        assert response["Cache-Control"] == "private, no-store"
        assert b"".join(response.streaming_content) == pdf


@pytest.mark.parametrize(
    ("content", "name"),
    [
        pytest.param(PNG, "agreement.png", id="an image"),
        pytest.param(
            b"Partnership agreement\nsigned 11 September 2023\n",
            "agreement.pdf",
            id="a renamed text",
        ),
        pytest.param(
            b"%PDF-1.7\nand then nothing a PDF has", "agreement.pdf", id="a PDF header only"
        ),
        pytest.param(b"", "agreement.pdf", id="nothing"),
    ],
)
def test_anything_but_a_pdf_is_refused(manager_client, twinning, content, name, settings):
    page = _upload(manager_client, twinning, content, name).content.decode()
    assert "not a PDF document" in page or "The submitted file is empty." in page
    twinning.refresh_from_db()
    assert not twinning.agreement
    assert _stored(settings) == []


def test_a_document_over_the_limit_is_refused(manager_client, twinning, pdf, settings):
    settings.PARTNERSHIP_AGREEMENT_MAX_BYTES = len(pdf) - 1
    page = _upload(manager_client, twinning, pdf).content.decode()
    assert "The document is too large" in page
    assert _stored(settings) == []


def test_a_new_agreement_replaces_the_old_one_and_removing_deletes_it(
    manager_client, twinning, pdf, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _upload(manager_client, twinning, pdf)
        _upload(manager_client, twinning, pdf.replace(b"/Count 0", b"/Count 1"))
    (stored,) = _stored(settings)
    assert b"/Count 1" in stored.read_bytes()
    with django_capture_on_commit_callbacks(execute=True):
        page = manager_client.post(
            f"/en/partnerships/{twinning.uuid}/agreement/upload/", {"remove": "1"}, follow=True
        ).content.decode()
    assert "The agreement is removed." in page
    assert _stored(settings) == []
    assert manager_client.get(f"/en/partnerships/{twinning.uuid}/agreement/").status_code == 404


def test_an_official_may_not_upload(official_client, twinning, pdf, settings):
    response = _upload(official_client, twinning, pdf)
    assert response.status_code == 403
    assert _stored(settings) == []


def test_the_admin_checks_the_document_too(staff_client, twinning, settings):
    url = f"/en/admin/partnerships/partnership/{twinning.pk}/change/"
    data = admin_form_data(staff_client.get(url))
    data["agreement"] = SimpleUploadedFile("agreement.pdf", b"not a pdf at all")
    response = staff_client.post(url, data)
    assert response.status_code == 200
    assert "This is not a PDF document." in response.content.decode()
    assert _stored(settings) == []
