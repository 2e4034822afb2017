"""split_claim on English claims: a table of claims written for this test, grouped by rule (id prefix).

Same shape as test_decompose_ar.py. Prefixes: rel (relative clauses), coord (coordinated
predicates and clauses; lists stay whole), gap (gapped conjuncts with their own number), app
(appositives), cont (still / no longer / remains / continues to), attr (attributions), name
(naming), sent (several sentences), single (one assertion).
"""

from __future__ import annotations

from collections import Counter

import pytest
from test_decompose import Case, assert_case, case, one, part

EN_CASES = [
    case(
        'rel-coalition',
        'The coalition, which includes 41 countries, still calls the group the emirate.',
        part('The coalition includes 41 countries', 'The coalition, which includes 41 countries'),
        part(
            'The coalition still calls the group the emirate',
            'The coalition, which includes 41 countries, still calls the group the emirate',
            kind='naming',
            naming=('The coalition', 'the group', 'the emirate'),
        ),
    ),
    case(
        'rel-minister',
        'The minister who resigned yesterday left the country.',
        part('The minister resigned yesterday', 'The minister who resigned yesterday'),
        part('The minister left the country', 'The minister who resigned yesterday left the country'),
    ),
    case(
        'rel-bridge',
        'The bridge that links the two banks opened in 2023.',
        part('The bridge links the two banks', 'The bridge that links the two banks'),
        part('The bridge opened in 2023', 'The bridge that links the two banks opened in 2023'),
    ),
    case(
        'rel-hospital-cost',
        'The president opened the hospital, which cost 40 million dollars.',
        part('The president opened the hospital'),
        part('the hospital cost 40 million dollars', 'the hospital, which cost 40 million dollars'),
    ),
    case(
        'rel-company',
        'Acme Corp, which owns the factory, announced its closure.',
        part('Acme Corp owns the factory', 'Acme Corp, which owns the factory'),
        part('Acme Corp announced its closure', 'Acme Corp, which owns the factory, announced its closure'),
    ),
    one('rel-object', 'The council approved the plan that the mayor proposed.'),
    one('rel-generic', 'People who smoke die younger.'),
    one('rel-indefinite', 'A man who stole a car was arrested.'),
    case(
        'rel-treaty',
        'The treaty, which was signed in 2015, collapsed in 2018.',
        part('The treaty was signed in 2015', 'The treaty, which was signed in 2015'),
        part('The treaty collapsed in 2018', 'The treaty, which was signed in 2015, collapsed in 2018'),
    ),
    case(
        'rel-driver',
        'Police arrested the driver who caused the crash on Monday.',
        part('Police arrested the driver'),
        part('the driver caused the crash on Monday', 'the driver who caused the crash on Monday'),
    ),
    case(
        'rel-dam',
        'The dam, which was built in 1970, produces 2100 megawatts.',
        part('The dam was built in 1970', 'The dam, which was built in 1970'),
        part('The dam produces 2100 megawatts', 'The dam, which was built in 1970, produces 2100 megawatts'),
    ),
    case(
        'rel-quoted',
        'The coalition still calls the group "the emirate", which fell in 2019.',
        part(
            'The coalition still calls the group "the emirate"',
            kind='naming',
            naming=('The coalition', 'the group', 'the emirate'),
        ),
        part('"the emirate" fell in 2019', '"the emirate", which fell in 2019'),
    ),
    case(
        'coord-ministry',
        'The ministry opened 40 schools and closed 12 clinics.',
        part('The ministry opened 40 schools'),
        part('The ministry closed 12 clinics', 'closed 12 clinics'),
    ),
    case(
        'coord-then',
        'The army captured the town and then withdrew.',
        part('The army captured the town'),
        part('The army withdrew', 'withdrew'),
    ),
    case(
        'coord-clauses',
        'Prices rose and wages fell.',
        part('Prices rose'),
        part('wages fell'),
    ),
    case(
        'coord-laid-off',
        'The company cut production by 20% and laid off 300 workers.',
        part('The company cut production by 20%'),
        part('The company laid off 300 workers', 'laid off 300 workers'),
    ),
    case(
        'coord-but',
        'The government raised taxes, but it cut fuel prices.',
        part('The government raised taxes'),
        part('The government cut fuel prices', 'cut fuel prices'),
    ),
    case(
        'coord-flood',
        'Heavy rain flooded the streets and closed the airport for two days.',
        part('Heavy rain flooded the streets'),
        part('Heavy rain closed the airport for two days', 'closed the airport for two days'),
    ),
    one('coord-list-subject', 'Egypt and Jordan joined the initiative.'),
    one('coord-list-object', 'The president met the foreign minister and the prime minister.'),
    one('coord-nouns', 'The talks covered trade and investment.'),
    case(
        'coord-storm',
        'The storm destroyed 300 homes and killed 12 people.',
        part('The storm destroyed 300 homes'),
        part('The storm killed 12 people', 'killed 12 people'),
    ),
    case(
        'gap-exports',
        'Exports rose 10% and imports 5%.',
        part('Exports rose 10%'),
        part('imports rose 5%', 'imports 5%'),
    ),
    case(
        'gap-visits',
        'The president visited Egypt in 2021 and Jordan in 2022.',
        part('The president visited Egypt in 2021'),
        part('The president visited Jordan in 2022', 'Jordan in 2022'),
    ),
    case(
        'gap-seats',
        'The ruling party won 120 seats and the opposition 80.',
        part('The ruling party won 120 seats'),
        part('the opposition won 80', 'the opposition 80'),
    ),
    case(
        'app-health',
        'Maria Lopez, the health minister, said the hospital treated 300 patients.',
        part('Maria Lopez is the health minister', 'Maria Lopez, the health minister'),
        part(
            'Maria Lopez said the hospital treated 300 patients',
            'Maria Lopez, the health minister, said',
            kind='attribution',
        ),
        part('the hospital treated 300 patients'),
    ),
    case(
        'app-cairo',
        'Cairo, the capital of Egypt, hosts the summit in May.',
        part('Cairo is the capital of Egypt', 'Cairo, the capital of Egypt'),
        part('Cairo hosts the summit in May', 'Cairo, the capital of Egypt, hosts the summit in May'),
    ),
    case(
        'app-diplomat',
        'John Smith, a former diplomat, joined the board.',
        part('John Smith is a former diplomat', 'John Smith, a former diplomat'),
        part('John Smith joined the board', 'John Smith, a former diplomat, joined the board'),
    ),
    case(
        'app-end',
        'The ministry hired Sara Khan, the head of the agency.',
        part('The ministry hired Sara Khan'),
        part('Sara Khan is the head of the agency', 'Sara Khan, the head of the agency'),
    ),
    case(
        'app-titled',
        'Omar Haddad, Minister of Finance, announced a new budget.',
        part('Omar Haddad is Minister of Finance', 'Omar Haddad, Minister of Finance'),
        part(
            'Omar Haddad announced a new budget',
            'Omar Haddad, Minister of Finance, announced a new budget',
        ),
    ),
    case(
        'app-spokeswoman',
        'Layla Nasser, the spokeswoman, confirmed 12 deaths.',
        part('Layla Nasser is the spokeswoman', 'Layla Nasser, the spokeswoman'),
        part('Layla Nasser confirmed 12 deaths', 'Layla Nasser, the spokeswoman, confirmed 12 deaths'),
    ),
    case(
        'app-city',
        'The rebels seized Tikrit, a city of 160,000 people.',
        part('The rebels seized Tikrit'),
        part('Tikrit is a city of 160,000 people', 'Tikrit, a city of 160,000 people'),
    ),
    one('app-year', 'In 2020, the government closed the border.'),
    one('app-list', 'Egypt, Jordan and Iraq signed the deal.'),
    case(
        'app-coach',
        'Karim Saleh, the national coach, resigned after the defeat.',
        part('Karim Saleh is the national coach', 'Karim Saleh, the national coach'),
        part(
            'Karim Saleh resigned after the defeat',
            'Karim Saleh, the national coach, resigned after the defeat',
        ),
    ),
    one('cont-army', 'The army no longer controls the city.', kind='continuing'),
    one('cont-bread', 'The government still subsidizes bread.', kind='continuing'),
    one('cont-border', 'The border remains closed to travellers.', kind='continuing'),
    one('cont-prices', 'Prices are still rising in the capital.', kind='continuing'),
    one('cont-cars', 'The company continues to export cars to Europe.', kind='continuing'),
    one('cont-missing', 'Three hundred people are still missing.', kind='continuing'),
    one(
        'cont-naming',
        'The ministry still calls the district the green zone.',
        kind='naming',
        naming=('The ministry',
        'the district',
        'the green zone'),
    ),
    one('cont-refuses', 'The minister still refuses to resign.', kind='continuing'),
    case(
        'cont-rel',
        'The factory, which still employs 800 workers, closed one line.',
        part(
            'The factory still employs 800 workers',
            'The factory, which still employs 800 workers',
            kind='continuing',
        ),
        part('The factory closed one line', 'The factory, which still employs 800 workers, closed one line'),
    ),
    one('cont-airport', 'The airport is no longer open to civilian flights.', kind='continuing'),
    case(
        'attr-minister',
        'The health minister said that infections rose to 500 cases.',
        part(
            'The health minister said that infections rose to 500 cases',
            'The health minister said that',
            kind='attribution',
        ),
        part('infections rose to 500 cases'),
    ),
    one('attr-vague', 'Sources said the minister resigned on Monday.', kind='attribution'),
    case(
        'attr-pronoun',
        'The ministry said it had opened 40 schools.',
        part('The ministry said it had opened 40 schools', 'The ministry said', kind='attribution'),
        part('The ministry had opened 40 schools', 'had opened 40 schools'),
    ),
    case(
        'attr-trailing',
        'Inflation will reach 5% next year, the central bank said.',
        part('Inflation will reach 5% next year'),
        part(
            'Inflation will reach 5% next year, the central bank said',
            'the central bank said',
            kind='attribution',
        ),
    ),
    case(
        'attr-quote',
        '"We will rebuild 300 homes," the governor said.',
        part('We will rebuild 300 homes'),
        part('"We will rebuild 300 homes," the governor said', 'the governor said', kind='attribution'),
    ),
    one(
        'attr-according-last',
        'Unemployment fell to 7% in 2023, according to the statistics office.',
        kind='attribution',
    ),
    one('attr-according-first', 'According to the ministry, 500 people were infected.', kind='attribution'),
    case(
        'attr-told',
        'The minister told reporters that the bridge would open in May.',
        part(
            'The minister told reporters that the bridge would open in May',
            'The minister told reporters that',
            kind='attribution',
        ),
        part('the bridge would open in May'),
    ),
    one('attr-officials', 'Officials said the fire destroyed 40 homes.', kind='attribution'),
    case(
        'attr-content-coord',
        'The prime minister announced that the government would cut taxes and raise wages.',
        part(
            'The prime minister announced that the government would cut taxes and raise wages',
            'The prime minister announced that',
            kind='attribution',
        ),
        part('the government would cut taxes'),
        part('the government would raise wages', 'raise wages'),
    ),
    one('attr-denied', 'The spokesman denied that the army withdrew.'),
    case(
        'attr-inverted',
        'The economy grew 3% last year, said the finance minister.',
        part('The economy grew 3% last year'),
        part(
            'The economy grew 3% last year, said the finance minister',
            'said the finance minister',
            kind='attribution',
        ),
    ),
    one(
        'name-riots',
        'The government describes the protests as riots.',
        kind='naming',
        naming=('The government',
        'the protests',
        'riots'),
    ),
    one(
        'name-refers',
        'State media refers to the rebels as terrorists.',
        kind='naming',
        naming=('State media',
        'the rebels',
        'terrorists'),
    ),
    one(
        'name-known',
        'The group is known as the emirate.',
        kind='naming',
        naming=('',
        'The group',
        'the emirate'),
    ),
    one(
        'name-double',
        'The coalition calls Hamas a terrorist group.',
        kind='naming',
        naming=('The coalition',
        'Hamas',
        'a terrorist group'),
    ),
    one(
        'name-quoted',
        'The newspaper called the deal "historic".',
        kind='naming',
        naming=('The newspaper',
        'the deal',
        'historic'),
    ),
    one(
        'name-label',
        'Critics label the law a power grab.',
        kind='naming',
        naming=('Critics',
        'the law',
        'a power grab'),
    ),
    one(
        'name-passive-by',
        'The rebels are called freedom fighters by their supporters.',
        kind='naming',
        naming=('their supporters',
        'The rebels',
        'freedom fighters'),
    ),
    case(
        'name-known-comma',
        'The region, known as the Golden Triangle, produces opium.',
        part(
            'The region is known as the Golden Triangle',
            'The region, known as the Golden Triangle',
            kind='naming',
            naming=('', 'The region', 'the Golden Triangle'),
        ),
        part('The region produces opium', 'The region, known as the Golden Triangle, produces opium'),
    ),
    one('name-calls-for', 'The president calls for calm.'),
    one(
        'name-dubbed',
        'The agency dubbed the storm Hurricane Lina.',
        kind='naming',
        naming=('The agency',
        'the storm',
        'Hurricane Lina'),
    ),
    one('single-unemployment', 'Unemployment fell to 7% in 2023.'),
    one('single-schools', 'The government opened 40 new schools in the south.'),
    one('single-explosion', 'Twelve people were killed in an explosion in the capital.'),
    one('single-trade', 'The two countries signed a free trade agreement.'),
    one('single-currency', 'The central bank issued a new currency.'),
    one('single-river', 'The river is 6650 kilometres long.'),
    one('single-bill', 'Parliament rejected the bill by 120 votes.'),
    one('single-plane', 'The plane landed safely at Cairo airport.'),
    one('single-tourists', 'Tourist arrivals reached 4 million last year.'),
    one('single-employs', 'The company employs 800 workers.'),
    one('single-negated', 'The minister did not sign the agreement.'),
    one('single-storm', 'The storm cut power to 20,000 homes.'),
    one('single-wheat', 'Wheat exports fell by 15% in the first quarter.'),
    one('single-match', 'The national team beat Portugal by one goal.'),
    one('single-vaccines', 'The country received 2 million vaccine doses in March.'),
    case(
        'sent-pronoun',
        'The ministry opened 40 schools. It closed 12 clinics in May.',
        part('The ministry opened 40 schools'),
        part('The ministry closed 12 clinics in May', 'closed 12 clinics in May'),
    ),
    one('sent-abbreviation', 'The U.S. army left the base in 2021.'),
    case(
        'attr-colon-quoted',
        'The minister said: "Exports rose 10%."',
        part('The minister said: "Exports rose 10%."', 'The minister said', kind='attribution'),
        part('Exports rose 10%'),
    ),
    one('rel-question', 'Who is the minister who resigned?'),
    case(
        'sent-abbreviation-dr',
        'Dr. Smith said the clinic treated 40 patients.',
        part('Dr. Smith said the clinic treated 40 patients', 'Dr. Smith said', kind='attribution'),
        part('the clinic treated 40 patients'),
    ),
    one('attr-negated', 'The minister did not say that taxes would rise.'),
    case(
        'attr-parenthetical',
        'The bridge, the mayor added, will open in May.',
        part('The bridge will open in May', 'The bridge, the mayor added, will open in May'),
        part('The bridge, the mayor added, will open in May', 'the mayor added', kind='attribution'),
    ),
    case(
        'attr-quoted-inverted',
        '"The border is still closed," said Omar Haddad.',
        part('The border is still closed', kind='continuing'),
        part('"The border is still closed," said Omar Haddad', 'said Omar Haddad', kind='attribution'),
    ),
    one('attr-vague-list', 'Officials said houses, schools and clinics had collapsed.', kind='attribution'),
    case(
        'coord-expletive',
        'Hunting is banned and it is illegal to sell the meat.',
        part('Hunting is banned'),
        part('it is illegal to sell the meat'),
    ),
    one('name-noun-brands', 'Luxury brands like Acme raised prices last year.'),
    one('single-capital-states', 'The United States has 2,000 troops in the region.'),
    one('single-hyphen', 'Long-awaited talks opened in Geneva on Monday.'),
    one(
        'name-pronoun',
        'The coalition still calls it "the emirate".',
        kind='naming',
        naming=('The coalition',
        '',
        'the emirate'),
    ),
]



@pytest.mark.parametrize("c", [pytest.param(c, id=c.id) for c in EN_CASES])
def test_english_claim_splits_as_the_table_says(c: Case) -> None:
    assert_case(c)


def test_every_english_rule_has_ten_cases() -> None:
    rules = Counter(c.id.split("-")[0] for c in EN_CASES)
    assert {r: rules[r] for r in ("rel", "coord", "app", "cont", "attr", "name") if rules[r] < 10} == {}
    assert rules["gap"] >= 3
