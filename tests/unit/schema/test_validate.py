import pytest

from portfoliogen.content import model as content_model
from portfoliogen.content.model import CaseStudy, Service
from portfoliogen.errors import SiteErrors
from portfoliogen.schema.validate import validate_model
from portfoliogen.schema.yamlfile import load_yaml


def errors_of(cls, text, prefix=(), display="f.yaml"):
    data, locs = load_yaml(text, display)
    with pytest.raises(SiteErrors) as err:
        validate_model(cls, data if not prefix else data[prefix[0]], locs, display, prefix=prefix)
    return [str(e) for e in err.value.errors]


def test_unknown_key_with_suggestion():
    assert errors_of(CaseStudy, "title: a\nsummary: b\ndate: 2024-01\ntilte: c\n") == [
        "f.yaml:4:1: unknown key 'tilte' (did you mean 'title'?)"]


def test_all_problems_reported_at_once():
    errs = errors_of(CaseStudy, "summary: b\ndate: 2024-13\nfeatured: maybe\n")
    assert errs == [
        "f.yaml:1:1: missing required field 'title'",
        "f.yaml:2:7: date: '2024-13' is not a valid date: month must be in 1..12",
        "f.yaml:3:11: featured: expected true or false, got 'maybe'",
    ]


def test_nested_fields_are_named_by_path():
    errs = errors_of(CaseStudy, "title: a\nsummary: b\ndate: 2024-01\ngallery:\n  - src: x.png\n    alt: X\n"
                                "  - src: y.png\n    captoin: c\n")
    assert "f.yaml:7:5: missing required field 'alt' in gallery[1]" in errs
    assert "f.yaml:8:5: unknown key 'gallery[1].captoin' (did you mean 'caption'?)" in errs


def test_currency_and_unit_in_a_list_item():
    errs = errors_of(Service, "- id: a\n  name: A\n  summary: s\n  price: {from: 10, currency: EURO, unit: hours}\n",
                     prefix=(0,))
    assert errs == [
        "f.yaml:4:31: price.currency: 'EURO' is not an ISO 4217 currency code (e.g. EUR, USD, GBP)",
        "f.yaml:4:43: price.unit: 'hours' is not one of 'project', 'hour', 'day' or 'month' (did you mean 'hour'?)",
    ]


def test_derived_fields_cannot_be_set_by_users():
    errs = errors_of(CaseStudy, "title: a\nsummary: b\ndate: 2024-01\nbody_html: <script>\n")
    assert errs == ["f.yaml:4:1: unknown key 'body_html'"]


def test_bad_url_and_slug():
    errs = errors_of(content_model.Testimonial, "id: Not A Slug\nquote: q\nauthor: a\nsource_url: linkedin.com/x\n")
    assert errs == [
        "f.yaml:1:5: id: 'Not A Slug' is not a slug: use lower-case letters, digits and '-' (did you mean 'not-a-slug'?)",
        "f.yaml:4:13: source_url: 'linkedin.com/x' is not an absolute http(s) URL",
    ]


def test_valid_case_study_dates():
    data, locs = load_yaml("title: a\nsummary: b\ndate: 2024-03\n", "f")
    cs = validate_model(CaseStudy, data, locs, "f")
    assert cs.date.isoformat() == "2024-03"
    data, locs = load_yaml("title: a\nsummary: b\ndate: 2024-03-05\n", "f")
    assert validate_model(CaseStudy, data, locs, "f").date.isoformat() == "2024-03-05"
