"""The API core: every app mounts its own router into one document."""

from __future__ import annotations

import json

from ecoc_hub.api.problems import PROBLEM_JSON, problem
from ecoc_hub.api.v1 import OPERATION_ID_PREFIX, app_routers, build_api


def test_each_app_with_an_api_module_mounts_its_router():
    labels = [label for label, _router in app_routers()]

    assert labels == [
        "cities",
        "library",
        "podcasts",
        "events",
        "experts",
        "courses",
        "assessment",
    ]


def test_operation_ids_stay_as_first_published_and_are_unique():
    schema = build_api().get_openapi_schema()

    ids = [
        operation["operationId"]
        for methods in schema["paths"].values()
        for operation in methods.values()
    ]
    assert len(ids) == len(set(ids)) == 25
    assert sorted(ids)[:4] == [
        OPERATION_ID_PREFIX + "create_resource",
        OPERATION_ID_PREFIX + "get_assessment",
        OPERATION_ID_PREFIX + "get_assessment_framework",
        OPERATION_ID_PREFIX + "get_assessment_framework_version",
    ]


def test_problem_is_problem_json_with_the_status_title():
    response = problem(409, "Already published.", [{"loc": ["state"], "msg": "x"}])

    assert response.status_code == 409
    assert response["Content-Type"] == PROBLEM_JSON
    assert json.loads(response.content) == {
        "type": "about:blank",
        "title": "Conflict",
        "status": 409,
        "detail": "Already published.",
        "errors": [{"loc": ["state"], "msg": "x"}],
    }
