from django.urls import path

from matching import views

app_name = "matching"

urlpatterns = [
    path("<int:pk>/", views.match_detail, name="detail"),
]
