from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ecoc_hub.cities.models import Title
from ecoc_hub.core.uploads import StagedFileField, StagedFileInput, StagedUploadsMixin

from .languages import spoken_language_choices
from .models import Consent, Membership, Organisation, User
from .photos import MAX_PHOTO_BYTES, CleanPhoto, clean_photo
from .privacy import ContributionChoice


class ProfileForm(StagedUploadsMixin, forms.Form):
    display_name = forms.CharField(
        label=_("Display name"),
        max_length=120,
        required=False,
        help_text=_(
            "The name other people see. Leave it empty to show the part of "
            "your e-mail address before the @."
        ),
    )
    organisation_name = forms.CharField(
        label=_("Organisation"),
        max_length=200,
        required=False,
        help_text=_("Where you work, if it is not a city team on this site."),
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages spoken"),
        required=False,
        choices=spoken_language_choices,
        widget=forms.CheckboxSelectMultiple,
    )
    bio = forms.CharField(
        label=_("Short bio"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("At most 2,000 characters."),
    )
    photo = StagedFileField(
        label=_("Photo"),
        required=False,
        widget=StagedFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    remove_photo = forms.BooleanField(label=_("Remove my photo"), required=False)
    visibility = forms.ChoiceField(
        label=_("Who can see my profile"),
        choices=User.Visibility.choices,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, has_photo: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not has_photo:
            del self.fields["remove_photo"]
        self.fields["photo"].help_text = _(
            "Optional. JPEG, PNG or WebP, at most %(limit)s MB. The photo is "
            "resized and its metadata (such as location) removed."
        ) % {"limit": MAX_PHOTO_BYTES // (1024 * 1024)}

    def clean_photo(self) -> CleanPhoto | None:
        upload = self.cleaned_data.get("photo")
        if not upload:
            return None
        return clean_photo(upload, upload.size or 0)


class SignupDetailsForm(forms.Form):
    """What allauth's sign-up form asks besides the address and the password
    (ACCOUNT_SIGNUP_FORM_CLASS)."""

    display_name = forms.CharField(
        label=_("Your name"),
        max_length=120,
        help_text=_(
            "The name other members see and the hub greets you by. You can "
            "change it later in your profile."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    field_order = ["display_name"]

    def clean_display_name(self) -> str:
        name = " ".join(self.cleaned_data["display_name"].split())
        if not name:
            raise ValidationError(_("Enter your name."), code="required")
        return name

    def signup(self, request: Any, user: User) -> None:
        user.display_name = self.cleaned_data["display_name"]
        user.save(update_fields=["display_name"])


class TeamForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of team"),
        choices=[
            (Organisation.Kind.TITLE_TEAM, Organisation.Kind.TITLE_TEAM.label),
            (Organisation.Kind.CANDIDATE_TEAM, Organisation.Kind.CANDIDATE_TEAM.label),
        ],
        widget=forms.RadioSelect,
    )
    title = forms.ModelChoiceField(
        label=_("ECoC title"),
        queryset=Title.objects.select_related("city").order_by("-year", "city__name"),
        required=False,
        help_text=_("For a title city team."),
    )
    candidate_city = forms.CharField(
        label=_("Candidate city"),
        max_length=120,
        required=False,
        help_text=_("For a candidate city team."),
    )
    candidate_year = forms.IntegerField(
        label=_("Candidate for year"),
        required=False,
        min_value=1985,
        max_value=2100,
    )
    name = forms.CharField(
        label=_("Team name"),
        max_length=200,
        required=False,
        help_text=_("Leave empty to name the team after its city and year."),
    )
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data.get("kind")
        if kind == Organisation.Kind.TITLE_TEAM and not data.get("title"):
            self.add_error("title", _("Choose the title this team delivers."))
        if kind == Organisation.Kind.CANDIDATE_TEAM:
            if not data.get("candidate_city"):
                self.add_error("candidate_city", _("Name the candidate city."))
            if not data.get("candidate_year"):
                self.add_error("candidate_year", _("Give the year the city bids for."))
        return data


class TeamDetailsForm(forms.Form):
    name = forms.CharField(label=_("Team name"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    role = forms.ChoiceField(
        label=_("Role in the team"),
        choices=Membership.Role.choices,
        initial=Membership.Role.MEMBER,
    )

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organisation = organisation

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip()
        if self.organisation.memberships.filter(user__email__iexact=email).exists():
            raise ValidationError(
                _("This person is already a member of the team."), code="member"
            )
        return email


class JoinRequestForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the team admins (optional)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Say who you are and what you do in the team. At most 1,000 characters."
        ),
    )


class JoinRequestDecisionForm(forms.Form):
    """One answer to one join request; the buttons carry the action.

    Built with ``prefix=decision_prefix(join_request)`` so that every request
    on the team page has its own field ids."""

    action = forms.ChoiceField(
        choices=[
            ("accept", _("Accept")),
            ("decline", _("Decline")),
            ("withdraw", _("Withdraw")),
        ],
        widget=forms.HiddenInput,
    )
    comment = forms.CharField(
        label=_("Message to the person (required to decline)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Sent with your answer by e-mail. At most 1,000 characters."),
    )


def decision_prefix(join_request: Any) -> str:
    return f"request-{join_request.pk}"


class TeamSearchForm(forms.Form):
    q = forms.CharField(
        label=_("City, team or year"),
        max_length=100,
        required=False,
    )


class ConsentForm(forms.Form):
    def __init__(self, *args: Any, current: dict[str, bool], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for topic in Consent.Topic:
            self.fields[topic.value] = forms.BooleanField(
                label=topic.label,
                required=False,
                initial=current.get(topic.value, False),
            )

    def choices(self) -> dict[str, bool]:
        return {
            topic.value: bool(self.cleaned_data[topic.value]) for topic in Consent.Topic
        }


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirm = forms.BooleanField(
        label=_(
            "I understand that my account and personal data will be deleted "
            "and cannot be restored."
        ),
    )

    contributions = forms.ChoiceField(
        label=_("What should happen to what you published?"),
        choices=ContributionChoice.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "Library resources you contributed and podcast episodes that credit "
            "you by name. Drafts and submissions not yet published are deleted "
            "in any case."
        ),
    )
    field_order = ["contributions", "password", "confirm"]

    def __init__(
        self,
        *args: Any,
        user: User,
        policy: ContributionChoice | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.policy = policy
        if policy is not None:
            # The site decides; the page says what it decided.
            del self.fields["contributions"]

    def contributions_choice(self) -> ContributionChoice:
        if self.policy is not None:
            return self.policy
        return ContributionChoice(self.cleaned_data["contributions"])

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise ValidationError(_("The password is not correct."), code="password")
        return password
