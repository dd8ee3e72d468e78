"""Schemathesis over every operation of the API, in-process against the WSGI app: valid and
invalid requests generated from the OpenAPI schema; no answer may be a 5xx or disagree with
the schema (status codes, content types, bodies)."""

import json

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, settings
from rest_framework.utils.encoders import JSONEncoder
from schemathesis.specs.openapi.checks import positive_data_acceptance

from tests.api.clients import token_client
from tests.factories import MatchFactory, NeedFactory, OfferFactory, PartnershipFactory

EXAMPLES_PER_OPERATION = 25

# As /api/v1/schema/ serves it: JSON, so its Decimal bounds become numbers.
SCHEMA = json.loads(
    json.dumps(SchemaGenerator().get_schema(request=None, public=True), cls=JSONEncoder)
)
schema = schemathesis.openapi.from_dict(SCHEMA)
schema.app = get_wsgi_application()
schema.config.generation.update(max_examples=EXAMPLES_PER_OPERATION)


@pytest.fixture
def _connection_kept():
    """The WSGI handler closes the database connection around each request (and with it the
    test's transaction); Django's test client keeps it open the same way."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def headers(_connection_kept, db, municipality, official, offering) -> dict[str, str]:
    """An official's token, of a city that has needs, offers, a match and a partnership, so
    that valid requests also reach real objects."""
    need = NeedFactory(municipality=municipality, contact=official)
    MatchFactory(need=need, offer=OfferFactory(municipality=offering))
    PartnershipFactory(members=[municipality, offering])
    authorization = token_client(official)._credentials["HTTP_AUTHORIZATION"]
    return {"Authorization": authorization, "Host": "localhost"}


@schema.parametrize()
# The data is made once per operation and shared by its generated requests, on purpose.
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_every_operation_answers_as_its_schema_says(case, headers):
    # Schema-valid is not always valid: a slug that names no sector, a topic of another
    # sector, a date in the past are 400s the schema cannot express.
    case.call_and_validate(headers=headers, excluded_checks=[positive_data_acceptance])
