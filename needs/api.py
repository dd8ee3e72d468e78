from needs.models import Need
from postings.api import posting_api

NeedSerializer, NeedViewSet = posting_api(Need)

ROUTES = [("needs", NeedViewSet, "need")]
EXTRA_PATHS: list = []
