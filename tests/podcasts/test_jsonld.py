import json

from ecoc_hub.core.jsonld import jsonld_script


def test_jsonld_script_wraps_the_data_with_the_schema_org_context():
    html = jsonld_script({"@type": "PodcastSeries", "name": "Talks", "image": ""})

    assert html == (
        '<script type="application/ld+json">'
        '{"@context": "https://schema.org", "@type": "PodcastSeries", "name": "Talks"}'
        "</script>"
    )


def test_jsonld_script_cannot_be_broken_out_of_by_its_strings():
    html = jsonld_script({"name": "</script><script>alert(1)</script> & <!--"})

    body = html.removeprefix('<script type="application/ld+json">').removesuffix(
        "</script>"
    )
    assert "<" not in body
    assert json.loads(body)["name"] == "</script><script>alert(1)</script> & <!--"
