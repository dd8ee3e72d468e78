from django.urls import path

from partnerships import views

app_name = "partnerships"

urlpatterns = [
    path("", views.partnership_directory, name="directory"),
    path("map/", views.partnership_map, name="map"),
    path("propose/", views.propose, name="propose"),
    path("from-match/<int:pk>/", views.record_match, name="record_match"),
    path("still-active/<str:token>/", views.still_active, name="still_active"),
    path("<uuid:uuid>/", views.detail, name="detail"),
    path("<uuid:uuid>/confirm/", views.confirm, name="confirm"),
    path("<uuid:uuid>/decline/", views.decline, name="decline"),
    path("<uuid:uuid>/edit/", views.edit, name="edit"),
    path("<uuid:uuid>/status/", views.change_status, name="status"),
    path("<uuid:uuid>/contact/", views.set_contact, name="contact"),
    path("<uuid:uuid>/agreement/", views.agreement, name="agreement"),
    path("<uuid:uuid>/agreement/upload/", views.upload_agreement, name="agreement_upload"),
    path("<uuid:uuid>/activities/new/", views.activity_new, name="activity_new"),
    path("<uuid:uuid>/activities/<uuid:activity>/", views.activity_edit, name="activity_edit"),
    path("<uuid:uuid>/events/new/", views.event_new, name="event_new"),
    path("<uuid:uuid>/events/<uuid:event>/", views.event_edit, name="event_edit"),
]
