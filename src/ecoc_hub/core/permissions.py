"""The permission gate: one place that turns predicates into 404 or 403.

Every app keeps its rules as plain named predicates in its own
``permissions.py`` (``can_view_resource(user, resource) -> bool``); this
module only decides what a refusal looks like, the same way everywhere:

- the person may not know the object exists (``can_see`` is false): **404**,
  exactly as if it did not exist, so drafts and private records leak nothing;
- they may know it exists but not do this (``can_do`` is false): **403**
  (for a visitor who is not signed in, ``requires`` sends them to log in
  first, as ``login_required`` does).

Pages use ``get_for_user`` / ``check_object`` / ``visible_for_user`` and the
``requires`` decorator; API routers call the same functions, and
``ecoc_hub.api.problems`` answers ``ObjectHidden`` and ``ActionRefused`` with
its 404 and 403 problem responses (and a workflow's ``TransitionError`` with a
409).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any, cast

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponseBase

type View = Callable[..., HttpResponseBase]

#: ``(user, obj) -> bool``: may this person see / do this with that object?
ObjectPredicate = Callable[[Any, Any], bool]
#: ``(user) -> bool``: may this person do this at all (no object involved)?
UserPredicate = Callable[[Any], bool]


class ObjectHidden(Http404):
    """The person may not know the object exists (shown as 404)."""


class ActionRefused(PermissionDenied):
    """The person sees the object but may not do this (shown as 403)."""


def check_object[M: Model](
    user: Any,
    obj: M,
    *,
    can_see: ObjectPredicate,
    can_do: ObjectPredicate | None = None,
    hidden: str = "",
    refused: str = "",
) -> M:
    """Raise ``ObjectHidden`` or ``ActionRefused``, or return ``obj``.

    ``hidden`` and ``refused`` are the details the API shows with its 404
    and 403 (pages show the error templates and ignore them).
    """
    if not can_see(user, obj):
        raise ObjectHidden(hidden)
    if can_do is not None and not can_do(user, obj):
        raise ActionRefused(refused)
    return obj


def get_for_user[M: Model](
    source: type[M] | QuerySet[M],
    user: Any,
    *,
    can_see: ObjectPredicate,
    can_do: ObjectPredicate | None = None,
    hidden: str = "",
    refused: str = "",
    **lookup: Any,
) -> M:
    """Load one object by ``lookup`` and pass it through the gate.

    ``source`` is a model or a queryset (to add ``select_related`` for what
    the predicates read). A missing object and a hidden one are the same 404.
    """
    queryset = source if isinstance(source, QuerySet) else source._default_manager
    try:
        obj = queryset.get(**lookup)
    except ObjectDoesNotExist as error:
        raise ObjectHidden(hidden) from error
    return check_object(
        user, obj, can_see=can_see, can_do=can_do, hidden=hidden, refused=refused
    )


def visible_for_user[M: Model](
    objects: Iterable[M], user: Any, *, can_see: ObjectPredicate, hidden: str = ""
) -> list[M]:
    """The objects this person may see, in order; ``ObjectHidden`` if none.

    For addresses that several records share (one stored file behind many
    episodes): the address exists for the person if any of them is visible.
    """
    visible = [obj for obj in objects if can_see(user, obj)]
    if not visible:
        raise ObjectHidden(hidden)
    return visible


def check_user(user: Any, predicate: UserPredicate, *, refused: str = "") -> None:
    """Raise ``ActionRefused`` unless ``predicate(user)`` holds."""
    if not predicate(user):
        raise ActionRefused(refused)


def requires[V: View](predicate: UserPredicate) -> Callable[[V], V]:
    """A view decorator: sign in first, then ``predicate(user)`` or 403.

    It replaces ``login_required`` on the views it guards, so those views
    may take an ``AuthenticatedHttpRequest``. Object-level rules belong in
    ``get_for_user`` inside the view, where the object is loaded.
    """

    def decorator(view: V) -> V:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            check_user(request.user, predicate)
            return view(request, *args, **kwargs)

        return cast(V, wrapper)

    return decorator
