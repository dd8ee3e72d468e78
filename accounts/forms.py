from django import forms

from accounts.models import User


class NotificationPreferencesForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["match_emails"]
        widgets = {"match_emails": forms.RadioSelect}
