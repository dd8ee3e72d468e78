"""JSON as the API accepts it. NaN, Infinity and numbers beyond a float's range (1e309) are
not turned into floats: they reach the serializer as values no field accepts (numbers as exact
decimals), so that the answer is a 400 that names the field."""

import json
from decimal import Decimal

from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser


class JSONConstant:
    """NaN, Infinity or -Infinity as written: not a number, not a string, for any field."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __str__(self) -> str:
        return self.name


class StrictJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        encoding = (parser_context or {}).get("encoding", "utf-8")
        try:
            return json.loads(
                stream.read().decode(encoding), parse_constant=JSONConstant, parse_float=Decimal
            )
        except (ValueError, UnicodeDecodeError) as error:
            raise ParseError(
                _("The body is not valid JSON: %(error)s") % {"error": error}
            ) from None
