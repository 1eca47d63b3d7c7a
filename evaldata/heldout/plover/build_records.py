"""Builds heldout_records.json (PLOVER gold-standard-record layout) from the table below.

Every actorText and eventText is located in the sentence by string search; the script
asserts each is an exact substring, that the spans do not overlap, and writes the
textInfo markup from those offsets.
"""
import json
from pathlib import Path

OUT = Path(__file__).with_name("heldout_records.json")
CODED = "2026-11-25"
PUB = "newsledger held-out PLOVER set (original text)"
CODER = "newsledger team, human annotator"
VERSION = "PLOVER manual draft 2.0 (16 types)"

R = []
def rec(t, date, text, src, evt, tgt=(), mode=None, ctx=None, loc=None, dead=None, injured=None, size=None, comment=None):
    R.append(dict(t=t, date=date, text=text, src=list(src), tgt=list(tgt), evt=evt, mode=mode, ctx=ctx,
                  loc=loc, dead=dead, injured=injured, size=size, comment=comment))

# ---------------------------------------------------------------- AGREE
rec("AGREE", "2025-02-11",
    "Brazil and Argentina agreed on Tuesday to revive joint work on a cross-border natural gas pipeline that has been stalled for two years, officials in Brasilia said.",
    [("Brazil", "BRA", "GOV"), ("Argentina", "ARG", "GOV")], "agreed", ctx="economic, natural_resource")
rec("AGREE", "2025-03-14",
    "Japanese Prime Minister Shigeru Ishiba pledged to help the Philippines expand its coastal surveillance network, offering patrol vessels and radar training for its coast guard.",
    [("Japanese Prime Minister Shigeru Ishiba", "JPN", "GOV")], "pledged to help", tgt=[("Philippines", "PHL", "GOV")], ctx="diplomatic, territory")
rec("AGREE", "2024-09-03",
    "Ethiopia is ready to open talks with Eritrea on access to the Red Sea port of Assab, a government spokesman told reporters in Addis Ababa.",
    [("Ethiopia", "ETH", "GOV")], "ready to open talks", tgt=[("Eritrea", "ERI", "GOV")], ctx="diplomatic, territory")
rec("AGREE", "2025-07-20",
    "The Colombian government and the ELN guerrillas have committed to a new round of negotiations in Caracas next month, mediators said on Sunday.",
    [("Colombian government", "COL", "GOV"), ("ELN guerrillas", "COL", "REB")], "committed to a new round of negotiations", ctx="diplomatic")
rec("AGREE", "2026-01-22",
    "Poland will host a donor conference for Moldova's battered energy sector in Warsaw in June, the Polish foreign ministry announced on Thursday.",
    [("Poland", "POL", "GOV")], "will host a donor conference", tgt=[("Moldova", "MDA", "GOV")], ctx="economic, diplomatic",
    comment="future hosting of a conference: AGREE per CONSULT ambiguities")
rec("AGREE", "2024-06-17",
    "Australian Foreign Minister Penny Wong invited her Chinese counterpart Wang Yi to visit Canberra later this year, saying both sides were keen to keep the dialogue on trade open.",
    [("Australian Foreign Minister Penny Wong", "AUS", "GOV")], "invited", tgt=[("Chinese counterpart Wang Yi", "CHN", "GOV")], ctx="diplomatic, economic",
    comment="invitation to a visit: AGREE per CONSULT ambiguities")

# ---------------------------------------------------------------- CONSULT
rec("CONSULT", "2025-02-24",
    "Kenyan President William Ruto flew into Kinshasa on Monday for talks with Congolese President Felix Tshisekedi on the security crisis in the east of the country.",
    [("Kenyan President William Ruto", "KEN", "GOV")], "flew into Kinshasa on Monday for talks",
    tgt=[("Congolese President Felix Tshisekedi", "COD", "GOV")], mode="visit", ctx="diplomatic")
rec("CONSULT", "2024-10-09",
    "The foreign ministers of Indonesia and Vietnam held talks on the sidelines of the ASEAN summit in Vientiane, focusing on their overlapping maritime claims.",
    [("Indonesia", "IDN", "GOV"), ("Vietnam", "VNM", "GOV")], "held talks", mode="multilateral", ctx="diplomatic, territory",
    loc=("Vientiane", "LA"))
rec("CONSULT", "2025-06-05",
    "Canadian Prime Minister Mark Carney spoke by phone with Mexican President Claudia Sheinbaum on Thursday about the upcoming review of the North American trade pact, Carney's office said.",
    [("Canadian Prime Minister Mark Carney", "CAN", "GOV"), ("Mexican President Claudia Sheinbaum", "MEX", "GOV")], "spoke by phone",
    mode="phone", ctx="economic, diplomatic", comment="no host/visitor distinction: all participants as source")
rec("CONSULT", "2025-11-12",
    "Delegations from the Venezuelan government and the opposition met in Oslo on Wednesday for a fresh round of negotiations, the first in more than a year.",
    [("Venezuelan government", "VEN", "GOV"), ("opposition", "VEN", "OPP")], "met", mode="third-party", ctx="diplomatic",
    loc=("Oslo", "NO"))
rec("CONSULT", "2024-07-08",
    "Hungary's Viktor Orban was received by Chinese President Xi Jinping in Beijing on Monday, the two leaders' second meeting in as many months.",
    [("Hungary's Viktor Orban", "HUN", "GOV")], "was received", tgt=[("Chinese President Xi Jinping", "CHN", "GOV")], mode="visit",
    ctx="diplomatic", loc=("Beijing", "CN"), comment="passive voice; visitor is source, host is target")
rec("CONSULT", "2025-09-19",
    "Chilean lawmakers held discussions with Mapuche community leaders on Friday over a long-running dispute about ancestral land in the Araucania region.",
    [("Chilean lawmakers", "CHL", "LEG"), ("Mapuche community leaders", "CHL", "CVL")], "held discussions",
    ctx="territory, religion_ethnicity", comment="no host/visitor distinction: all participants as source")

# ---------------------------------------------------------------- SUPPORT
rec("SUPPORT", "2025-05-30",
    "Ghana's parliament ratified a free trade agreement with Morocco on Friday after a brief debate.",
    [("Ghana's parliament", "GHA", "LEG")], "ratified", tgt=[("Morocco", "MAR", "GOV")], ctx="economic, legislative")
rec("SUPPORT", "2024-03-26",
    "The African Union commended Senegal for the peaceful conduct of its presidential election, calling the vote an example for the region.",
    [("African Union", "IGO", "GOV")], "commended", tgt=[("Senegal", "SEN", "GOV")], ctx="election, pro_democracy")
rec("SUPPORT", "2025-08-08",
    "Armenia and Azerbaijan initialled the text of a peace treaty at the White House on Friday, ending decades of formal hostility on paper.",
    [("Armenia", "ARM", "GOV"), ("Azerbaijan", "AZE", "GOV")], "initialled the text of a peace treaty", ctx="diplomatic, territory",
    loc=("White House", "US"))
rec("SUPPORT", "2024-04-16",
    "Spain's Socialist-led government voiced strong backing for the Palestinian Authority on Tuesday, describing it as the only legitimate partner for peace.",
    [("Spain's Socialist-led government", "ESP", "GOV")], "voiced strong backing", tgt=[("Palestinian Authority", "PSE", "GOV")], ctx="diplomatic")
rec("SUPPORT", "2024-08-21",
    "Mongolia's foreign ministry said on Wednesday that it had endorsed Thailand's candidacy for a seat on the UN Human Rights Council.",
    [("Mongolia's foreign ministry", "MNG", "GOV")], "endorsed", tgt=[("Thailand", "THA", "GOV")], ctx="diplomatic, human_rights",
    comment="reported speech")
rec("SUPPORT", "2025-01-14",
    "Malaysia and the United Arab Emirates inked a comprehensive economic partnership agreement in Abu Dhabi on Tuesday.",
    [("Malaysia", "MYS", "GOV"), ("United Arab Emirates", "ARE", "GOV")], "inked", ctx="economic",
    loc=("Abu Dhabi", "AE"), comment="signing an agreement is SUPPORT")

# ---------------------------------------------------------------- CONCEDE
rec("CONCEDE", "2025-02-04",
    "Some 300 prisoners serving sentences for minor offences were pardoned by Sri Lankan President Anura Kumara Dissanayake to mark Independence Day.",
    [("Sri Lankan President Anura Kumara Dissanayake", "LKA", "GOV")], "were pardoned", tgt=[("300 prisoners", "LKA", "CVL")], ctx="legal",
    comment="passive voice; pardon is CONCEDE")
rec("CONCEDE", "2025-03-08",
    "Peruvian authorities lifted the night-time curfew in the southern city of Juliaca on Saturday.",
    [("Peruvian authorities", "PER", "GOV")], "lifted the night-time curfew", ctx="rights_freedoms")
rec("CONCEDE", "2025-08-03",
    "The Thai army said on Sunday that its soldiers would pull back from positions near the Ta Muen Thom temple on the border with Cambodia within a week.",
    [("Thai army", "THA", "MIL")], "would pull back", ctx="territory, military",
    comment="announced future withdrawal: CONCEDE per manual")
rec("CONCEDE", "2024-06-26",
    "Kenya's government dropped its plan to raise taxes on bread and mobile money transfers, bowing to weeks of public anger.",
    [("Kenya's government", "KEN", "GOV")], "dropped its plan", ctx="economic")
rec("CONCEDE", "2024-11-12",
    "New Zealand Prime Minister Christopher Luxon formally apologised in parliament to survivors of abuse in state and church care.",
    [("New Zealand Prime Minister Christopher Luxon", "NZL", "GOV")], "formally apologised", tgt=[("survivors", "NZL", "CVL")],
    ctx="human_rights", comment="apology is CONCEDE")
rec("CONCEDE", "2025-04-02",
    "The Arakan Army declared a month-long unilateral ceasefire on Wednesday, citing the devastation caused by last week's earthquake.",
    [("Arakan Army", "MMR", "REB")], "declared a month-long unilateral ceasefire", ctx="disasters",
    comment="declaration (not implementation) of a ceasefire: CONCEDE")

# ---------------------------------------------------------------- COOPERATE
rec("COOPERATE", "2025-03-19",
    "The Indian Navy joined French warships for a week of joint exercises in the Arabian Sea starting on Wednesday.",
    [("Indian Navy", "IND", "MIL")], "joint exercises", tgt=[("French warships", "FRA", "MIL")], ctx="military")
rec("COOPERATE", "2024-11-28",
    "A suspected cocaine trafficker wanted in Brazil was extradited by Paraguay on Thursday, police in Asuncion said.",
    [("Paraguay", "PRY", "GOV")], "was extradited", tgt=[("Brazil", "BRA", "GOV")], ctx="illegal_drugs, legal",
    comment="passive voice; extradition is judicial cooperation")
rec("COOPERATE", "2025-10-07",
    "Moroccan intelligence has been sharing information on migrant-smuggling networks with Spain's Guardia Civil, officials in Madrid said.",
    [("Moroccan intelligence", "MAR", "SPY")], "sharing information", tgt=[("Spain's Guardia Civil", "ESP", "COP")],
    ctx="trafficking, intelligence")
rec("COOPERATE", "2024-05-20",
    "China has resumed imports of timber from Australia after a three-year halt, the Australian trade minister said on Monday.",
    [("China", "CHN", "GOV")], "resumed imports", tgt=[("Australia", "AUS", "GOV")], ctx="economic, natural_resource")
rec("COOPERATE", "2026-04-15",
    "Egypt began exchanging electricity with Saudi Arabia through a new high-voltage interconnector on Wednesday, the Egyptian electricity ministry said.",
    [("Egypt", "EGY", "GOV")], "began exchanging electricity", tgt=[("Saudi Arabia", "SAU", "GOV")], ctx="economic, natural_resource")
rec("COOPERATE", "2025-09-11",
    "Nigerian troops and Chadian forces carried out joint patrols on the islands of Lake Chad this week, a Nigerian defence spokesman said.",
    [("Nigerian troops", "NGA", "MIL")], "carried out joint patrols", tgt=[("Chadian forces", "TCD", "MIL")], ctx="military",
    loc=("Lake Chad", None))

# ---------------------------------------------------------------- AID
rec("AID", "2024-12-18",
    "Australia flew emergency supplies and a search-and-rescue team to Vanuatu on Wednesday after a powerful earthquake struck near Port Vila.",
    [("Australia", "AUS", "GOV")], "flew emergency supplies", tgt=[("Vanuatu", "VUT", "GOV")], ctx="disasters")
rec("AID", "2025-06-10",
    "Japan granted Bangladesh a loan of 1.2 billion dollars to build a new railway line between Dhaka and Chattogram.",
    [("Japan", "JPN", "GOV")], "granted", tgt=[("Bangladesh", "BGD", "GOV")], ctx="economic")
rec("AID", "2025-04-24",
    "Germany delivered a further batch of air defence systems to Ukraine this week, the defence ministry in Berlin confirmed.",
    [("Germany", "DEU", "GOV")], "delivered", tgt=[("Ukraine", "UKR", "GOV")], ctx="military")
rec("AID", "2025-01-30",
    "Costa Rica has granted asylum to an exiled Nicaraguan journalist, the foreign ministry in San Jose confirmed on Thursday.",
    [("Costa Rica", "CRI", "GOV")], "granted asylum", tgt=[("Nicaraguan journalist", "NIC", "JRN")], ctx="asylum")
rec("AID", "2025-10-21",
    "Mexican marines freed 14 Honduran migrants who were being held in a safe house in Tamaulipas state, the navy said.",
    [("Mexican marines", "MEX", "MIL")], "freed", tgt=[("14 Honduran migrants", "HND", "CVL")], ctx="migration, trafficking",
    loc=("Tamaulipas", "MX"), comment="rescue of captives by security forces is AID per manual")
rec("AID", "2024-04-03",
    "Medical charity Doctors Without Borders has sent two surgical teams to Haiti to support overstretched hospitals in the capital.",
    [("Doctors Without Borders", "NGO", "MED")], "sent two surgical teams", tgt=[("Haiti", "HTI", "GOV")], ctx="health")

# ---------------------------------------------------------------- RETREAT
rec("RETREAT", "2025-06-13",
    "Russia freed 95 Ukrainian prisoners of war on Friday, Ukraine's coordination headquarters for prisoners said.",
    [("Russia", "RUS", "GOV")], "freed", tgt=[("Ukrainian prisoners of war", "UKR", "MIL")], mode="release", ctx="military")
rec("RETREAT", "2026-03-04",
    "Hundreds of former combatants in Ethiopia's Tigray region handed in their weapons at a demobilisation camp near Mekelle on Wednesday.",
    [("former combatants in Ethiopia's Tigray region", "ETH", "REB")], "handed in their weapons", mode="disarm", ctx="peacekeeping",
    loc=("Mekelle", "ET"))
rec("RETREAT", "2025-01-28",
    "Serbian Prime Minister Milos Vucevic stepped down on Tuesday, saying he hoped the move would calm tensions in the country.",
    [("Serbian Prime Minister Milos Vucevic", "SRB", "GOV")], "stepped down", mode="resign", ctx="executive")
rec("RETREAT", "2025-01-30",
    "The last French soldiers left Chad on Thursday, handing over the Kossei base in N'Djamena to the Chadian army.",
    [("last French soldiers", "FRA", "MIL")], "left", tgt=[("Chadian army", "TCD", "MIL")], mode="withdraw", ctx="military",
    loc=("N'Djamena", "TD"))
rec("RETREAT", "2026-02-16",
    "Inspectors from the International Atomic Energy Agency were allowed back into Iran's Fordow enrichment site on Monday, the agency said.",
    [("Iran", "IRN", "GOV")], "were allowed back into", tgt=[("International Atomic Energy Agency", "IGO", "GOV")], mode="access", ctx="cbrn",
    comment="passive voice without by-phrase; Iran inferred from \"Iran's Fordow enrichment site\"")
rec("RETREAT", "2025-05-11",
    "Guns fell silent along the Line of Control on Sunday as Indian and Pakistani forces observed a ceasefire for a second day.",
    [("Indian", "IND", "MIL"), ("Pakistani forces", "PAK", "MIL")], "observed a ceasefire", mode="ceasefire", ctx="military, territory",
    loc=("Line of Control", None))

# ---------------------------------------------------------------- REQUEST
rec("REQUEST", "2024-08-29",
    "Chile's foreign ministry urged Bolivia to return to talks over the use of water from the Silala river.",
    [("Chile's foreign ministry", "CHL", "GOV")], "urged", tgt=[("Bolivia", "BOL", "GOV")], mode="meet", ctx="natural_resource, diplomatic")
rec("REQUEST", "2025-04-17",
    "The Bangladesh Nationalist Party called on the interim government to announce a firm date for the next general election.",
    [("Bangladesh Nationalist Party", "BGD", "PTY")], "called on", tgt=[("interim government", "BGD", "GOV")], mode="change", ctx="election")
rec("REQUEST", "2025-03-27",
    "The Lebanese government appealed to donor countries for 2 billion dollars to rebuild villages in the south.",
    [("Lebanese government", "LBN", "GOV")], "appealed", mode="assist", ctx="economic, human_security",
    comment="\"donor countries\" has no country code: no target")
rec("REQUEST", "2025-02-19",
    "British Foreign Secretary David Lammy pressed Tehran to free two British nationals held in Evin prison.",
    [("British Foreign Secretary David Lammy", "GBR", "GOV")], "pressed", tgt=[("Tehran", "IRN", "GOV")], mode="yield", ctx="diplomatic")
rec("REQUEST", "2024-05-31",
    "The Nigeria Labour Congress demanded that the federal government raise the monthly minimum wage to 250,000 naira.",
    [("Nigeria Labour Congress", "NGA", "LAB")], "demanded", tgt=[("federal government", "NGA", "GOV")], mode="change", ctx="economic")
rec("REQUEST", "2025-03-12",
    "Argentine President Javier Milei asked the International Monetary Fund for a fresh loan of 20 billion dollars, his economy minister said.",
    [("Argentine President Javier Milei", "ARG", "GOV")], "asked", tgt=[("International Monetary Fund", "IGO", "GOV")], mode="assist",
    ctx="economic")

# ---------------------------------------------------------------- ACCUSE
rec("ACCUSE", "2025-05-20",
    "The Kenyan foreign ministry summoned Tanzania's envoy on Tuesday to complain about remarks by a Tanzanian minister about Kenyan traders.",
    [("Kenyan foreign ministry", "KEN", "GOV")], "summoned", tgt=[("Tanzania's envoy", "TZA", "GOV")], mode="disapprove", ctx="diplomatic",
    comment="summoning an envoy to complain is ACCUSE, not CONSULT")
rec("ACCUSE", "2025-09-02",
    "Philippine President Ferdinand Marcos Jr. slammed Beijing's newly published national map, calling it a violation of international law.",
    [("Philippine President Ferdinand Marcos Jr.", "PHL", "GOV")], "slammed", tgt=[("Beijing", "CHN", "GOV")], mode="disapprove",
    ctx="territory, legal")
rec("ACCUSE", "2024-10-15",
    "Guatemalan prosecutors opened an inquiry into the purchase of overpriced vaccines by the health ministry.",
    [("Guatemalan prosecutors", "GTM", "JUD")], "opened an inquiry", tgt=[("health ministry", "GTM", "GOV")], mode="investigate",
    ctx="corruption, health")
rec("ACCUSE", "2025-11-07",
    "A former Malawian finance minister was charged on Friday with fraud over a 3 million dollar fertiliser contract, the Anti-Corruption Bureau said.",
    [("Anti-Corruption Bureau", "MWI", "COP")], "was charged", tgt=[("former Malawian finance minister", "MWI", "ELI")], mode="allege",
    ctx="corruption", comment="passive voice; the charging agency is named only as the speaker")
rec("ACCUSE", "2024-04-10",
    "Venezuelan President Nicolas Maduro lashed out at Guyana's government over its oil licences in the disputed Essequibo region.",
    [("Venezuelan President Nicolas Maduro", "VEN", "GOV")], "lashed out at", tgt=[("Guyana's government", "GUY", "GOV")], mode="disapprove",
    ctx="territory, natural_resource")
rec("ACCUSE", "2025-09-23",
    "Ivory Coast's electoral commission accused opposition officials of falsifying thousands of voter registration forms ahead of October's presidential election.",
    [("Ivory Coast's electoral commission", "CIV", "GOV")], "accused", tgt=[("opposition officials", "CIV", "OPP")], mode="allege",
    ctx="election")

# ---------------------------------------------------------------- REJECT
rec("REJECT", "2024-02-06",
    "Guyana rejected bilateral negotiations with Venezuela over the Essequibo region, insisting that the matter belongs before the International Court of Justice.",
    [("Guyana", "GUY", "GOV")], "rejected", tgt=[("Venezuela", "VEN", "GOV")], mode="meet", ctx="territory, legal")
rec("REJECT", "2025-08-16",
    "Indonesian immigration officials barred an Australian journalist from entering Papua province on Saturday.",
    [("Indonesian immigration officials", "IDN", "GOV")], "barred", tgt=[("Australian journalist", "AUS", "JRN")], ctx="rights_freedoms",
    comment="barring entry is REJECT per manual; no REJECT mode fits")
rec("REJECT", "2025-07-09",
    "Mali's ruling junta refused to free eleven detained opposition politicians, a government spokesman said on state television.",
    [("Mali's ruling junta", "MLI", "GOV")], "refused to free", tgt=[("eleven detained opposition politicians", "MLI", "OPP")], mode="yield",
    ctx="pro_autocracy")
rec("REJECT", "2024-11-06",
    "Niger's military government turned down a European Union offer of budget support worth 50 million euros.",
    [("Niger's military government", "NER", "GOV")], "turned down", tgt=[("European Union", "IGO", "GOV")], mode="assist", ctx="economic")
rec("REJECT", "2025-06-20",
    "Thai Prime Minister Paetongtarn Shinawatra called off talks with Cambodian officials that had been scheduled for Friday.",
    [("Thai Prime Minister Paetongtarn Shinawatra", "THA", "GOV")], "called off talks", tgt=[("Cambodian officials", "KHM", "GOV")],
    mode="meet", ctx="diplomatic, territory", comment="cancelling a meeting is REJECT per manual")
rec("REJECT", "2024-03-15",
    "Tunisian President Kais Saied said his government would not accept the International Monetary Fund's conditions for a 1.9 billion dollar loan.",
    [("Tunisian President Kais Saied", "TUN", "GOV")], "would not accept", tgt=[("International Monetary Fund", "IGO", "GOV")],
    mode="change", ctx="economic", comment="reported speech")

# ---------------------------------------------------------------- THREATEN
rec("THREATEN", "2025-06-22",
    "Iran's Revolutionary Guards warned on Sunday that they could shut the Strait of Hormuz to Western shipping.",
    [("Iran's Revolutionary Guards", "IRN", "MIL")], "warned", mode="restrict", ctx="military, natural_resource")
rec("THREATEN", "2024-10-17",
    "A tribunal in Dhaka issued an arrest warrant for ousted prime minister Sheikh Hasina, who has been living in India since August.",
    [("tribunal in Dhaka", "BGD", "JUD")], "issued an arrest warrant", tgt=[("ousted prime minister Sheikh Hasina", "BGD", "ELI")],
    mode="arrest", ctx="legal", comment="warrant against a person abroad (in absentia): THREATEN arrest per manual")
rec("THREATEN", "2025-04-14",
    "Algeria threatened to sever diplomatic ties with France over Paris's stance on Western Sahara.",
    [("Algeria", "DZA", "GOV")], "threatened to sever diplomatic ties", tgt=[("France", "FRA", "GOV")], mode="relations",
    ctx="diplomatic, territory")
rec("THREATEN", "2025-10-02",
    "Burkina Faso's military government warned foreign aid groups that they faced expulsion if they kept publishing casualty figures.",
    [("Burkina Faso's military government", "BFA", "GOV")], "warned", tgt=[("foreign aid groups", "NGO", "SOC")], mode="expel",
    ctx="rights_freedoms")
rec("THREATEN", "2025-03-31",
    "Haitian gang leader Jimmy Cherizier threatened in a video to attack police stations in Petion-Ville if officers entered neighbourhoods held by his coalition.",
    [("Haitian gang leader Jimmy Cherizier", "HTI", "CRM")], "threatened", tgt=[("police stations in Petion-Ville", "HTI", "COP")],
    mode="violence", ctx="crime")
rec("THREATEN", "2025-11-18",
    "The Rapid Support Forces threatened to take the city of El Obeid within weeks, one of their commanders said in a video posted online.",
    [("Rapid Support Forces", "SDN", "REB")], "threatened to take", mode="territory", ctx="territory")

# ---------------------------------------------------------------- PROTEST
rec("PROTEST", "2025-02-01",
    "Tens of thousands of Serbians marched through Novi Sad on Saturday in protest against the government over corruption.",
    [("Tens of thousands of Serbians", "SRB", "CVL")], "marched", tgt=[("government", "SRB", "GOV")], mode="demo", ctx="corruption",
    loc=("Novi Sad", "RS"), size="tens of thousands")
rec("PROTEST", "2025-04-07",
    "Dockworkers at Argentina's main grain ports walked off the job on Monday in a 48-hour strike against the government's labour reform.",
    [("Dockworkers at Argentina's main grain ports", "ARG", "LAB")], "walked off the job", tgt=[("government", "ARG", "GOV")],
    mode="strike", ctx="economic")
rec("PROTEST", "2024-12-09",
    "Eight jailed Tibetan monks have been on hunger strike for a week in protest at their treatment by Chinese prison authorities, a rights group said.",
    [("Eight jailed Tibetan monks", "CHN", "REL")], "on hunger strike", tgt=[("Chinese prison authorities", "CHN", "GOV")], mode="hunger",
    ctx="religion_ethnicity, human_rights", size="8")
rec("PROTEST", "2024-02-26",
    "Belgian farmers drove hundreds of tractors onto the ring road around Brussels, blocking traffic for hours to protest against EU farm policy.",
    [("Belgian farmers", "BEL", "AGR")], "blocking traffic", tgt=[("EU", "IGO", "GOV")], mode="obstruct", ctx="economic",
    loc=("Brussels", "BE"))
rec("PROTEST", "2024-05-15",
    "Pro-independence youths rioted for a third night in Noumea, looting shops and setting cars ablaze in anger at a French electoral reform.",
    [("Pro-independence youths", "FRA", "CVL")], "rioted", mode="riot", ctx="election, territory", loc=("Noumea", "NC"),
    comment="New Caledonia is folded into France (FRA) per the manual's dependency rule")
rec("PROTEST", "2024-11-25",
    "Opposition lawmakers in Georgia boycotted the first session of the new parliament in protest at the ruling Georgian Dream party.",
    [("Opposition lawmakers in Georgia", "GEO", "LEG")], "boycotted", tgt=[("ruling Georgian Dream party", "GEO", "PTY")],
    mode="boycott", ctx="election, legislative")

# ---------------------------------------------------------------- SANCTION
rec("SANCTION", "2025-04-29",
    "Washington slapped sanctions on three senior Nicaraguan officials on Tuesday, freezing any assets they hold in the United States.",
    [("Washington", "USA", "GOV")], "slapped sanctions", tgt=[("three senior Nicaraguan officials", "NIC", "GOV")], mode="discontinue",
    ctx="diplomatic")
rec("SANCTION", "2025-12-04",
    "Azerbaijan declared two French diplomats persona non grata on Thursday and gave them 48 hours to leave the country.",
    [("Azerbaijan", "AZE", "GOV")], "persona non grata", tgt=[("two French diplomats", "FRA", "GOV")], mode="expel", ctx="diplomatic")
rec("SANCTION", "2024-06-03",
    "Peru recalled its ambassador from Mexico City for consultations on Monday, the foreign ministry in Lima said.",
    [("Peru", "PER", "GOV")], "recalled its ambassador", tgt=[("Mexico City", "MEX", "GOV")], mode="withdraw", ctx="diplomatic",
    comment="capital city as the object of a diplomatic act: GOV")
rec("SANCTION", "2026-05-12",
    "A retired Chilean army general was convicted by a court in Santiago of misusing military funds and fined 180,000 dollars.",
    [("court in Santiago", "CHL", "JUD")], "was convicted", tgt=[("retired Chilean army general", "CHL", "ELI")], mode="convict",
    ctx="corruption, legal", comment="passive voice; fine only, no prison term")
rec("SANCTION", "2024-09-09",
    "Russia banned fruit imports from Moldova on Monday, citing pest contamination in recent shipments.",
    [("Russia", "RUS", "GOV")], "banned fruit imports", tgt=[("Moldova", "MDA", "GOV")], mode="discontinue", ctx="economic")
rec("SANCTION", "2025-01-29",
    "Burkina Faso, Mali and Niger formally quit the Economic Community of West African States on Wednesday.",
    [("Burkina Faso", "BFA", "GOV"), ("Mali", "MLI", "GOV"), ("Niger", "NER", "GOV")], "formally quit",
    tgt=[("Economic Community of West African States", "IGO", "GOV")], mode="withdraw", ctx="diplomatic, political_institutions")

# ---------------------------------------------------------------- MOBILIZE
rec("MOBILIZE", "2025-01-19",
    "Colombian troops rolled into the Catatumbo region near the Venezuelan border on Sunday, with 5,000 extra soldiers sent to the area, the defence ministry said.",
    [("Colombian troops", "COL", "MIL")], "rolled into", mode="troops", ctx="military", loc=("Catatumbo", "CO"))
rec("MOBILIZE", "2024-10-15",
    "South Korea's Joint Chiefs of Staff said North Korean forces had moved multiple rocket launchers closer to the border.",
    [("North Korean forces", "PRK", "MIL")], "had moved multiple rocket launchers", mode="weapons", ctx="military",
    comment="reported speech; the South Korean JCS is only the speaker")
rec("MOBILIZE", "2026-06-18",
    "Police in Islamabad were placed on high alert on Thursday, with more than 8,000 officers deployed around government buildings ahead of a court verdict involving former prime minister Imran Khan.",
    [("Police in Islamabad", "PAK", "COP")], "were placed on high alert", mode="police", ctx="legal", loc=("Islamabad", "PK"))
rec("MOBILIZE", "2025-08-27",
    "Rebels in the north of the Central African Republic massed hundreds of fighters outside the town of Ndele, local officials said.",
    [("Rebels in the north of the Central African Republic", "CAF", "REB")], "massed hundreds of fighters", mode="militia",
    ctx="territory", loc=("Ndele", "CF"))
rec("MOBILIZE", "2025-12-08",
    "The Chinese navy dispatched an aircraft carrier group to waters east of Taiwan on Monday, the island's defence ministry said.",
    [("Chinese navy", "CHN", "MIL")], "dispatched an aircraft carrier group", tgt=[("Taiwan", "TWN", "GOV")], mode="weapons",
    ctx="military, territory", comment="ships: MOBILIZE weapons per manual")
rec("MOBILIZE", "2026-02-09",
    "Lithuania's army placed its rapid reaction force on high alert along the border with Belarus on Monday.",
    [("Lithuania's army", "LTU", "MIL")], "placed its rapid reaction force on high alert", tgt=[("Belarus", "BLR", "GOV")], mode="troops",
    ctx="military")

# ---------------------------------------------------------------- COERCE
rec("COERCE", "2025-11-05",
    "Three opposition leaders were arrested by Ugandan police in Kampala on Wednesday, their lawyers said.",
    [("Ugandan police", "UGA", "COP")], "were arrested", tgt=[("Three opposition leaders", "UGA", "OPP")], mode="arrest",
    ctx="rights_freedoms", loc=("Kampala", "UG"), comment="passive voice")
rec("COERCE", "2024-09-09",
    "Indian authorities imposed an indefinite curfew in two districts of Manipur on Monday.",
    [("Indian authorities", "IND", "GOV")], "imposed an indefinite curfew", mode="curfew", ctx="rights_freedoms", loc=("Manipur", "IN"))
rec("COERCE", "2025-10-29",
    "Tanzania's government cut off internet access nationwide on election day, according to the monitoring group NetBlocks.",
    [("Tanzania's government", "TZA", "GOV")], "cut off internet access", mode="withhold", ctx="election, rights_freedoms")
rec("COERCE", "2025-11-03",
    "The Dominican Republic deported more than 10,000 Haitians last month, the country's migration agency said.",
    [("Dominican Republic", "DOM", "GOV")], "deported", tgt=[("Haitians", "HTI", "CVL")], mode="deport", ctx="migration")
rec("COERCE", "2025-03-20",
    "Turkish police raided the Istanbul offices of an opposition television channel and seized its broadcasting equipment.",
    [("Turkish police", "TUR", "COP")], "raided", tgt=[("opposition television channel", "TUR", "JRN")], mode="seize",
    ctx="rights_freedoms", loc=("Istanbul", "TR"))
rec("COERCE", "2024-08-07",
    "Thailand's Constitutional Court dissolved the opposition Move Forward party on Wednesday.",
    [("Thailand's Constitutional Court", "THA", "JUD")], "dissolved", tgt=[("opposition Move Forward party", "THA", "PTY")],
    mode="restrict", ctx="political_institutions, legal")

# ---------------------------------------------------------------- ASSAULT
rec("ASSAULT", "2025-05-13",
    "Myanmar military aircraft bombed a village in the Sagaing region on Tuesday, killing at least 18 people, residents said.",
    [("Myanmar military aircraft", "MMR", "MIL")], "bombed", tgt=[("village in the Sagaing region", "MMR", "CVL")], mode="aerial",
    ctx="military", loc=("Sagaing", "MM"), dead="18")
rec("ASSAULT", "2025-05-04",
    "The paramilitary Rapid Support Forces launched a drone attack on Port Sudan on Sunday, hitting the city's airport and a fuel depot, the army said.",
    [("paramilitary Rapid Support Forces", "SDN", "REB")], "launched a drone attack", tgt=[("Port Sudan", "SDN", "CVL")],
    mode="drone", loc=("Port Sudan", "SD"))
rec("ASSAULT", "2026-01-16",
    "A suicide bomber struck a mosque in Peshawar during Friday prayers, killing at least 30 worshippers.",
    [("suicide bomber", "PAK", "UAF")], "struck", tgt=[("worshippers", "PAK", "CVL")], mode="suicide-attack",
    ctx="terrorism, religion_ethnicity", loc=("Peshawar", "PK"), dead="30")
rec("ASSAULT", "2025-08-12",
    "Jihadist gunmen ambushed a Burkinabe army convoy near Djibo on Tuesday, killing 12 soldiers, security sources said.",
    [("Jihadist gunmen", "BFA", "REB")], "ambushed", tgt=[("Burkinabe army convoy", "BFA", "MIL")], mode="firearms",
    ctx="terrorism", loc=("Djibo", "BF"), dead="12")
rec("ASSAULT", "2024-06-03",
    "A mayor in Mexico's Guerrero state was shot dead outside his home by unidentified attackers on Monday.",
    [("unidentified attackers", "MEX", "UAF")], "was shot dead", tgt=[("mayor in Mexico's Guerrero state", "MEX", "GOV")],
    mode="targeted", ctx="crime", loc=("Guerrero", "MX"), dead="1", comment="passive voice; targeted killing with firearms")
rec("ASSAULT", "2025-07-24",
    "Thai and Cambodian troops shelled each other's positions along their disputed border on Thursday, leaving at least 12 people dead.",
    [("Thai", "THA", "MIL"), ("Cambodian troops", "KHM", "MIL")], "shelled", mode="heavy-weapons", ctx="military, territory",
    dead="12", comment="two-sided violence: all participants as source, no target")


def find(text, phrase, taken):
    start = text.find(phrase)
    while start != -1:
        end = start + len(phrase)
        if all(end <= s or start >= e for s, e, _ in taken):
            return start, end
        start = text.find(phrase, start + 1)
    raise ValueError(f"{phrase!r} not found (free) in {text!r}")


def build():
    out = [{
        "id": "NLHO-PLOVER-DOCUMENT-0001",
        "event": "DOCUMENT",
        "eventText": "'DOCUMENT' records document the file. Held-out PLOVER event records written for newsledger: "
                     "96 original news-style sentences, six per current PLOVER type, one event each, coded with the "
                     "current manual's 16 types, modes, contexts, ISO 3166 alpha-3 codes and sector codes.",
        "publication": PUB, "coder": CODER, "version": VERSION, "dateCoded": CODED,
        "license": "Creative Commons Attribution 4.0 International (CC BY 4.0)",
        "copyright": "Written for newsledger by the team as a held-out test set; original text",
        "comment": "See README.md in this folder for conventions.",
    }]
    counts = {}
    for r in R:
        t = r["t"]
        counts[t] = counts.get(t, 0) + 1
        text = r["text"]
        taken = []
        for role, actors in (("SRC", r["src"]), ("TAR", r["tgt"])):
            for a in actors:
                s, e = find(text, a[0], taken)
                taken.append((s, e, role))
        s, e = find(text, r["evt"], taken)
        taken.append((s, e, "EVT"))
        markup = text
        for s, e, role in sorted(taken, reverse=True):
            markup = markup[:s] + f"({role}: {text[s:e]})" + markup[e:]
        for s, e, role in taken:
            assert text[s:e] in (r["evt"],) + tuple(a[0] for a in r["src"] + r["tgt"])
        d = {"id": f"NLHO-PLOVER-{t}-{counts[t]:04d}", "date": r["date"],
             "source": [{"actorText": a[0], "code": a[1], "sector": a[2]} for a in r["src"]]}
        if r["tgt"]:
            d["target"] = [{"actorText": a[0], "code": a[1], "sector": a[2]} for a in r["tgt"]]
        d["event"] = t
        if r["mode"]:
            d["mode"] = r["mode"]
        d["eventText"] = r["evt"]
        if r["ctx"]:
            d["context"] = r["ctx"]
        d["text"] = text
        d["textInfo"] = {"markup": markup}
        if r["loc"]:
            name, cc = r["loc"]
            d["eventLoc"] = {"name": name, **({"country code": cc} if cc else {})}
            assert name in text, (name, text)
        for k in ("dead", "injured", "size"):
            if r[k]:
                d[k] = r[k]
        d.update({"language": "en", "publication": PUB, "coder": CODER, "version": VERSION, "dateCoded": CODED})
        if r["comment"]:
            d["comment"] = r["comment"]
        out.append(d)
    OUT.write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return out, counts


if __name__ == "__main__":
    out, counts = build()
    print(len(out), counts)
