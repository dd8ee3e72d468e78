from allauth.account.decorators import secure_admin_login
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from accounts import views as account_views
from core import views as core_views
from partnerships.views.inbox import dashboard

# Admins log in through allauth, so the same rate limits and two-factor checks apply.
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = "Cities4Cities"

urlpatterns = [
    path("health/", core_views.health, name="health"),
    path("favicon.ico", core_views.favicon),
    path("i18n/setlang/", account_views.set_language, name="set_language"),
    path("api/v1/", include("cities4cities.api")),
]

urlpatterns += i18n_patterns(
    path("", include("core.urls")),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("dashboard/", dashboard, name="dashboard"),
    path("municipalities/", include("municipalities.urls")),
    path("needs/", include("needs.urls")),
    path("offers/", include("offers.urls")),
    path("postings/", include("postings.urls")),
    path("matches/", include("matching.urls")),
    path("partnerships/", include("partnerships.urls")),
    path("admin/", admin.site.urls),
)

handler400 = "core.views.bad_request"
handler403 = "core.views.permission_denied"
handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"
