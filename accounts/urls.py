from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("notifications/", views.notifications, name="notifications"),
    path("api-tokens/", views.api_tokens, name="api_tokens"),
    path(
        "api-tokens/<str:token_key>/revoke/",
        views.api_token_revoke_view,
        name="api_token_revoke",
    ),
]
