"""Two organisers accept at the same moment: the event never overfills.

Each thread has its own database connection and its own transaction. The
first takes the last place and holds its transaction open while the second
tries; the second must wait for the lock on the event's row, count again
after the commit, and be refused. Without the lock it would count the
places before the first commit and take one too many.
"""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection, transaction

from ecoc_hub.core.workflow import TransitionError
from ecoc_hub.events import services
from ecoc_hub.events.models import Application
from tests.events.conftest import apply, make_event
from tests.factories import UserFactory


@pytest.mark.django_db(transaction=True)
def test_two_organisers_accepting_at_once_never_exceed_capacity():
    first_organiser, second_organiser = UserFactory(), UserFactory()
    event = make_event(capacity=1, organisers=[first_organiser, second_organiser])
    one, two = apply(event), apply(event)
    first_has_the_place = threading.Event()
    outcomes: dict[str, str] = {}

    def first() -> None:
        try:
            with transaction.atomic():
                services.decide(application=one, action="accept", actor=first_organiser)
                first_has_the_place.set()
                time.sleep(0.5)  # still uncommitted while the second one tries
            outcomes["first"] = "accepted"
        finally:
            first_has_the_place.set()
            connection.close()

    def second() -> None:
        first_has_the_place.wait(10)
        try:
            services.decide(application=two, action="accept", actor=second_organiser)
            outcomes["second"] = "accepted"
        except TransitionError as error:
            outcomes["second"] = error.code
        finally:
            connection.close()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)

    assert outcomes == {"first": "accepted", "second": "full"}
    assert list(Application.objects.order_by("pk").values_list("state", flat=True)) == [
        "accepted",
        "submitted",
    ]


@pytest.mark.django_db(transaction=True)
def test_many_simultaneous_acceptances_fill_exactly_the_capacity():
    organiser = UserFactory()
    event = make_event(capacity=3, organisers=[organiser])
    applications = [apply(event) for _ in range(8)]
    start = threading.Barrier(len(applications))
    codes: list[str] = []

    def accept(application: Application) -> None:
        try:
            start.wait(10)
            services.decide(application=application, action="accept", actor=organiser)
            codes.append("accepted")
        except TransitionError as error:
            codes.append(error.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=accept, args=(a,)) for a in applications]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)

    assert sorted(codes) == ["accepted"] * 3 + ["full"] * 5
    assert Application.objects.filter(state="accepted").count() == 3
