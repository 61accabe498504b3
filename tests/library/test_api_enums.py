"""The API's choices come from the library's enums (issue 10: choices defined
once): the OpenAPI document lists exactly the values the database accepts."""

from typing import get_args

from ecoc_hub.api.v1 import api
from ecoc_hub.library.api import ApiAccess
from ecoc_hub.library.enums import Access, CreatorKind, Licence, ResourceType


def _schemas() -> dict:
    return api.get_openapi_schema()["components"]["schemas"]


def test_the_openapi_enums_are_the_choices_of_the_models():
    schemas = _schemas()

    assert schemas["ResourceType"]["enum"] == ResourceType.values
    assert schemas["Licence"]["enum"] == Licence.values
    assert schemas["CreatorKind"]["enum"] == CreatorKind.values


def test_the_api_offers_the_access_levels_that_need_no_team():
    assert list(get_args(ApiAccess)) == [Access.PUBLIC, Access.MEMBERS]
    assert _schemas()["ResourceIn"]["properties"]["access"]["enum"] == [
        "public",
        "members",
    ]
