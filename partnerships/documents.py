"""Agreement documents: PDF only, checked by their content rather than by their name or the
type the browser claims, and no larger than PARTNERSHIP_AGREEMENT_MAX_BYTES."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

# "%PDF-1.7" or "%PDF-2.0" at the very start (we do not accept junk before the header).
HEADER = re.compile(rb"%PDF-[12]\.\d")
# The first object ("1 0 obj") follows the header within the first few kilobytes.
HEAD_BYTES = 4096
OBJECT = re.compile(rb"\d+\s+\d+\s+obj\b")
# The end of a PDF: a cross-reference pointer and the end-of-file marker, within the last
# kilobyte (incremental updates and trailing whitespace included).
TAIL_BYTES = 1024


def _ends(file) -> tuple[bytes, bytes]:
    """The first and the last bytes of the file, without reading what lies between."""
    file.seek(0)
    head = file.read(HEAD_BYTES)
    file.seek(max(file.size - TAIL_BYTES, 0))
    tail = file.read(TAIL_BYTES)
    file.seek(0)
    return head, tail


def looks_like_pdf(head: bytes, tail: bytes) -> bool:
    """As far as a minimal check goes: the header, an object right after it, and the trailer's
    startxref and %%EOF at the end. A renamed text or image fails it."""
    return (
        HEADER.match(head) is not None
        and OBJECT.search(head) is not None
        and b"startxref" in tail
        and b"%%EOF" in tail
    )


def validate_agreement(file) -> None:
    """For a newly uploaded file only: a stored one was checked when it came."""
    if getattr(file, "_committed", False):
        return
    limit = settings.PARTNERSHIP_AGREEMENT_MAX_BYTES
    if file.size > limit:
        raise ValidationError(
            _("The document is too large: at most %(limit)s.") % {"limit": filesizeformat(limit)},
            code="too_large",
        )
    if not looks_like_pdf(*_ends(file)):
        raise ValidationError(
            _("This is not a PDF document. Please upload the agreement as a PDF."),
            code="not_pdf",
        )


def agreement_download(partnership, *, allowed: bool) -> FileResponse:
    """The signed agreement as an attachment, never cached by a proxy; 404 for whoever may
    not see it (`allowed`: the members' officials and staff) and where there is none."""
    if not allowed or not partnership.agreement:
        raise Http404
    try:
        document = partnership.agreement.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        document,
        as_attachment=True,
        filename=f"agreement-{partnership.uuid}.pdf",
        content_type="application/pdf",
    )
    response["Cache-Control"] = "private, no-store"
    return response
