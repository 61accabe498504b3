"""The index invariant, property-based (issue 11): whatever sequence of
create, submit, publish, withdraw, embargo, change of access, added file, new
version and delete happens, interleaved with extraction tasks that load their
file when they start and finish later, the search index afterwards holds
exactly what the records say (``search.consistency.check_index``, the check
``ecoc-hub reindex --check`` runs).

Tasks are queued, not run (the dummy backend): a step "starts" the oldest
pending extraction by loading its file and record as ``extract_file`` does,
and another step finishes one of the started ones, so records change between
a task's load and its write, as they do when a curator acts while a worker
extracts. Each example runs in a savepoint rolled back at its end.

Bounded: 30 examples of at most 14 steps (profile ``ci`` in conftest.py makes
it derandomised in CI).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pytest
from django.contrib.admin.sites import AdminSite
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.test import RequestFactory, override_settings
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from ecoc_hub.accounts.models import Organisation
from ecoc_hub.core.workflow import TransitionError
from ecoc_hub.library import samples, services
from ecoc_hub.library.admin import ResourceAdmin
from ecoc_hub.library.models import Resource, ResourceFile
from ecoc_hub.library.tasks import apply_extraction
from ecoc_hub.search.consistency import check_index
from tests.factories import OrganisationFactory

from .conftest import make_resource, stage

DUMMY_TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
WORDS = ["zythum", "quokka", "fjord", "mizzen", "glyph", "sphinx"]

slot = st.integers(min_value=0, max_value=3)
step = st.one_of(
    st.tuples(st.just("create"), st.sampled_from(["public", "members"])),
    st.tuples(st.just("submit"), slot),
    st.tuples(st.just("publish"), slot),
    st.tuples(st.just("withdraw"), slot),
    st.tuples(st.just("embargo"), slot, st.integers(min_value=-2, max_value=2)),
    st.tuples(
        st.just("access"), slot, st.sampled_from(["public", "members", "restricted"])
    ),
    st.tuples(st.just("add_file"), slot, st.sampled_from(WORDS)),
    st.tuples(st.just("new_version"), slot, st.sampled_from(WORDS)),
    st.tuples(st.just("delete"), slot, st.sampled_from(["one", "queryset"])),
    st.tuples(st.just("start_extraction"), st.just(0)),
    st.tuples(st.just("finish_extraction"), slot),
)


@dataclass
class World:
    owner: object
    curator: object
    team: Organisation
    resources: list[Resource] = field(default_factory=list)
    started: list[ResourceFile] = field(default_factory=list)

    def pick(self, index: int) -> Resource | None:
        if not self.resources:
            return None
        resource = self.resources[index % len(self.resources)]
        return Resource.objects.filter(pk=resource.pk).first()


def _pdf(word: str):
    return stage(samples.build_pdf([f"Page about {word}"]), f"{word}.pdf")


def _admin_delete(world: World, resource: Resource, how: str) -> None:
    admin = ResourceAdmin(Resource, AdminSite())
    request = RequestFactory().post("/admin/")
    request.user = world.curator
    if how == "one":
        admin.delete_model(request, resource)
    else:
        admin.delete_queryset(request, Resource.objects.filter(pk=resource.pk))
    world.resources = [r for r in world.resources if r.pk != resource.pk]


def apply(world: World, action: tuple) -> None:
    name, *args = action
    if name == "create":
        world.resources.append(
            make_resource(owner=world.owner, state="draft", access=args[0])
        )
        return
    if name == "start_extraction":
        pending = (
            ResourceFile.objects.select_related("blob", "resource")
            .filter(extraction_status="pending")
            .exclude(pk__in=[f.pk for f in world.started])
            .order_by("pk")
            .first()
        )
        if pending is not None:
            world.started.append(pending)
        return
    if name == "finish_extraction":
        if world.started:
            apply_extraction(world.started.pop(args[0] % len(world.started)))
        return
    resource = world.pick(args[0])
    if resource is None:
        return
    if name == "submit":
        services.submit_for_review(resource=resource, user=world.owner)
    elif name == "publish":
        if resource.state == Resource.State.SUBMITTED:
            services.approve(resource=resource, curator=world.curator)
        else:
            services.publish_directly(resource=resource, curator=world.curator)
    elif name == "withdraw":
        services.withdraw(resource=resource, curator=world.curator, reason="Gone")
    elif name == "embargo":
        until = dt.date.today() + dt.timedelta(days=args[1]) if args[1] else None
        services.update_metadata(
            resource=resource, editor=world.curator, values={"embargo_until": until}
        )
    elif name == "access":
        teams = [world.team] if args[1] == "restricted" else []
        services.update_metadata(
            resource=resource,
            editor=world.curator,
            values={"access": args[1]},
            allowed_organisations=teams,
        )
    elif name == "add_file":
        services.add_file(resource=resource, staged=_pdf(args[1]), uploaded_by=None)
    elif name == "new_version":
        current = resource.files.filter(is_current=True).order_by("pk").first()
        if current is not None:
            services.replace_file(file=current, staged=_pdf(args[1]), uploaded_by=None)
    elif name == "delete":
        _admin_delete(world, resource, args[1])


@pytest.mark.django_db
@hypothesis_settings(  # max_examples from the profile (tests/conftest.py): 30
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    first=st.lists(
        st.tuples(st.just("create"), st.sampled_from(["public", "members"])),
        min_size=1,
        max_size=3,
    ),
    then=st.lists(step, min_size=1, max_size=14),
)
def test_the_index_equals_what_the_records_say_after_any_sequence(
    first, then, member, curator
):
    actions = first + then
    with override_settings(TASKS=DUMMY_TASKS), transaction.atomic():
        world = World(
            owner=member,
            curator=curator,
            team=OrganisationFactory(),
        )
        for action in actions:
            try:
                with transaction.atomic():
                    apply(world, action)
            except (TransitionError, ValidationError, ProtectedError):
                pass  # refused in this state (the admin refuses protected ones)
        differences = check_index()
        transaction.set_rollback(True)

    assert [str(d) for d in differences] == [], actions
