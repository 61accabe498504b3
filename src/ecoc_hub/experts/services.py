"""Writes for calls, expert profiles and applications.

State changes go through ``experts.workflow`` (``core.workflow.transition``);
nothing here sets ``Application.state`` itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import IO, Any

from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from ecoc_hub.accounts.models import User
from ecoc_hub.cities.countries import fold
from ecoc_hub.cities.models import CapacityArea, Title
from ecoc_hub.core import metrics
from ecoc_hub.core.workflow import Outcome, transition
from ecoc_hub.library.files import (
    UploadRejected,
    atomic_with_files,
    stage_upload,
    store_blob,
)
from ecoc_hub.library.models import Blob

from .enums import WORKING_LANGUAGES, EcocRole, Level
from .models import (
    Application,
    Call,
    CallProfile,
    EcocExperience,
    ExpertProfile,
)
from .profiles import DEFAULT_SUB_CRITERIA

#: The fields ``save_draft`` accepts in ``values``.
DRAFT_FIELDS = (
    "profiles",
    "languages",
    "countries",
    "years_sector",
    "years_consultancy",
    "years_ecoc_team",
    "motivation",
    "references",
    "availability",
    "declaration",
)


@dataclass(frozen=True)
class ExperienceRow:
    title: Title
    role: str
    years: int


def offer_profiles(*, call: Call, profiles: Iterable[str]) -> list[CallProfile]:
    """Offer ``profiles`` in ``call`` with their default sub-criteria."""
    made = []
    for code in profiles:
        lines = [str(line) for line in DEFAULT_SUB_CRITERIA.get(code, [])]
        item, _created = CallProfile.objects.get_or_create(
            call=call, profile=code, defaults={"sub_criteria": "\n".join(lines)}
        )
        made.append(item)
    return made


def add_default_categories(*, call: Call) -> None:
    """The default score categories, values 1 to 5 with their labels."""
    from decimal import Decimal

    from .profiles import DEFAULT_CATEGORIES, VALUE_LABELS

    values = [[i + 1, str(label)] for i, label in enumerate(VALUE_LABELS)]
    for position, (name, weight) in enumerate(DEFAULT_CATEGORIES):
        call.score_categories.get_or_create(
            name=str(name),
            defaults={
                "weight": Decimal(weight),
                "values": values,
                "position": position,
            },
        )


def store_cv(*, source: IO[bytes] | Any, filename: str) -> Blob:
    """Check the CV as the library checks its files (type by content, size,
    a PDF that opens) and store it once under its SHA-256."""
    staged = stage_upload(source=source, filename=filename)
    if staged.kind != "pdf":
        staged.discard()
        raise UploadRejected(_("The CV must be a PDF file."))
    return store_blob(staged)


@transaction.atomic
def profile_for(*, user: User) -> ExpertProfile:
    """The person's one expert profile, made on their first application."""
    profile, _created = ExpertProfile.objects.get_or_create(
        user=user, defaults={"full_name": user.display_name or "", "country": ""}
    )
    return profile


@transaction.atomic
def start_application(*, user: User, call: Call) -> Application:
    """The person's application to ``call``: their draft, or a new one."""
    profile = profile_for(user=user)
    owner = profile.merged_into or profile
    application, _created = Application.objects.get_or_create(call=call, expert=owner)
    return application


def _validate_values(call: Call, values: dict[str, Any]) -> None:
    errors: dict[str, list[str]] = {}
    offered = set(call.profile_codes())
    if set(values.get("profiles", [])) - offered:
        errors["profiles"] = [_("This call does not offer one of these profiles.")]
    codes = [item.get("code") for item in values.get("languages", [])]
    if any(code not in WORKING_LANGUAGES for code in codes) or any(
        item.get("level") not in Level.values for item in values.get("languages", [])
    ):
        errors["languages"] = [_("Choose each language and its level from the list.")]
    elif len(set(codes)) != len(codes):
        errors["languages"] = [_("A language is listed twice.")]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def save_draft(
    *,
    application: Application,
    full_name: str,
    country: str,
    values: dict[str, Any],
    capacity_areas: Sequence[CapacityArea],
    experience: Sequence[ExperienceRow],
    cv: tuple[IO[bytes] | Any, str] | None = None,
) -> Application:
    """Save what the applicant entered; a draft may be incomplete.

    ``cv`` is ``(file, name)`` for a new CV. Raises ``ValidationError`` (and
    changes nothing) when a value is not one the call accepts.
    """
    if application.state != Application.State.DRAFT:
        raise ValidationError(_("Only a draft can be changed."))
    _validate_values(application.call, values)
    if any(row.role not in EcocRole.values for row in experience):
        raise ValidationError({"ecoc": [_("Choose a role from the list.")]})
    with atomic_with_files():
        profile = application.expert
        profile.full_name = full_name.strip()
        profile.country = country
        profile.save(update_fields=["full_name", "country"])
        for name in DRAFT_FIELDS:
            if name in values:
                setattr(application, name, values[name])
        if cv is not None:
            source, filename = cv
            application.cv = store_cv(source=source, filename=filename)
            application.cv_name = filename[:255]
        application.save()
        application.capacity_areas.set(capacity_areas)
        application.ecoc_experience.all().delete()
        seen = set()
        for row in experience:
            if (row.title.pk, row.role) in seen:
                continue
            seen.add((row.title.pk, row.role))
            EcocExperience.objects.create(
                application=application, title=row.title, role=row.role, years=row.years
            )
    return application


def submit(*, application: Application, actor: User) -> Outcome:
    return transition(application, "submit", actor=actor)


def withdraw(*, application: Application, actor: User, comment: str = "") -> Outcome:
    return transition(application, "withdraw", actor=actor, comment=comment)


# Duplicates -------------------------------------------------------------------


def _verified_emails(user_ids: Iterable[int]) -> dict[int, set[str]]:
    found: dict[int, set[str]] = {}
    rows = EmailAddress.objects.filter(user_id__in=list(user_ids), verified=True)
    for user_id, email in rows.values_list("user_id", "email"):
        found.setdefault(user_id, set()).add(email.casefold())
    return found


def find_duplicates(*, profile: ExpertProfile) -> list[tuple[ExpertProfile, str]]:
    """Other profiles that look like the same person, each with the reason:
    a verified e-mail address in common, or the same name and country."""
    own = _verified_emails([profile.user_id]).get(profile.user_id, set())
    candidates = ExpertProfile.objects.exclude(pk=profile.pk).filter(
        merged_into__isnull=True
    )
    by_email: set[int] = set()
    if own:
        query = Q()
        for email in own:
            query |= Q(email__iexact=email)
        user_ids = EmailAddress.objects.filter(query, verified=True).values_list(
            "user_id", flat=True
        )
        by_email = set(
            candidates.filter(user_id__in=list(user_ids)).values_list("pk", flat=True)
        )
    name = fold(" ".join(profile.full_name.split()))
    found: list[tuple[ExpertProfile, str]] = []
    for other in candidates.filter(Q(pk__in=by_email) | Q(country=profile.country)):
        if other.pk in by_email:
            found.append((other, _("the same verified e-mail address")))
        elif (
            name and profile.country and fold(" ".join(other.full_name.split())) == name
        ):
            found.append((other, _("the same name and country")))
    return found


@transaction.atomic
def merge_profiles(*, keep: ExpertProfile, duplicate: ExpertProfile) -> ExpertProfile:
    """Move ``duplicate``'s applications to ``keep`` and mark it merged.

    Two applications to one call cannot be merged: the curator must first
    ask the person to withdraw one of them.
    """
    if keep.pk == duplicate.pk:
        raise ValidationError(_("A profile cannot be merged into itself."))
    if keep.merged_into_id is not None:
        raise ValidationError(_("This profile was itself merged into another one."))
    both = set(keep.applications.values_list("call_id", flat=True)) & set(
        duplicate.applications.values_list("call_id", flat=True)
    )
    if both:
        raise ValidationError(
            _("Both profiles applied to the same call; one application must go first.")
        )
    duplicate.applications.update(expert=keep)
    ExpertProfile.objects.filter(merged_into=duplicate).update(merged_into=keep)
    metrics.changed("experts")
    duplicate.merged_into = keep
    duplicate.save(update_fields=["merged_into"])
    return keep
