"""Geo evaluation machinery: both corpus formats, span matching, the 161 km and same-entity figures."""

from __future__ import annotations

from newsledger.evaluation.geo import GoldToponym, Predicted, Tally, auc, match, read_corpus

_GWN = """<?xml version="1.0" ?>
<articles>
  <article file="7">
    <title>t</title>
    <text>Rain fell on Lakeview and on the Province of Nord.</text>
    <toponyms>
      <toponym><extractedName>Lakeview</extractedName><type>Literal</type><start>13</start><end>21</end>
        <geonamesID>101</geonamesID><latitude>10.0</latitude><longitude>20.0</longitude></toponym>
      <toponym><extractedName>Nord</extractedName><type>Demonym</type><start>45</start><end>49</end>
        <geonamesID/><latitude>1.0</latitude><longitude>1.0</longitude></toponym>
    </toponyms>
  </article>
</articles>
"""

_TRNEWS = """<?xml version="1.0" ?>
<articles>
  <article docid="42">
    <text>Floods in Ardenia hit the town of Vale.</text>
    <toponyms>
      <toponym><phrase>Ardenia</phrase><start>10</start><end>17</end>
        <gaztag geonameid="500"><name>Ardenia</name><lat>50</lat><lon>5</lon></gaztag></toponym>
      <toponym><phrase>Vale</phrase><start>33</start><end>36</end>
        <gaztag geonameid="501"><name>Vale</name><lat>49.5</lat><lon>5.5</lon></gaztag></toponym>
    </toponyms>
  </article>
</articles>
"""


def test_places_eval_reads_both_formats_with_geonames_ids(tmp_path):
    gwn = tmp_path / "g.xml"
    gwn.write_text(_GWN, encoding="utf-8")
    tr = tmp_path / "t.xml"
    tr.write_text(_TRNEWS, encoding="utf-8")
    (g,) = read_corpus(gwn)
    assert [(t.text, t.geonameid) for t in g.toponyms] == [("Lakeview", 101)]  # a demonym is no toponym
    (t,) = read_corpus(tr)
    assert [(x.text, x.geonameid) for x in t.toponyms] == [("Ardenia", 500), ("Vale", 501)]
    # an off-by-one span is re-anchored on its phrase
    assert t.toponyms[1].text == "Vale" and t.text[t.toponyms[1].start:t.toponyms[1].end] == "Vale"


def test_places_eval_same_entity_counts_the_gold_entity_at_any_distance():
    gold = [GoldToponym(0, 6, "Canada", 60.1, -113.6, 6251999), GoldToponym(10, 15, "Perth", -31.9, 115.9, 2063523),
            GoldToponym(20, 25, "Metro", 1.0, 1.0, None)]
    predicted = [Predicted(0, 6, 60.0, -95.0, "Canada", 6251999),  # same entity, 1000 km apart
                 Predicted(10, 15, 56.4, -3.4, "Perth", 2640354),  # another Perth: wrong
                 Predicted(20, 25, 1.1, 1.0, "Metro", None)]  # right within 161 km, no id
    t = Tally()
    t.add(gold, predicted)
    m = t.metrics()
    assert m["resolution_acc161"] == round(1 / 3, 4)
    assert m["resolution_same_entity"] == round(2 / 3, 4)
    assert m["resolution_same_entity"] >= m["resolution_acc161"]


def test_places_eval_match_uses_overlap_once_and_strict_equal_spans():
    gold = [GoldToponym(0, 10, "Lake Ardis", 0, 0), GoldToponym(20, 24, "Vale", 0, 0)]
    predicted = [Predicted(5, 10, 0, 0), Predicted(5, 10, 0, 0), Predicted(20, 24, 0, 0)]
    assert sorted(match(gold, predicted)) == [(0, 0), (1, 2)]
    assert match(gold, predicted, strict=True) == [(1, 2)]
    assert auc([0.0, 0.0]) == 0.0 and 0 < auc([0.0, 20039.0]) <= 1


_GWN_EMBEDDED = """<?xml version="1.0" ?>
<articles>
  <article file="1">
    <text>The Denver Gazette said floods hit Lyon on Monday.</text>
    <toponyms>
      <toponym><extractedName>Denver</extractedName><type>Embedded_Non_Lit</type><start>4</start><end>10</end>
        <geonamesID>5419384</geonamesID><latitude>39.74</latitude><longitude>-104.98</longitude></toponym>
      <toponym><extractedName>Lyon</extractedName><type>Literal</type><start>35</start><end>39</end>
        <geonamesID>2996944</geonamesID><latitude>45.75</latitude><longitude>4.85</longitude></toponym>
    </toponyms>
  </article>
  <article file="2">
    <text>Officials in Lisbon said the bridge would reopen on Friday.</text>
    <toponyms>
      <toponym><extractedName>Lisbon</extractedName><type>Literal</type><start>13</start><end>19</end>
        <geonamesID>2267057</geonamesID><latitude>38.72</latitude><longitude>-9.13</longitude></toponym>
    </toponyms>
  </article>
</articles>
"""


def test_places_eval_reports_halves_and_the_figure_without_embedded_toponyms(tmp_path, pipeline):
    from newsledger.evaluation.geo import evaluate

    path = tmp_path / "emb.xml"
    path.write_text(_GWN_EMBEDDED, encoding="utf-8")
    (first, second) = read_corpus(path)
    assert first.embedded == [(4, 10)] and second.embedded == []
    report = evaluate([path], pipeline=pipeline)
    m = report["metrics"]
    # the publication's name holds no place mention: GeoWebNews counts a miss, the extra figure does not
    assert m["emb.toponym_recall"] < 1.0 and m["emb.toponym_f1_no_embedded"] == 1.0
    assert set(report["halves"]["emb"]) == {"A", "B"}
    assert report["halves"]["emb"]["B"]["toponym_f1"] == 1.0
