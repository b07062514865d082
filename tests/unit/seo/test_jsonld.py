"""seo/jsonld.py: offer prices and empty values."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from portfoliogen.seo.jsonld import JsonLd, _clean


def _service(price):
    return SimpleNamespace(id="s", name="Audit", summary="A review", price=price)


@pytest.mark.parametrize("price, expected", [
    (SimpleNamespace(from_=4800, to=None, currency="EUR", unit="project"),
     {"@type": "PriceSpecification", "priceCurrency": "EUR", "minPrice": 4800}),
    (SimpleNamespace(from_=4800, to=9000, currency="EUR", unit="project"),
     {"@type": "PriceSpecification", "priceCurrency": "EUR", "minPrice": 4800, "maxPrice": 9000}),
    (SimpleNamespace(from_=95.5, to=None, currency="USD", unit="hour"),
     {"@type": "UnitPriceSpecification", "priceCurrency": "USD", "unitCode": "HUR", "unitText": "hour",
      "minPrice": 95.5}),
    (SimpleNamespace(from_=None, to=3000, currency="GBP", unit="month"),
     {"@type": "UnitPriceSpecification", "priceCurrency": "GBP", "unitCode": "MON", "unitText": "month",
      "price": 3000}),
])
def test_offer_price_specification(price, expected) -> None:
    ld = JsonLd.__new__(JsonLd)
    ld.abs_url = lambda p: "https://a.example" + p
    ld.person_id = "https://a.example/#person"
    assert ld.offer(_service(price))["priceSpecification"] == expected
    assert "priceSpecification" not in ld.offer(_service(None))


def test_clean_drops_empty_values() -> None:
    assert _clean({"a": None, "b": "", "c": [], "d": {"e": None}, "f": [1, None], "g": 0}) == {"f": [1], "g": 0}
