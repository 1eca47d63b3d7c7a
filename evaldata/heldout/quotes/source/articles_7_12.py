# Marked-up source of the held-out attribution set (articles 7-12); see articles_1_6.py.

ARTICLES = {}

ARTICLES["wire_2026-08-27_pacific-forum-climate-finance"] = """
{{S1|Pacific leaders}} {{C1|demand}} {{Q1|faster climate finance}} at Honiara summit

HONIARA, Solomon Islands — {{S2|Leaders of Pacific island nations}} on Wednesday {{C2|called on}} {{Q2|wealthy countries to speed up the delivery of money promised to help the region adapt to rising seas and stronger storms}}.

{{Q12|"For us, the ocean is not a border but a road,"}} {{S12|Solomon Islands Foreign Minister Peter Tanito}} {{C12|said in his opening address}}. {{Q12|"When the road floods, every village is cut off."}}

{{S3|The final communique of the Pacific Islands Forum}} {{C3|described}} {{Q3|climate change as "the single greatest threat to the livelihoods, security and wellbeing" of the region's peoples}}.

{{Q4|"We did not come here to write another beautiful declaration,"}} {{S4|Tuvalu's climate envoy, Seini Teleke}}, {{C4|said}}. {{Q4|"We came to ask a simple question: where is the money that was promised in Paris, in Glasgow, in Dubai? Our islands cannot wait for the paperwork."}}

{{S5|Teleke}} {{C5|said}} {{Q5|less than a fifth of the funds set aside for small island states had actually been paid out}}, largely because of complex application rules.

{{S6|An Australian government spokeswoman}} {{C6|said}} {{Q6|Canberra would contribute an additional 150 million Australian dollars to a regional resilience fund}}. {{Q7|"We hear the frustration, and we take it seriously,"}} {{S7|she}} {{C7|said}}.

{{C8|According to}} {{S8|the Forum secretariat}}, {{Q8|fourteen of its eighteen members now have national plans to relocate communities threatened by coastal erosion}}. In Fiji alone, more than 40 villages have been identified for possible relocation. {{Q13|Sea levels around some western Pacific islands have risen by about 15 centimetres since 1993}}, {{C13|according to}} {{S13|data from the World Meteorological Organization}}.

{{S9|Several diplomats}} {{C9|said}} {{Q9|the talks had been overshadowed by competition between China and the United States for influence in the region}}, with both countries sending large delegations to Honiara as observers.

{{Q10|"The Pacific is not a chessboard,"}} {{C10|said}} {{S10|Fiji's deputy prime minister, Josefa Vosanibola}}. {{Q10|"We are happy to work with everyone who respects our priorities. Our first priority is survival."}}

{{S11|The leaders}} {{C11|agreed}} {{Q11|to meet again next year in Nuku'alofa, Tonga}}, where the Forum will mark the 55th anniversary of its founding.
"""

ARTICLES["wire_2026-10-13_south-africa-court-independents"] = """
South African court strikes down hurdle for independent candidates

JOHANNESBURG — {{S1|South Africa’s Constitutional Court}} {{C1|ruled}} on Tuesday {{Q1|that a provision of the Electoral Act requiring independent candidates to gather signatures from 15 percent of the voters in their region was unconstitutional}}.

{{Q2|“The right to stand for public office is not a privilege reserved for members of political parties,”}} {{S2|Justice Nomvula Dlamini}} {{C2|wrote}} for a unanimous court. {{S3|The judgment}} {{C3|added}}: {{Q3|“A threshold that almost no independent candidate could ever meet is, in substance, a barrier dressed up as a rule.”}}

{{S4|The court}} {{C4|ordered}} {{Q4|parliament to amend the law within 12 months}}. Until then, independent candidates will need signatures from 1,000 registered voters, the same number required of new parties.

The case was brought by One Voice South Africa, a civic group founded in 2021. {{Q5|“Today is a good day for every South African who has ever walked into a voting booth and found no one worth voting for,”}} {{C5|said}} {{S5|Thabo Mokoena, the group’s chairman}}, outside the court. {{S12|Mokoena}} {{C12|said}} {{Q12|his group would next challenge the way parliamentary seats are allocated between national and regional lists}}. {{Q13|“This is the first step, not the last,”}} {{S13|he}} {{C13|said}}.

{{S6|The Electoral Commission}} {{C6|said in a statement}} {{Q6|that it “respects the judgment” and would study its implications for the 2029 national elections}}.

{{S7|An African National Congress spokesman, Sipho Ndaba}}, {{C7|said}} {{Q7|the party would “engage constructively” with the parliamentary process}}. {{S8|He}} {{C8|added}}: {{Q8|“We have never been afraid of competition. Independent candidates are welcome to test their support at the ballot box, like everybody else.”}}

{{S9|Lerato Khumalo, who teaches constitutional law at the University of the Witwatersrand}}, {{C9|said}} {{Q9|the ruling could encourage a wave of independent candidacies in local and provincial races}}. {{Q10|“The signature requirement,”}} {{S10|Khumalo}} {{C10|said}}, {{Q10|“was one of the last structural advantages the big parties had kept for themselves.”}}

{{C11|According to}} {{S11|commission data}}, {{Q11|only 11 independent candidates appeared on regional ballots in last year’s national and provincial elections, and none of them won a seat}}.

Parliament’s home affairs committee will begin work on an amendment early next year.
"""

ARTICLES["wire_2026-09-24_bank-of-japan-hold"] = """
{{S1|Bank of Japan}} holds rates steady, {{C1|signals}} {{Q1|hike possible in autumn}}

TOKYO — {{S2|The Bank of Japan}} kept its short-term interest rate unchanged at 0.75 percent on Thursday but {{C2|signalled}} {{Q2|that it could raise borrowing costs as early as October if wage growth holds up}}.

{{Q3|"The underlying inflation trend is moving closer to our target,"}} {{S3|Deputy Governor Hiroshi Nakamura}} {{C3|told}} a news conference after the two-day policy meeting. {{Q3|"We will not hesitate to act when the data give us confidence. At the same time, we must be careful not to move too early."}}

{{S4|Nakamura}} {{C4|rejected}} {{Q4|suggestions that the bank had waited too long}}. {{Q5|"Some people say we are 'behind the curve.' I do not accept that,"}} {{S5|he}} {{C5|said}}. {{Q5|"Our job is to get the timing right, not to please the markets."}}

{{S6|The bank}} {{C6|said in its quarterly outlook report}} {{Q6|that it expected core consumer prices to rise 2.4 percent in the fiscal year ending in March, slightly faster than it had projected in April}}.

The yen strengthened to 141.20 per dollar in afternoon trading. {{S7|Currency traders}} {{C7|said}} {{Q7|the move reflected growing bets on an autumn rate increase}}. {{Q12|Base pay at large companies rose 3.6 percent in this year's spring wage talks}}, {{C12|according to}} {{S12|the country's largest union federation}}.

{{Q8|"This was about as hawkish as a hold can get,"}} {{C8|said}} {{S8|Yuki Tanabe, chief economist at a Tokyo securities firm}}. {{Q8|"They have all but circled October on the calendar."}}

{{C9|According to}} {{S9|a survey of 28 economists conducted before the meeting}}, {{Q9|a majority expect the next increase to come in October, while a handful see it slipping into next year}}.

{{S10|A senior finance ministry official}} {{C10|told}} reporters {{Q10|that the government was "watching currency moves with a strong sense of urgency."}}

For households, higher rates bring mixed news. {{Q11|"My savings earn almost nothing, so a hike would help a little,"}} {{C11|said}} {{S11|Akiko Mori, a 45-year-old office worker shopping in Tokyo's Shinjuku district}}. {{Q11|"But our mortgage is variable. I honestly don't know if we come out ahead."}}

The central bank ended eight years of negative interest rates in 2024 and has raised rates three times since.
"""

ARTICLES["wire_2026-06-02_bucharest-mayoral-race"] = """
Reformist challenger wins Bucharest mayoral race by narrow margin

BUCHAREST, Romania — {{Q1|Reformist candidate Andreea Ionescu won Bucharest’s mayoral election by fewer than 9,000 votes}}, {{C1|according to}} {{S1|final results published by the Central Electoral Bureau on Monday}}.

{{S2|The outgoing mayor, Mircea Dobrescu}}, {{C2|said}} {{Q2|he had telephoned Ionescu to congratulate her and would not challenge the result}}.

Dobrescu, 61, had run the capital for two terms. {{S11|He}} {{C11|told}} reporters outside his campaign headquarters {{Q11|that he was proud of the new metro line and the hospitals renovated during his tenure}}. {{Q12|“History will judge the numbers,”}} {{S12|he}} {{C12|said}}. {{Q12|“Not one night of results.”}}

Addressing supporters in University Square late on Sunday, {{S3|Ionescu}} {{C3|said}}: {{Q3|“Tonight Bucharest chose to look forward. For years we were told that nothing could change in this city, that the traffic, the corruption and the crumbling buildings were simply our fate.

“You proved them wrong. Tomorrow the work begins, and I will need every one of you.”}}

{{S4|The electoral bureau}} {{C4|said}} {{Q4|turnout had reached 47.3 percent, the highest for a local election in the capital since 2004}}.

{{Q5|“This result shows that voters in the capital are tired of the old parties,”}} {{C5|said}} {{S5|Victor Stan, president of the Civic Renewal Party, which backed Ionescu}}.

{{S6|Social Democratic Party spokeswoman Ioana Marin}} {{C6|said}} {{Q6|the party would request a recount in two districts where the margin was under 100 votes}}. {{Q7|“We are not questioning the result as a whole,”}} {{S7|Marin}} {{C7|told}} the private broadcaster Digi24. {{Q7|“But where the gap is this small, every ballot must be checked.”}}

{{S8|Vot Curat, a local election monitoring group}}, {{C8|said}} {{Q8|it had recorded isolated irregularities, including several cases of vote buying in the outer districts, but nothing that could have changed the outcome}}.

{{Q9|“Ionescu won the young and the suburbs,”}} {{C9|said}} {{S9|political scientist Radu Popa}}. {{Q9|“Dobrescu won the pensioners. This time, a lot of pensioners simply stayed home.”}}

{{S10|Ionescu}}, a 38-year-old architect who has never held elected office, {{C10|has promised}} {{Q10|to publish every city hall contract online within her first hundred days}}. She is due to take office on July 1.

Bucharest, a city of about two million people, has struggled for years with traffic congestion and an ageing district heating network that leaves thousands of homes without hot water every winter.
"""

ARTICLES["wire_2026-10-30_sudan-el-fasher-security-council"] = """
{{S1|U.N. Security Council}} {{C1|demands}} {{Q1|aid access to besieged Sudanese city}}

UNITED NATIONS — {{S2|The U.N. Security Council}} on Friday {{C2|demanded}} {{Q2|that Sudan's warring parties allow aid convoys into the besieged city of El Fasher}}, where hundreds of thousands of people have been trapped for more than a year.

The resolution passed with 13 votes in favour and abstentions from Russia and China.

{{Q3|"People in El Fasher are eating animal feed to survive,"}} {{S3|Maria Lindqvist, the U.N.'s deputy emergency relief coordinator}}, {{C3|told}} the council before the vote. {{Q3|"Every day that the roads stay closed, children die who would have lived. That is not a figure of speech."}}

{{S4|Russia's deputy ambassador}} {{C4|said}} {{Q4|Moscow had abstained because the text "does not sufficiently respect the sovereignty of Sudan."}}

{{S5|Sudan's U.N. ambassador}} {{C5|rejected}} {{Q5|the resolution as one-sided}}. {{Q6|"The council is rewarding a militia that has committed atrocities across Darfur,"}} {{S6|he}} {{C6|said}}.

{{S12|The U.S. deputy ambassador}} {{C12|said}} {{Q12|Washington was prepared to seek sanctions against commanders on either side who obstructed deliveries of food and medicine}}.

{{S7|The Rapid Support Forces, the paramilitary group besieging the city}}, {{C7|said in a statement posted on Telegram}} {{Q7|that it "welcomes any effort to relieve the suffering of civilians" and would open humanitarian corridors}}.

{{C8|According to}} {{S8|the World Food Programme}}, {{Q8|more than 700,000 people in and around El Fasher face famine conditions}}. {{S9|The agency}} {{C9|said}} {{Q9|its last convoy had reached the city in March}}.

{{Q10|The vote}} {{C10|was seen as}} {{Q10|a rare show of unity on a conflict that has long divided the council's permanent members}}.

{{Q11|"This resolution is a floor, not a ceiling,"}} {{C11|said}} {{S11|Britain's ambassador to the United Nations}}. {{Q11|"We expect every government with influence over the combatants to use it, starting today."}}

The war between the army and the Rapid Support Forces broke out in April 2023 and has displaced more than 12 million people. El Fasher is the last major city in the Darfur region still held by the army.
"""

ARTICLES["wire_2026-11-14_colombia-talks-suspended"] = """
Colombia suspends talks with rebel faction after deadly attack on army base

BOGOTÁ, Colombia — {{S1|Colombia’s government}} {{C1|said}} on Saturday {{Q1|it was suspending peace negotiations with a dissident rebel faction}} after an attack on an army base in the southwestern province of Cauca killed three soldiers and wounded seven.

{{Q2|“There can be no talks while they are killing our soldiers,”}} {{C2|said}} {{S2|the government’s chief negotiator, Álvaro Restrepo}}. {{Q2|“The door is not closed forever. But it is closed today.”}}

{{S13|Restrepo}} {{C13|said}} {{Q13|negotiations with two other armed groups would continue as planned}}. The talks with the faction began in 2024 and had produced a partial ceasefire in parts of Cauca and the neighbouring province of Nariño.

{{S3|The defence ministry}} {{C3|said in a statement}} {{Q3|that the base near the town of Suárez had been attacked with explosive-laden drones and rifle fire shortly before dawn}}.

{{C4|In a message posted on social media}}, {{S4|the rebel faction, known as the Western Bloc Command}}, {{C4|denied}} {{Q4|carrying out the attack}}. {{S5|It}} {{C5|accused}} {{Q5|the military of “inventing pretexts to abandon the negotiating table.”}}

{{S6|Colombia’s human rights ombudsman}} {{C6|said}} {{Q6|that fighting in Cauca had displaced more than 4,000 people since January}}. {{Q7|“The communities of Cauca are trapped between armed groups that all claim to be fighting on their behalf,”}} {{S7|the ombudsman}} {{C7|said}}.

{{C8|According to}} {{S8|a Bogotá-based research institute that tracks political violence}}, {{Q8|at least 38 community leaders have been killed in Colombia so far this year}}.

{{Q9|“The government,”}} {{S9|analyst Camila Ortega}} {{C9|said}}, {{Q9|“has staked its credibility on ‘total peace,’ and every attack like this one makes that bet harder to defend.”}}

{{S10|The presidential office}} {{C10|said}} {{Q10|the suspension would be reviewed in 30 days}}. {{S11|Residents of Suárez reached by telephone}} {{C11|said}} {{Q11|they had spent the night hiding under beds and tables as explosions echoed across the hills}}.

{{Q12|“We heard the drones first, like a swarm of bees, and then the blasts,”}} {{C12|said}} {{S12|Luz Marina Cuenca, a shopkeeper}}. {{Q12|“My children still have not stopped shaking.”}}

Cauca, a mountainous region on the Pacific side of the Andes, is one of Colombia’s main coca-growing areas and has been fought over by several armed groups since the 2016 peace accord with the FARC.
"""
