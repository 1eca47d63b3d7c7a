"""Gazetteer: first- and second-level divisions carry their GeoNames ids and alternate names."""

from __future__ import annotations

from newsledger.gazetteer import Gazetteer, bare_region_name
from newsledger.gazetteer.build import _divisions


def test_gazetteer_divisions_table_gives_ids_by_admin_code():
    level1, level2 = _divisions()
    assert len(level1) > 3000 and len(level2) > 10_000
    assert all(d.gid > 0 for d in list(level1.values())[:100])
    assert any(code.startswith("US.") for code, _ in level2)


def test_gazetteer_regions_have_geonames_ids_and_local_names():
    g = Gazetteer.open()
    alberta = [p for p in g.lookup("Alberta") if p.kind == "region" and p.level == 1]
    assert alberta and alberta[0].geonameid > 0 and alberta[0].country == "CAN"
    # an English name of a division the admin tables spell otherwise
    assert any(p.kind == "region" and p.country == "CHN" for p in g.lookup("Jiangsu"))


def test_gazetteer_county_of_prefix_is_administrative():
    assert bare_region_name("County of Brant") == "brant"
    assert bare_region_name("Town of Greenwich") == "greenwich"


def test_gazetteer_second_level_divisions_known_by_their_geonames_names():
    g = Gazetteer.open()
    # the admin table labels these "Sir Powys" and "Kauai County"; GeoNames also has "Powys" and "Kauai"
    assert any(p.kind == "region" and p.level == 2 and p.country == "GBR" for p in g.lookup("Powys"))
    assert any(p.kind == "region" and p.level == 2 and p.country == "USA" for p in g.lookup("Kauai"))
