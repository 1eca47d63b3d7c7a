"""The package's one great-circle distance."""

from __future__ import annotations

import pytest

from newsledger.geodesy import haversine_km


@pytest.mark.parametrize(("a", "b", "km"), [
    ((0.0, 0.0), (0.0, 1.0), 111.195),       # one degree of longitude on the equator
    ((0.0, 0.0), (1.0, 0.0), 111.195),       # one degree of latitude
    ((90.0, 0.0), (-90.0, 0.0), 20015.1),    # pole to pole: half the circumference
    ((10.0, 170.0), (10.0, -170.0), 2190.3), # across the antimeridian
])
def test_geodesy_haversine_known_distances(a, b, km):
    assert haversine_km(*a, *b) == pytest.approx(km, rel=1e-3)


def test_geodesy_haversine_is_symmetric_and_zero_on_a_point():
    assert haversine_km(48.85, 2.35, 51.51, -0.13) == pytest.approx(haversine_km(51.51, -0.13, 48.85, 2.35))
    assert haversine_km(12.3, 45.6, 12.3, 45.6) == 0.0


def test_geodesy_store_wrapper_keeps_missing_coordinates_missing():
    from newsledger.store.backend import haversine_km as store_km

    assert store_km(None, 1.0, 2.0, 3.0) is None
    assert store_km(0.0, 0.0, 0.0, 1.0) == pytest.approx(haversine_km(0.0, 0.0, 0.0, 1.0))
