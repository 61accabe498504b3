"""Problem details (RFC 9457): the one shape of every API error.

``problem()`` builds the response; ``ERRORS`` is what an operation declares
in the OpenAPI document; ``install_handlers`` turns ninja's own exceptions
into problems, and so do the permission gate's refusals and the workflow's
errors (``core.permissions``, ``core.workflow``). Map a new kind of refusal
to a status here, once, so every router answers it the same way.
"""

from __future__ import annotations

import json
import math
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError
from pydantic import Field

from ecoc_hub.core.permissions import ActionRefused, ObjectHidden
from ecoc_hub.core.workflow import TransitionError

PROBLEM_JSON = "application/problem+json"


class Problem(Schema):
    type: str = "about:blank"
    title: str
    status: int
    detail: str = ""
    errors: list[dict[str, Any]] = Field(default_factory=list)


PROBLEMS: dict[int, str] = {
    400: "Bad request",
    401: "Authentication required",
    403: "Forbidden",
    404: "Not found",
    405: "Method not allowed",
    409: "Conflict",
    410: "Gone",
    413: "Content too large",
    422: "Unprocessable content",
    429: "Too many requests",
    500: "Internal server error",
}

# The errors every operation can answer with; add 409, 410, 413 where they
# apply: ``response={200: Out, 410: Problem, **ERRORS}``.
ERRORS: dict[int, type[Problem]] = {
    400: Problem,
    401: Problem,
    403: Problem,
    404: Problem,
    422: Problem,
    429: Problem,
}


def problem(
    status: int, detail: str = "", errors: list[dict[str, Any]] | None = None
) -> HttpResponse:
    body = {
        "type": "about:blank",
        "title": PROBLEMS.get(status, "Error"),
        "status": status,
        "detail": detail,
        "errors": errors or [],
    }
    return HttpResponse(
        json.dumps(body, default=str), status=status, content_type=PROBLEM_JSON
    )


def _validation(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors = [
        {"loc": [str(p) for p in e.get("loc", [])], "msg": str(e.get("msg", ""))}
        for e in exc.errors
    ]
    return problem(422, "The request does not match the API's schema.", errors)


def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    response = problem(401, "Send a valid personal token: Authorization: Bearer …")
    response["WWW-Authenticate"] = 'Bearer realm="ECoC Hub"'
    return response


def _throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
    response = problem(429, "Too many requests; wait before retrying.")
    response["Retry-After"] = str(math.ceil(exc.wait or 1))
    return response


def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return problem(exc.status_code, str(exc))


def _hidden(request: HttpRequest, exc: ObjectHidden) -> HttpResponse:
    return problem(404, str(exc) or "Nothing here has this identifier.")


def _refused(request: HttpRequest, exc: ActionRefused) -> HttpResponse:
    return problem(403, str(exc) or "You may not do this.")


def _transition(request: HttpRequest, exc: TransitionError) -> HttpResponse:
    # The field and code let a client show the message where it belongs.
    error = {"loc": [exc.field] if exc.field else [], "msg": exc.message}
    return problem(409, exc.message, [{**error, "code": exc.code}])


def install_handlers(api: NinjaAPI) -> None:
    # The permission gate and the workflow raise these in every router.
    api.exception_handler(ObjectHidden)(_hidden)
    api.exception_handler(ActionRefused)(_refused)
    api.exception_handler(TransitionError)(_transition)
    api.exception_handler(ValidationError)(_validation)
    api.exception_handler(AuthenticationError)(_unauthenticated)
    api.exception_handler(Throttled)(_throttled)
    api.exception_handler(HttpError)(_http_error)
