from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ecoc_hub.accounts.languages import spoken_language_choices
from ecoc_hub.core.uploads import StagedUploadsMixin

from .attachments import AttachmentsMixin, accepted_summary, attachments_field
from .enums import (
    DecisionGround,
    EmailFrequency,
    NoticeReason,
    SpaceAccess,
    ThreadKind,
)
from .models import MAX_POST_LENGTH, DirectoryEntry, Space
from .models.peers import HANDLE_VALIDATOR

MARKDOWN_HELP = _(
    "Markdown: *emphasis*, **bold**, lists, > quotes and links; @handle "
    "mentions a member. Images and scripts are removed."
)


class SpaceForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=160)
    description = forms.CharField(
        label=_("Description"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    access = forms.ChoiceField(
        label=_("Who can read it"),
        choices=[
            (SpaceAccess.PUBLIC, SpaceAccess.PUBLIC.label),
            (SpaceAccess.MEMBERS, SpaceAccess.MEMBERS.label),
        ],
        widget=forms.RadioSelect,
        initial=SpaceAccess.PUBLIC,
    )


class PostForm(forms.Form):
    body = forms.CharField(
        label=_("Your message"),
        max_length=MAX_POST_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=MARKDOWN_HELP,
        error_messages={"required": _("Write a message.")},
    )


class ReplyForm(StagedUploadsMixin, AttachmentsMixin, PostForm):
    """A new post: its text and up to ``MAX_ATTACHMENTS`` files, kept through
    a failed validation when built with ``session=request.session``."""

    attachments = attachments_field()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.staged = []
        self.fields["attachments"].help_text = accepted_summary()


class ThreadForm(ReplyForm):
    field_order = ["title", "kind", "language", "body", "attachments"]

    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(
        label=_("Kind of thread"),
        choices=ThreadKind.choices,
        widget=forms.RadioSelect,
        initial=ThreadKind.DISCUSSION,
    )
    language = forms.ChoiceField(label=_("Language of the thread"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        language = self.fields["language"]
        assert isinstance(language, forms.ChoiceField)  # noqa: S101 - for mypy
        language.choices = spoken_language_choices()
        language.initial = (get_language() or "en")[:2]


class HideForm(forms.Form):
    ground = forms.ChoiceField(
        label=_("Ground of the decision"),
        choices=DecisionGround.choices,
        widget=forms.RadioSelect,
    )
    explanation = forms.CharField(
        label=_("Facts and reasons"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "The author receives this statement of reasons, with a way to contest it."
        ),
    )


class NoticeForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Why do you report this post?"),
        choices=NoticeReason.choices,
        widget=forms.RadioSelect,
    )
    explanation = forms.CharField(
        label=_("Explain what is wrong with it"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "For illegal content, say why you think it is illegal and under "
            "which law, if you know."
        ),
    )
    email = forms.EmailField(
        label=_("Your e-mail address (optional)"),
        required=False,
        help_text=_("To hear what was decided."),
    )
    good_faith = forms.BooleanField(
        label=_("I believe in good faith that what I say in this report is accurate.")
    )

    def __init__(self, *args: Any, signed_in: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if signed_in:
            del self.fields["email"]


class NoticeDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            ("hide", _("Hide the post")),
            ("dismiss", _("Take no action")),
        ],
        widget=forms.RadioSelect,
    )
    ground = forms.ChoiceField(
        label=_("Ground, if the post is hidden"),
        choices=[("", _("None")), *DecisionGround.choices],
        required=False,
    )
    comment = forms.CharField(
        label=_("Facts and reasons"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("The author (if the post is hidden) and the reporter read this."),
    )


class AppealForm(forms.Form):
    text = forms.CharField(
        label=_("Why is the decision wrong?"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class AppealDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision on the appeal"),
        choices=[
            ("reverse", _("Reverse the decision: show the post again")),
            ("confirm", _("Confirm the decision")),
        ],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Reasons"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The author reads this."),
    )


class SpaceChoiceField(forms.ModelChoiceField[Space]):
    def label_from_instance(self, obj: Space) -> str:
        return obj.display_name


class MoveForm(forms.Form):
    space = SpaceChoiceField(
        label=_("Move to the space"), queryset=Space.objects.none()
    )

    def __init__(self, *args: Any, spaces: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["space"]
        assert isinstance(field, SpaceChoiceField)  # noqa: S101 - for mypy
        field.queryset = spaces


class NotificationSettingsForm(forms.Form):
    email = forms.ChoiceField(
        label=_("E-mail about the threads and spaces you follow and mentions"),
        choices=EmailFrequency.choices,
        widget=forms.RadioSelect,
        help_text=_("The notifications page on the site always shows them."),
    )
    handle = forms.CharField(
        label=_("Your handle for mentions"),
        min_length=2,
        max_length=40,
        validators=[HANDLE_VALIDATOR],
        help_text=_(
            "Others mention you by writing @ and this handle: lower-case "
            "letters, digits, hyphens and underscores, 2 to 40."
        ),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_handle(self) -> str:
        handle = self.cleaned_data["handle"].strip().lower()
        taken = DirectoryEntry.objects.filter(handle=handle).exclude(user=self.user)
        if taken.exists():
            raise forms.ValidationError(
                _("Another member has this handle. Choose another one.")
            )
        return handle


class AnswerForm(forms.Form):
    """Mark a reply as the answer, or (``post`` empty) remove the mark."""

    post = forms.IntegerField(required=False, min_value=1)
