"""The reviewer's pages. Blind: the applicant's name, e-mail address and the
CV's file details never reach these templates (tests/experts/test_review.py)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from ecoc_hub.core.http import AuthenticatedHttpRequest
from ecoc_hub.core.permissions import check_object, get_for_user, requires
from ecoc_hub.library.files import open_blob

from .. import permissions, review
from ..enums import Recommendation
from ..models import EcocExperience, Review, Score

_REVIEWS = Review.objects.select_related("application__call", "application__round")


class ReviewForm(forms.Form):
    recommendation = forms.ChoiceField(
        label=gettext_lazy("Overall recommendation"),
        choices=Recommendation.choices,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=gettext_lazy("Comment for the panel"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=4000,
    )

    def __init__(self, *args: Any, categories: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.categories = categories
        for category in categories:
            self.fields[f"score_{category.pk}"] = forms.TypedChoiceField(
                label=category.display_name,
                choices=[("", "—"), *category.value_choices()],
                coerce=int,
                help_text=_("Weight %(weight)s") % {"weight": category.weight},
            )
        # The scores first, then the recommendation and the comment.
        order = [f"score_{c.pk}" for c in categories] + ["recommendation", "comment"]
        self.order_fields(order)

    def scores(self) -> dict[int, int]:
        return {c.pk: self.cleaned_data[f"score_{c.pk}"] for c in self.categories}


@requires(permissions.can_review)
def review_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    reviews = _REVIEWS.filter(reviewer=request.user).order_by(
        "submitted_at", "application__call__title", "pk"
    )
    return render(
        request,
        "experts/review/list.html",
        {"reviews": reviews, "breadcrumbs": [(_("My reviews"), "")]},
    )


def _load(request: AuthenticatedHttpRequest, pk: int) -> Review:
    return get_for_user(
        _REVIEWS.prefetch_related(
            "application__capacity_areas",
            Prefetch(
                "application__ecoc_experience",
                queryset=EcocExperience.objects.select_related("title__city"),
            ),
        ),
        request.user,
        can_see=permissions.can_see_review,
        pk=pk,
    )


@requires(permissions.can_review)
@require_http_methods(["GET", "POST"])
def review_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    item = _load(request, pk)
    application = item.application
    categories = list(application.call.score_categories.all())
    form = ReviewForm(request.POST or None, categories=categories)
    if request.method == "POST":
        check_object(
            request.user,
            item,
            can_see=permissions.can_see_review,
            can_do=permissions.can_score,
        )
        if form.is_valid():
            try:
                review.submit_review(
                    review=item,
                    reviewer=request.user,
                    scores=form.scores(),
                    recommendation=form.cleaned_data["recommendation"],
                    comment=form.cleaned_data["comment"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Your review was submitted."))
                return redirect(item)
    others: list[tuple[Review, list[Score]]] = []
    if permissions.can_see_other_scores(request.user, item):
        for other in (
            application.reviews.exclude(pk=item.pk)
            .filter(submitted_at__isnull=False)
            .prefetch_related("scores__category")
        ):
            others.append((other, list(other.scores.all())))
    return render(
        request,
        "experts/review/detail.html",
        {
            "item": item,
            "application": application,
            "form": form if permissions.can_score(request.user, item) else None,
            "own_scores": item.scores.select_related("category"),
            "own_weighted": review.weighted_score(item),
            "others": [(o, s, review.weighted_score(o)) for o, s in others],
            "breadcrumbs": [
                (_("My reviews"), reverse("experts:reviews")),
                (application.reference, ""),
            ],
        },
    )


@requires(permissions.can_review)
@require_POST
def review_conflict(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    item = get_for_user(
        _REVIEWS,
        request.user,
        can_see=permissions.can_see_review,
        can_do=permissions.is_own_review,
        pk=pk,
    )
    review.declare_conflict(
        review=item, reviewer=request.user, reason=request.POST.get("reason", "")
    )
    messages.success(
        request,
        _(
            "Your conflict of interest was recorded; the application was "
            "removed from your reviews."
        ),
    )
    return redirect("experts:reviews")


@requires(permissions.can_review)
def review_cv(request: AuthenticatedHttpRequest, pk: int) -> FileResponse:
    item = get_for_user(
        Review.objects.select_related("application__call", "application__cv"),
        request.user,
        can_see=permissions.can_see_review,
        pk=pk,
    )
    application = item.application
    check_object(request.user, application, can_see=lambda u, a: a.cv_id is not None)
    assert application.cv is not None  # noqa: S101 - checked just above
    response = FileResponse(
        open_blob(application.cv),
        content_type="application/pdf",
        as_attachment=True,
        # Neutral name: the original file name often holds the person's name.
        filename=f"application-{application.pk}.pdf",
    )
    response["Cache-Control"] = "private, no-store"
    return response
