from django.contrib import admin

from needs.models import Need
from postings.admin import PostingAdmin

admin.site.register(Need, PostingAdmin)
