"""Forms of the panel's conflicts declared in advance and of the call
manager's assignment by hand."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ecoc_hub.accounts.models import User
from ecoc_hub.core.forms import sort_options_by_name

from .models import Application, Call
from .review import IN_REVIEW


class AdvanceConflictForm(forms.Form):
    call = forms.ModelChoiceField(
        label=gettext_lazy("Call"), queryset=Call.objects.none()
    )
    person_name = forms.CharField(
        label=gettext_lazy("Name of the person"),
        max_length=200,
        help_text=gettext_lazy(
            "Any application by a person of this name is kept away from you."
        ),
    )
    email = forms.EmailField(
        label=gettext_lazy("Their e-mail address (optional)"), required=False
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason (only the call managers see it)"),
        max_length=500,
        required=False,
    )

    def __init__(self, *args: Any, calls: list[Call], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["call"])
        field.queryset = Call.objects.filter(pk__in=[c.pk for c in calls])
        if len(calls) == 1:
            field.initial = calls[0].pk
            field.widget = forms.HiddenInput()


class ApplicationChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return _("%(reference)s (%(name)s)") % {
            "reference": obj.reference,
            "name": obj.expert.full_name,
        }


class ReviewerChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.public_name


class ManualAssignForm(forms.Form):
    application = ApplicationChoice(
        label=gettext_lazy("Application"), queryset=Application.objects.none()
    )
    reviewer = ReviewerChoice(
        label=gettext_lazy("Reviewer"), queryset=User.objects.none()
    )

    def __init__(self, *args: Any, call: Call, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        applications = cast(forms.ModelChoiceField, self.fields["application"])
        applications.queryset = (
            Application.objects.filter(call=call, state__in=IN_REVIEW)
            .select_related("expert")
            .order_by("pk")
        )
        reviewers = cast(forms.ModelChoiceField, self.fields["reviewer"])
        reviewers.queryset = User.objects.filter(review_panels__call=call).order_by(
            "pk"
        )
        sort_options_by_name(reviewers)
