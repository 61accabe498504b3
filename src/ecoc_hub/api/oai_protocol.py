"""The OAI-PMH protocol's pieces: the envelope, arguments, dates and signed
resumption tokens (the verbs are in ``api.oai``).

Resumption tokens are signed, not stored: each carries the request (prefix,
from, until, set), where the list stopped (phase and last primary key) and
when it was issued. They stay valid for ``TOKEN_LIFETIME`` and across
restarts, as long as the secret key is kept.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from django.core import signing
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ecoc_hub.library.metadata import (
    absolute,
)

from .xmlformats import (
    XSI_NS,
)

OAI_NS = "http://www.openarchives.org/OAI/2.0/"
OAI_SCHEMA = "http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd"
TOKEN_LIFETIME = dt.timedelta(days=7)
TOKEN_SALT = "ecoc_hub.api.oai.resumption"  # noqa: S105 - a namespace, not a secret
REPOSITORY_ID = re.compile(r"[a-zA-Z][a-zA-Z0-9\-]*(\.[a-zA-Z][a-zA-Z0-9\-]*)+")

ET.register_namespace("", OAI_NS)
ET.register_namespace(
    "oai-identifier", "http://www.openarchives.org/OAI/2.0/oai-identifier"
)

ARGUMENTS = {
    "Identify": (set(), set()),
    "ListMetadataFormats": (set(), {"identifier"}),
    "ListSets": (set(), {"resumptionToken"}),
    "GetRecord": ({"identifier", "metadataPrefix"}, set()),
    "ListIdentifiers": (
        {"metadataPrefix"},
        {"from", "until", "set", "resumptionToken"},
    ),
    "ListRecords": ({"metadataPrefix"}, {"from", "until", "set", "resumptionToken"}),
}


class OAIError(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def _q(tag: str) -> str:
    return f"{{{OAI_NS}}}{tag}"


def _stamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _sub(parent: ET.Element, tag: str, text: str = "") -> ET.Element:
    element = ET.SubElement(parent, _q(tag))
    if text:
        element.text = text
    return element


def _envelope(request_args: dict[str, str]) -> ET.Element:
    root = ET.Element(
        _q("OAI-PMH"), {f"{{{XSI_NS}}}schemaLocation": f"{OAI_NS} {OAI_SCHEMA}"}
    )
    _sub(root, "responseDate", _stamp(timezone.now()))
    request_element = _sub(root, "request", base_url())
    for name, value in request_args.items():
        request_element.set(name, value)
    return root


def base_url() -> str:
    return absolute(reverse("api:oai"))


def _parse_datetime(value: str) -> tuple[dt.datetime, str]:
    """A from/until value and its granularity ("day" or "second")."""
    try:
        if len(value) == 10:
            day = dt.date.fromisoformat(value)
            return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC), "day"
        if len(value) == 20 and value.endswith("Z") and value[10] == "T":
            moment = dt.datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ")
            return moment.replace(tzinfo=dt.UTC), "second"
    except ValueError:
        pass
    raise OAIError(
        "badArgument", str(_("Dates are YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ."))
    )


@dataclass
class ListRequest:
    prefix: str
    start: str = ""
    end: str = ""
    set_spec: str = ""
    phase: str = "r"  # "r": resources, "d": deleted rows
    after: int = 0
    served: int = 0

    def token(self) -> str:
        return signing.dumps(
            {
                "m": self.prefix,
                "f": self.start,
                "u": self.end,
                "s": self.set_spec,
                "p": self.phase,
                "a": self.after,
                "n": self.served,
            },
            salt=TOKEN_SALT,
            compress=True,
        )

    @classmethod
    def from_token(cls, token: str) -> ListRequest:
        try:
            data = signing.loads(token, salt=TOKEN_SALT, max_age=TOKEN_LIFETIME)
            return cls(
                prefix=str(data["m"]),
                start=str(data["f"]),
                end=str(data["u"]),
                set_spec=str(data["s"]),
                phase=str(data["p"]),
                after=int(data["a"]),
                served=int(data["n"]),
            )
        except signing.SignatureExpired as error:
            raise OAIError(
                "badResumptionToken", str(_("The resumption token has expired."))
            ) from error
        except (signing.BadSignature, KeyError, TypeError, ValueError) as error:
            raise OAIError(
                "badResumptionToken", str(_("The resumption token is not valid."))
            ) from error


def _window(request: ListRequest) -> tuple[dt.datetime | None, dt.datetime | None]:
    start = end = None
    granularity = ""
    if request.start:
        start, granularity = _parse_datetime(request.start)
    if request.end:
        end, end_granularity = _parse_datetime(request.end)
        if granularity and granularity != end_granularity:
            raise OAIError(
                "badArgument", str(_("from and until must have the same granularity."))
            )
        if end_granularity == "day":
            end += dt.timedelta(days=1, seconds=-1)
    if start and end and start > end:
        raise OAIError("badArgument", str(_("from is later than until.")))
    return start, end


def _arguments(data: QueryDict) -> dict[str, str]:
    args: dict[str, str] = {}
    for key in data:
        values = data.getlist(key)
        if any("\x00" in value for value in values) or "\x00" in key:
            raise OAIError("badArgument", str(_("Arguments may not contain NUL.")))
        if len(values) != 1:
            raise OAIError(
                "badArgument",
                str(_("The argument “%(name)s” is repeated.")) % {"name": key},
            )
        args[key] = values[0]
    return args


def _check_arguments(verb: str, args: dict[str, str]) -> None:
    required, optional = ARGUMENTS[verb]
    given = set(args) - {"verb"}
    if "resumptionToken" in given and given != {"resumptionToken"}:
        raise OAIError(
            "badArgument", str(_("resumptionToken is an exclusive argument."))
        )
    if "resumptionToken" in given:
        return
    if unknown := given - required - optional:
        raise OAIError(
            "badArgument",
            str(_("Illegal arguments: %(names)s."))
            % {"names": ", ".join(sorted(unknown))},
        )
    if missing := required - given:
        raise OAIError(
            "badArgument",
            str(_("Missing arguments: %(names)s."))
            % {"names": ", ".join(sorted(missing))},
        )
