from django.contrib import admin

from offers.models import Offer
from postings.admin import PostingAdmin

admin.site.register(Offer, PostingAdmin)
