"""Numbers as people write them in the reader's language: "1,5", "12.500", "20" (not "20.00")."""

from decimal import Decimal, InvalidOperation

from django.utils import formats

MAX_PLACES = 2  # what the quantity columns hold


def localized_number(value) -> str:
    """A number in the active language's way, without trailing zeros; "" for None."""
    if value is None or value == "":
        return ""
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    if not number.is_finite():
        return str(value)
    places = min(MAX_PLACES, max(0, -number.normalize().as_tuple().exponent))
    return formats.number_format(number, decimal_pos=places, use_l10n=True, force_grouping=True)
