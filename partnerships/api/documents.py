"""The signed agreement over the API: uploaded as the raw body (Content-Type: application/pdf,
or application/octet-stream for clients that know no better), downloaded as a PDF; errors stay
problem details in JSON."""

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.parsers import BaseParser
from rest_framework.renderers import BaseRenderer, JSONRenderer


class PDFParser(BaseParser):
    """The body as an uploaded file. One byte more than the limit is read, so that a larger
    document is refused as too large without reading it all."""

    media_type = "application/pdf"

    def parse(self, stream, media_type=None, parser_context=None) -> SimpleUploadedFile | None:
        if stream is None:
            return None
        content = stream.read(settings.PARTNERSHIP_AGREEMENT_MAX_BYTES + 1)
        if not content:
            return None
        return SimpleUploadedFile("agreement.pdf", content, content_type="application/pdf")


class BytesParser(PDFParser):
    """The same body sent as plain bytes; what it is, the content check decides."""

    media_type = "application/octet-stream"


class PDFRenderer(BaseRenderer):
    """Lets a client ask for `Accept: application/pdf`; the document itself is sent as a file
    response, so what this renders is an error, in JSON."""

    media_type = "application/pdf"
    format = "pdf"
    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None) -> bytes:
        return JSONRenderer().render(data, renderer_context=renderer_context)
