from offers.models import Offer
from postings.api import posting_api

OfferSerializer, OfferViewSet = posting_api(Offer)

ROUTES = [("offers", OfferViewSet, "offer")]
EXTRA_PATHS: list = []
