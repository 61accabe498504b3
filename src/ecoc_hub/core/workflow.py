"""One way to change a state: a transition table per state field, one service.

An app describes each state field once, as a ``Workflow``: which actions
exist, from which states each one starts, the state it leads to, who may
take it (a predicate from the app's ``permissions.py``), whether it needs a
comment, and what else it changes. ``transition()`` is then the only code
that writes the field::

    MODERATION = Workflow(
        model=Resource,
        field="state",
        history=ModerationEvent,
        history_object="resource",
        history_action="decision",
        transitions=[
            Transition(
                "approve",
                sources={Resource.State.SUBMITTED},
                target=Resource.State.PUBLISHED,
                allowed=can_moderate_resource,
                record="approved",
            ),
            ...
        ],
    )

    outcome = transition(resource, "approve", actor=curator, comment="Thanks")

In order, ``transition`` locks the row (``select_for_update``), checks the
state, the actor, the comment and the transition's own ``check``; sets the
state and the fields ``apply`` returns; saves with ``update_fields``; writes
the history row (who, when, from, to, comment); runs ``after`` (search index,
e-mail) in the same transaction; and returns an ``Outcome``.

``actor=None`` is the platform itself (a task expiring offers, the demo or
an import): the state and the comment are still checked, the "who may"
predicate is not. A person who may not take an action gets
``ActionRefused`` (a 403 on pages and in the API); everything else that
stops a transition is a ``TransitionError``, which names the form field it
belongs to (``"comment"`` for a missing comment), so a form shows it on
that field in every language.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.db import models, transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext, gettext_lazy

from .permissions import ActionRefused, ObjectPredicate

if TYPE_CHECKING:
    from django import forms

    from ecoc_hub.accounts.models import User

StrOrPromise = str | Promise
WRITE_A_COMMENT = gettext_lazy("Write a comment.")
WRONG_STATE = gettext_lazy("This action is not possible in the state “%(state)s”.")


class TransitionError(Exception):
    """A state change that cannot happen, with a message for the person.

    ``field`` names the form field the message belongs to (``None``: the
    form as a whole); ``code`` is a stable name for programs (the API, tests).
    """

    def __init__(
        self, message: StrOrPromise, *, field: str | None = None, code: str = "invalid"
    ) -> None:
        super().__init__(str(message))
        self.message = str(message)
        self.field = field
        self.code = code

    def add_to_form(
        self, form: forms.BaseForm, *, fields: Mapping[str, str] | None = None
    ) -> None:
        """Show the message on its field, renamed by ``fields`` if the form
        calls it otherwise, or on the whole form if the form has no such field."""
        name = (fields or {}).get(self.field or "", self.field)
        form.add_error(name if name in form.fields else None, self.message)


@dataclass(frozen=True)
class Transition:
    """One row of the table: ``action``: ``sources`` → ``target``."""

    action: str
    sources: Collection[str]
    target: str
    #: ``(actor, obj) -> bool``; not asked when the platform acts (actor None).
    allowed: ObjectPredicate
    comment_required: bool = False
    #: Shown on the comment field when a required comment is missing.
    comment_message: StrOrPromise = WRITE_A_COMMENT
    #: What the history records for this action (defaults to the action).
    record: str = ""
    #: ``check(obj)`` raises ``TransitionError`` for app-specific conditions
    #: (missing metadata, a full event), after state, actor and comment.
    check: Callable[[Any], None] | None = None
    #: ``apply(obj, comment)`` sets the other fields the change implies and
    #: returns their names, so they are saved with the state.
    apply: Callable[[Any, str], Iterable[str]] | None = None
    #: ``after(outcome)``: side effects (index, e-mail) in the same transaction.
    after: Callable[[Outcome], None] | None = None

    @property
    def recorded_as(self) -> str:
        return self.record or self.action


@dataclass(frozen=True)
class Outcome:
    """What ``transition`` did: returned to the caller and given to ``after``."""

    obj: Any
    action: str
    from_state: str
    to_state: str
    actor: User | None
    comment: str
    at: datetime
    history: models.Model | None


@dataclass
class Workflow:
    """The transition table of one state field of one model."""

    model: type[models.Model]
    field: str
    transitions: Iterable[Transition]
    #: The history table: a model with ``actor``, ``from_state``,
    #: ``to_state``, ``comment`` and ``created_at`` (``core.models.StateHistory``
    #: gives them), a foreign key named ``history_object`` to ``model`` and a
    #: column named ``history_action`` for ``Transition.recorded_as``.
    history: type[models.Model] | None = None
    history_object: str = ""
    history_action: str = "action"
    #: Shown when the action does not start from the current state.
    wrong_state_message: StrOrPromise = WRONG_STATE
    table: dict[str, Transition] = dataclass_field(init=False)

    def __post_init__(self) -> None:
        self.transitions = tuple(self.transitions)
        self.table = {t.action: t for t in self.transitions}
        if len(self.table) != len(self.transitions):
            raise ValueError(f"Duplicate action in the {self.label} workflow.")
        states = {value for value, _label in self._choices()}
        for t in self.transitions:
            unknown = (set(t.sources) | {t.target}) - states
            if states and unknown:
                raise ValueError(
                    f"{self.label}: {t.action} names unknown states {sorted(unknown)}."
                )
        # One table per state field: defining it again replaces it.
        _REGISTRY[(self.model, self.field)] = self

    @property
    def label(self) -> str:
        return f"{self.model._meta.label}.{self.field}"

    def _choices(self) -> list[tuple[Any, Any]]:
        return list(
            getattr(self.model._meta.get_field(self.field), "choices", None) or []
        )

    def get(self, action: str) -> Transition:
        try:
            return self.table[action]
        except KeyError:
            raise TransitionError(
                gettext("This action does not exist."), code="unknown_action"
            ) from None

    def state_of(self, obj: models.Model) -> str:
        return str(getattr(obj, self.field))

    def can(self, actor: Any, obj: models.Model, action: str) -> bool:
        """Is ``action`` open to ``actor`` in ``obj``'s current state? For
        buttons and links; app-specific ``check``s are left to ``transition``."""
        t = self.table.get(action)
        return (
            t is not None
            and self.state_of(obj) in t.sources
            and (actor is None or t.allowed(actor, obj))
        )

    def available(self, actor: Any, obj: models.Model) -> list[Transition]:
        return [t for t in self.transitions if self.can(actor, obj, t.action)]

    def state_label(self, value: str) -> str:
        return str(dict(self._choices()).get(value, value))


_REGISTRY: dict[tuple[type[models.Model], str], Workflow] = {}


def workflow_for(obj: models.Model, action: str, field: str | None = None) -> Workflow:
    """The workflow of ``obj``'s model that has ``action`` (on ``field``)."""
    found = [
        w
        for (model, name), w in _REGISTRY.items()
        if model is type(obj) and action in w.table and field in (None, name)
    ]
    if len(found) == 1:
        return found[0]
    if not found:
        raise TransitionError(
            gettext("This action does not exist."), code="unknown_action"
        )
    raise ValueError(f"{action} exists on several state fields: name the field.")


def _auto_now_fields(model: type[models.Model]) -> list[str]:
    return [
        f.name for f in model._meta.concrete_fields if getattr(f, "auto_now", False)
    ]


def transition(
    obj: models.Model,
    action: str,
    *,
    actor: User | None,
    comment: str = "",
    field: str | None = None,
) -> Outcome:
    """Take ``action`` on ``obj``; see the module's docstring for the steps."""
    workflow = workflow_for(obj, action, field)
    step = workflow.get(action)
    comment = comment.strip()
    with transaction.atomic():
        locked = type(obj)._default_manager.select_for_update().get(pk=obj.pk)
        from_state = workflow.state_of(locked)
        if from_state not in step.sources:
            raise TransitionError(
                str(workflow.wrong_state_message)
                % {"state": workflow.state_label(from_state)},
                code="wrong_state",
            )
        if actor is not None and not step.allowed(actor, locked):
            raise ActionRefused
        if step.comment_required and not comment:
            raise TransitionError(
                step.comment_message, field="comment", code="comment_required"
            )
        if step.check is not None:
            step.check(locked)
        setattr(locked, workflow.field, step.target)
        changed = [workflow.field]
        if step.apply is not None:
            changed += [name for name in step.apply(locked, comment) if name]
        locked.save(
            update_fields=[*dict.fromkeys(changed + _auto_now_fields(type(obj)))]
        )
        at = timezone.now()
        history = None
        if workflow.history is not None:
            history = workflow.history._default_manager.create(
                **{
                    workflow.history_object: locked,
                    workflow.history_action: step.recorded_as,
                },
                actor=actor,
                from_state=from_state,
                to_state=step.target,
                comment=comment,
                created_at=at,
            )
        outcome = Outcome(
            obj=locked,
            action=action,
            from_state=from_state,
            to_state=step.target,
            actor=actor,
            comment=comment,
            at=at,
            history=history,
        )
        if step.after is not None:
            step.after(outcome)
    # The caller's copy shows the change too.
    for name in changed + _auto_now_fields(type(obj)):
        setattr(obj, name, getattr(locked, name))
    return outcome


__all__ = [
    "Outcome",
    "Transition",
    "TransitionError",
    "Workflow",
    "transition",
    "workflow_for",
]
