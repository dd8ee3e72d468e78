from needs.models import Need
from postings.urls import posting_urls

app_name = "needs"

urlpatterns = posting_urls(Need)
