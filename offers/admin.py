from django.contrib import admin

from offers.models import Offer
from postings.admin import PostingAdmin, posting_fieldsets


@admin.register(Offer)
class OfferAdmin(PostingAdmin):
    fieldsets = posting_fieldsets("available_until")
