# Marked-up source of the held-out attribution set (articles 1-6).
# {{Sn|...}} Source, {{Cn|...}} Cue, {{Qn|...}} Content of attribution n (several pieces
# with the same n form one discontinuous span). build.py turns this into text + brat standoff.

ARTICLES = {}

ARTICLES["wire_2026-06-18_kenya-finance-bill"] = """
{{S1|Kenya's finance minister}} {{C1|says}} {{Q1|contested tax bill will be redrafted after protests}}

NAIROBI, Kenya — {{S2|Kenya's finance minister}} {{C2|said}} on Thursday {{Q2|that the government would withdraw several of the most disputed measures in its proposed finance bill}}, after a week of street protests in which at least four people were killed and hundreds were injured.

{{Q3|"We have listened, and we have heard the anger of young Kenyans,"}} {{S3|Finance Minister Daniel Kariuki}} {{C3|told}} reporters at the Treasury building in central Nairobi. {{Q3|"The bill that goes back to parliament will not be the bill that left this building in May."}}

{{S4|Kariuki}} {{C4|said}} {{Q4|a proposed 16 percent value-added tax on bread and a new levy on mobile money transfers would be dropped}}. {{S5|He}} {{C5|declined to say}} {{Q5|how the Treasury would close the resulting gap in its budget}}, which is already under strain from heavy debt repayments.

{{S6|The International Monetary Fund}} {{C6|has estimated}} {{Q6|Kenya's fiscal deficit at roughly 5 percent of economic output}}. Interest payments on public debt now consume more than half of the government's tax revenue.

The concessions did little to clear the streets of the capital. {{Q7|"This is a trick to split the movement,"}} {{C7|said}} {{S7|Wanjiru Otieno, a 24-year-old law student who has helped organise the marches through social media}}. {{Q7|"They remove two taxes and keep twenty. We will be back on the streets on Tuesday."}}

{{S8|A police spokesman}} {{C8|said}} {{Q8|officers had "exercised maximum restraint" in the face of violent crowds}}. {{S9|He}} {{C9|blamed}} {{Q9|the deaths on criminal gangs that had infiltrated the demonstrations}}.

{{S10|The Kenya National Commission on Human Rights}} {{C10|said in a statement}} {{Q10|that it had documented 212 injuries, many of them caused by live ammunition, and that 61 people remained in police custody without charge}}. {{Q11|"The use of live rounds against unarmed demonstrators is unlawful, full stop,"}} {{S11|the commission}} {{C11|said}}.

{{S12|Opposition leader Esther Achieng}} {{C12|accused}} {{Q12|the government of "governing by ambush."}} {{Q13|"If the minister thinks a few amendments will buy him peace, he has badly misread the mood of this country,"}} {{S13|she}} {{C13|said}} at a rally in the western city of Kisumu.

{{S14|Political analysts}} {{C14|said}} {{Q14|the climbdown was the most serious setback for the government since it took office}}, and {{S15|several}} {{C15|predicted}} {{Q15|further concessions before the vote}}.

{{Q16|Parliament is scheduled to debate the revised bill next week}}, {{C16|according to}} {{S16|the office of the National Assembly speaker}}.
"""

ARTICLES["wire_2026-07-05_philippines-shoal-ramming"] = """
{{S1|Philippines}} {{C1|accuses}} {{Q1|China of ramming supply boat near disputed shoal}}

MANILA — {{S2|The Philippine coast guard}} {{C2|said}} on Sunday {{Q2|that a Chinese coast guard vessel had rammed and damaged a Filipino supply boat near Second Thomas Shoal}}, the latest in a string of confrontations in the contested waters of the South China Sea.

{{Q3|“This was a deliberate and dangerous act,”}} {{C3|said}} {{S3|Commodore Ramon Villareal, a coast guard spokesman}}. {{Q3|“Our crew were carrying food, water and medicine to our personnel. They posed no threat to anyone.”}}

{{S4|Villareal}} {{C4|said}} {{Q4|no one had been seriously hurt but that the boat’s hull had been breached just above the waterline}}, forcing it to turn back toward the island of Palawan. {{Q5|Two crew members were treated for minor cuts}}, {{S5|he}} {{C5|said}}.

{{S6|China’s foreign ministry}} {{C6|rejected}} {{Q6|the Philippine account}}. {{Q7|“The Philippine vessel intruded into waters adjacent to Ren’ai Jiao without permission and ignored repeated warnings,”}} {{S7|a ministry spokesman}} {{C7|told}} a regular briefing in Beijing, using the Chinese name for the shoal. {{Q7|“Responsibility lies entirely with the Philippine side.”}}

{{S8|The spokesman}} {{C8|said}} {{Q8|China’s coast guard had taken “necessary measures in accordance with the law” and had acted in a “professional and restrained” manner}}.

{{S9|The U.S. State Department}} {{C9|said in a statement}} {{Q9|that Washington “stands with our ally the Philippines” and that an armed attack on Philippine public vessels anywhere in the South China Sea would invoke the two countries’ 1951 mutual defense treaty}}.

In Manila, {{S10|Senator Lorna Dizon, who chairs the Senate foreign relations committee}}, {{C10|called for}} {{Q10|a formal diplomatic protest and the recall of the Philippine ambassador in Beijing for consultations}}. {{Q11|“We cannot keep filing notes verbales while our boats are being rammed,”}} {{S11|she}} {{C11|said}}. {{Q11|“At some point our protests have to cost Beijing something.”}}

{{Q12|“When I was young, we fished wherever the fish were. Nobody asked us for papers and nobody chased us away.

“Now we see the big white ships on the horizon and we turn back. My sons are looking for work in Manila instead,”}} {{C12|said}} {{S12|Arnel Bautista, a 52-year-old fisherman from the Palawan town of Quezon}}.

{{Q13|The Philippines has recorded more than 30 such incidents since January}}, {{C13|according to}} {{S13|coast guard figures}}. {{S14|Diplomats in Manila}} {{C14|said}} {{Q14|neither side appeared eager to let the dispute escalate further}}, with both governments preparing for a round of bilateral consultations in September.
"""

ARTICLES["wire_2026-07-11_mercosur-summit-eu-deal"] = """
Mercosur summit ends without deal on ratifying EU trade pact

MONTEVIDEO, Uruguay — Leaders of the Mercosur trade bloc ended a two-day summit in Montevideo on Friday without agreeing on how to ratify a long-delayed free trade agreement with the European Union, exposing deep divisions among the South American partners.

{{S1|Uruguayan Foreign Minister Carolina Estévez}}, who hosted the meeting, {{C1|said}} {{Q1|the bloc had made "real progress" on technical questions}}, but {{S2|she}} {{C2|acknowledged}} {{Q2|that political differences remained}}.

{{Q3|"Nobody in this room is against the agreement,"}} {{S3|Estévez}} {{C3|told}} reporters at the closing news conference. {{Q3|"What we disagree about is the speed, and the guarantees for our farmers and our industries. Those are not small things."}}

{{S4|Paraguay's delegation}} {{C4|argued}} {{Q4|that each member should be allowed to ratify the accord separately, so that the first countries to approve it could begin trading under its terms}}. {{S5|Brazilian Trade Secretary Marcos Vilela}} {{C5|put it more bluntly}}: {{Q5|"Twenty-five years of negotiations is enough. If we wait for unanimity on every comma, our grandchildren will still be waiting."}}

{{S6|Argentina's representative, Deputy Foreign Minister Lucía Ferrer}}, {{C6|said}} {{Q6|her government supported the deal in principle}}. {{S7|Ferrer}} {{C7|warned}}, however, {{Q7|that Buenos Aires would not accept environmental clauses that "punish producers in the south for pollution caused in the north."}}

In Brussels, {{S8|the European Commission}} {{C8|said in a statement}} {{Q8|it remained "fully committed" to bringing the agreement into force as quickly as possible}}.

{{Q9|Trade in goods between the two blocs reached about 110 billion dollars last year}}, {{C9|according to}} {{S9|EU figures}}. {{S10|Farm groups in France, Ireland and Poland}} {{C10|have staged protests against}} {{Q10|the deal}} in recent months. {{S13|Estévez}} {{C13|said}} {{Q13|the European side also needed to settle its own internal disagreements}}.

{{Q11|"The summit showed that Mercosur is still alive, which was not obvious a year ago,"}} {{C11|said}} {{S11|Federico Lanza, an economist at the University of the Republic in Montevideo}}. {{Q11|"But it also showed how fragile it is."}}

{{S12|Officials}} {{C12|said}} {{Q12|the next summit would be held in Asunción in December}}, when Paraguay takes over the bloc's rotating presidency. Mercosur, founded in 1991, groups Argentina, Brazil, Paraguay, Uruguay and Bolivia, which became a full member in 2024.
"""

ARTICLES["wire_2026-08-19_germany-budget-defence"] = """
German coalition split over budget cuts to fund defence

BERLIN — Germany’s governing coalition was plunged into fresh turmoil on Wednesday after {{S1|the finance ministry}} {{C1|proposed}} {{Q1|cutting 4 billion euros from social programmes to pay for higher military spending}} in next year’s budget.

{{Q2|“This draft is dead on arrival,”}} {{C2|said}} {{S2|Katrin Oberländer, deputy leader of the Social Democrats’ parliamentary group}}. {{Q2|“You cannot ask pensioners and young families to pay for tanks while the wealthiest are left untouched.”}}

{{S3|Government spokesman Tobias Renner}} {{C3|said}}, {{Q3|“The coalition partners have solved harder problems than this one. These are normal budget negotiations, and they will end with a budget.”}}

{{S4|He}} {{C4|declined to comment}} {{Q4|on whether a cabinet meeting scheduled for Friday would go ahead}}.

{{S5|The opposition Greens}} {{C5|accused}} {{Q5|the government of “balancing the books on the backs of the weakest.”}} {{S6|The far-right Alternative for Germany}} {{C6|said}} {{Q6|the dispute proved that the coalition was “no longer capable of governing.”}}

{{S7|Defence ministry officials}} {{C7|have argued}} {{Q7|that the armed forces need at least 10 billion euros more each year to meet Germany’s obligations to its NATO allies}}. {{Q8|Germany spent about 2.1 percent of its economic output on defence last year}}, {{C8|according to}} {{S8|NATO estimates}}.

{{Q9|“The real problem is the debt brake,”}} {{C9|said}} {{S9|Marcel Hoffmann, an economist at a Munich research institute}}. {{Q9|“As long as the constitution limits new borrowing this tightly, every euro for defence has to come out of someone else’s pocket.”}}

{{S10|Hoffmann}} {{C10|said}} {{Q10|a compromise was likely to involve delaying some weapons purchases rather than cutting pensions}}.

{{S13|The DGB trade union federation}} {{C13|said}} {{Q13|it would organise demonstrations in several cities if the cuts went ahead}}. {{Q14|“Working people did not cause this budget hole, and they will not fill it,”}} {{S14|its deputy chair, Sabine Krüger}}, {{C14|said}}. {{Q14|“We will not let this pass quietly.”}}

{{Q11|A deal}} {{C11|is widely expected}} {{Q11|before parliament breaks for the summer}}, though {{S12|senior Social Democrats}} {{C12|have threatened}} {{Q12|to vote against any budget that reduces child benefits}}.

The coalition, which took office last year, holds a majority of only 12 seats in the Bundestag. The row comes after two years in which Germany’s economy barely grew, squeezing tax revenue just as the cost of rearmament rose.
"""

ARTICLES["wire_2026-09-08_lebanon-reconstruction-conference"] = """
Lebanon reconstruction conference raises $2.4 billion, far short of target

PARIS — An international conference on rebuilding southern Lebanon raised about 2.4 billion dollars on Monday, less than half of the Lebanese government's 5 billion dollar target for the first phase of reconstruction.

{{S1|Lebanese Economy Minister Rami Khoury}} {{C1|told}} delegates {{Q1|that entire villages along the southern border had been reduced to rubble and that more than 90,000 people were still unable to return to their homes}}.

{{Q2|"We are grateful for every dollar,"}} {{S2|Khoury}} {{C2|said}} after the closing session. {{Q2|"But I will be honest with you. This is not enough to rebuild one district, let alone the whole south."}}

{{S3|The French foreign ministry, which co-hosted the meeting with Saudi Arabia}}, {{C3|said}} {{Q3|further contributions would be announced in the coming weeks}}. {{S4|Several Gulf donors}} {{C4|made clear}} {{Q4|that their money would depend on reforms to Lebanon's banking sector and on the deployment of the Lebanese army throughout the south}}.

{{C5|According to}} {{S5|a World Bank assessment published in March}}, {{Q5|damage to housing, roads, water systems and power lines in the south amounts to about 11 billion dollars}}. {{Q6|"Reconstruction cannot wait for a perfect political settlement,"}} {{S6|the World Bank}} {{C6|said in a statement}} on Monday. {{Q6|"The longer families remain displaced, the higher the eventual cost."}}

{{Q7|The mood in the room had been "cautious rather than generous,"}} {{C7|said}} {{S7|a European diplomat who attended the talks}}. {{S12|Lebanese officials}} {{C12|have proposed}} {{Q12|a reconstruction fund managed jointly with the World Bank to reassure donors worried about corruption}}.

In the border town of Khiam, {{S8|Ali Mroueh, the town's mayor}}, {{C8|said by telephone}} {{Q8|that residents had lost faith in international conferences}}. {{Q9|"Every conference, they announce big numbers. Then nothing reaches us,"}} {{S9|he}} {{C9|said}}. {{Q9|"People are living in tents next to the ruins of their houses. Winter is four months away."}}

{{S10|Aid groups}} {{C10|urged}} {{Q10|donors to prioritise water and electricity networks before the cold season}}. {{S11|The U.N. refugee agency}} {{C11|said}} {{Q11|it had registered a sharp rise in families moving north toward Beirut in search of work and shelter}}.

More than 60,000 buildings in the south were damaged or destroyed during last year's fighting.
"""

ARTICLES["wire_2026-07-26_manitoba-wildfire-evacuation"] = """
Thousands flee as wildfire bears down on northern Manitoba city

THOMPSON, Manitoba — {{Q1|More than 6,000 residents of the northern Manitoba city of Thompson left their homes on Saturday as a fast-moving wildfire burned to within 10 kilometres of the city limits}}, {{C1|according to}} {{S1|provincial officials}}.

{{Q2|“This fire is behaving in ways we have not seen before,”}} {{S2|Manitoba Wildfire Service director Karen Lavallée}} {{C2|said}} at an evening briefing. {{Q2|“It jumped a highway and a river in the space of four hours. I cannot stress this enough: if you are in the evacuation zone, leave now.”}}

{{S3|Lavallée}} {{C3|said}} {{Q3|strong westerly winds and temperatures above 30 degrees Celsius had pushed the blaze toward the city overnight}}. {{Q4|Water bombers were grounded for several hours on Saturday afternoon because of thick smoke}}, {{S4|she}} {{C4|said}}.

{{S5|The federal government}} {{C5|said}} late on Saturday {{Q5|that it had approved the province’s request for military aircraft to help move residents who could not leave by road}}. The only highway south of Thompson was closed for several hours on Friday night.

{{Q6|“We could see the orange glow from the kitchen window at two in the morning,”}} {{C6|said}} {{S6|Denise Flett, 67, who arrived at an evacuation centre in Winnipeg on a chartered bus}}. {{Q6|“My grandson packed the car while I looked for the cat. We never found her.

“I have lived in Thompson for forty years. I don’t know what we will find when we go back, or whether there will be anything to go back to.”}}

{{S7|Marcel Bighetty, chief of a First Nation community north of the city}}, {{C7|said}} {{Q7|his community had been given less than two hours’ notice to leave}}. {{Q8|“Every summer we are told there will be a better plan next year,”}} {{S8|he}} {{C8|said}}. {{Q8|“And every summer we are running for the trucks again.”}}

{{C9|According to}} {{S9|the Canadian Interagency Forest Fire Centre}}, {{Q9|more than 200 fires are burning across the Prairie provinces, about a third of them classified as out of control}}. {{S10|Environment Canada}} {{C10|warned}} {{Q10|that the light rain due on Monday was unlikely to slow the fire}}.

Smoke from the fires has drifted as far south as Minneapolis and Chicago, where air quality alerts were in effect on Saturday.
"""
