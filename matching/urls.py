from django.urls import path

from matching import unsubscribe, views

app_name = "matching"

urlpatterns = [
    path("<int:pk>/", views.match_detail, name="detail"),
    path("<int:pk>/contact/", views.match_contact, name="contact"),
    path("<int:pk>/messages/", views.match_message, name="message"),
    path("<int:pk>/agree/", views.match_agree, name="agree"),
    path("<int:pk>/accept/", views.match_accept, name="accept"),
    path("<int:pk>/deliver/", views.match_deliver, name="deliver"),
    path("<int:pk>/delivery/correct/", views.match_correct_delivery, name="correct_delivery"),
    path("<int:pk>/delivery/undo/", views.match_undo_delivery, name="undo_delivery"),
    path("<int:pk>/fully-covered/", views.match_fully_covered, name="fully_covered"),
    path("<int:pk>/fully-covered/undo/", views.match_undo_fully_covered, name="undo_fully_covered"),
    path("<int:pk>/dismiss/", views.match_dismiss, name="dismiss"),
    path("municipality/<slug:slug>/", views.municipality_matches, name="municipality_matches"),
    path("unsubscribe/<str:token>/", unsubscribe.unsubscribe, name="unsubscribe"),
]
