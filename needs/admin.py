from django.contrib import admin

from needs.models import Need
from postings.admin import PostingAdmin, posting_fieldsets


@admin.register(Need)
class NeedAdmin(PostingAdmin):
    fieldsets = posting_fieldsets("needed_by")
