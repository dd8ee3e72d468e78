from django.urls import path

from municipalities import views

app_name = "municipalities"

urlpatterns = [
    path("", views.directory, name="directory"),
    path("register/", views.register, name="register"),
    path("invitations/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/edit/", views.edit, name="edit"),
    path("<slug:slug>/join/", views.join, name="join"),
    path("<slug:slug>/members/", views.members, name="members"),
    path(
        "<slug:slug>/join-requests/<int:pk>/<str:decision>/",
        views.join_request_decide,
        name="join_request_decide",
    ),
]
