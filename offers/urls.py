from offers.models import Offer
from postings.urls import posting_urls

app_name = "offers"

urlpatterns = posting_urls(Offer)
