"""Demo partnerships, after real ones, with their activities and events, written in the
languages of the cities (the dates of activities and of the Bytów meeting are illustrative).

Each partnership: kind, since, signed, member slugs, the language its texts are written in,
titles and descriptions per language, sectors, working languages, activities, events. An
activity or event: its language, texts per language and its dates."""

from datetime import date

PARTNERSHIPS = [
    {
        "kind": "solidarity",
        "started_on": date(2022, 6, 1),
        "signed_on": date(2022, 6, 1),
        "members": ["esslingen-am-neckar", "kamianets-podilskyi"],
        "language": "de",
        "titles": {
            "de": "Solidaritätspartnerschaft Esslingen – Kamjanez-Podilskyj",
            "uk": "Партнерство солідарності Есслінген – Кам'янець-Подільський",
            "en": "Esslingen – Kamianets-Podilskyi solidarity partnership",
        },
        "descriptions": {
            "de": "Gegenseitige Hilfe seit dem russischen Angriffskrieg: Feuerwehr, Kliniken, Kinder und Hochschulen arbeiten zusammen.",
            "uk": "Взаємна допомога від початку повномасштабної війни: пожежники, лікарні, діти та університети працюють разом.",
        },
        "sectors": ["civil-protection", "health", "education"],
        "languages": ["de", "uk", "en"],
        "activities": [
            {
                "language": "de",
                "sector": "civil-protection",
                "status": "completed",
                "started_on": date(2022, 9, 1),
                "ended_on": date(2023, 4, 30),
                "titles": {
                    "de": "Feuerwehr: Ausrüstung geliefert und Ausbildung in Esslingen",
                    "uk": "Пожежна охорона: спорядження та навчання в Есслінгені",
                },
                "descriptions": {
                    "de": "Die Feuerwehr Esslingen lieferte Ausrüstung und bereitete eine Ausbildung für Einsatzkräfte aus Kamjanez-Podilskyj in Esslingen vor."
                },
                "outcomes": {
                    "de": "Schutzausrüstung, Atemschutzgeräte und eine Woche Ausbildung in Esslingen."
                },
            },
            {
                "language": "de",
                "sector": "health",
                "status": "completed",
                "started_on": date(2022, 11, 1),
                "ended_on": date(2023, 3, 31),
                "titles": {
                    "de": "Betten, Monitore und Reha-Geräte für die neue Klinikpartnerschaft",
                    "uk": "Ліжка, монітори та реабілітаційне обладнання для нового партнерства лікарень",
                },
                "descriptions": {
                    "de": "Im Rahmen einer neuen Klinikpartnerschaft gingen Krankenhausbetten, Patientenmonitore und Rehabilitationsgeräte nach Kamjanez-Podilskyj."
                },
            },
            {
                "language": "uk",
                "sector": "health",
                "status": "running",
                "started_on": date(2023, 1, 15),
                "ended_on": None,
                "titles": {
                    "uk": "Програма підтримки травмованих дітей",
                    "de": "Programm für traumatisierte Kinder",
                },
                "descriptions": {
                    "uk": "Пожертви з Есслінгена фінансують програму психологічної підтримки дітей, які пережили війну."
                },
            },
            {
                "language": "de",
                "sector": "education",
                "status": "running",
                "started_on": date(2023, 5, 1),
                "ended_on": None,
                "titles": {
                    "de": "Hochschulkooperation: erste Kontakte in fünf Fächern",
                    "uk": "Співпраця університетів: перші контакти у п'яти галузях",
                },
                "descriptions": {
                    "de": "Die beiden Hochschulen unterzeichneten eine Kooperation; erste Kontakte in Stadtplanung, Wirtschaftsförderung, Theaterpädagogik, nachhaltigem Weinbau und Sporttherapie für Kinder."
                },
            },
        ],
        "events": [],
    },
    {
        "kind": "twinning",
        "started_on": date(1974, 1, 1),
        "signed_on": None,
        "members": ["krefeld", "dunkirk"],
        "language": "fr",
        "titles": {
            "fr": "Jumelage Dunkerque – Krefeld",
            "de": "Städtepartnerschaft Krefeld – Dünkirchen",
            "en": "Krefeld – Dunkirk twinning",
        },
        "descriptions": {
            "fr": "Jumelées depuis 1974, les deux villes travaillent ensemble en groupes de travail thématiques.",
            "de": "Seit 1974 verschwistert; die beiden Städte arbeiten in thematischen Arbeitsgruppen zusammen.",
        },
        "sectors": ["culture", "education", "administration", "environment", "economy"],
        "languages": ["fr", "de", "en"],
        "activities": [
            {
                "language": "de",
                "sector": "culture",
                "status": "running",
                "started_on": date(2022, 3, 1),
                "ended_on": None,
                "titles": {
                    "de": "Arbeitsgruppen der Partnerschaft",
                    "fr": "Groupes de travail du jumelage",
                },
                "descriptions": {
                    "de": "Erinnerungskultur, Austauschprogramme, Digitalisierung, Klimaschutz, Smart City und Gewerbeflächen.",
                    "fr": "Culture de la mémoire, programmes d'échange, numérisation, protection du climat, ville intelligente et foncier économique.",
                },
            },
            {
                "language": "fr",
                "sector": "education",
                "status": "completed",
                "started_on": date(2023, 1, 9),
                "ended_on": date(2023, 6, 30),
                "titles": {
                    "fr": "Une bande dessinée commune des écoles",
                    "de": "Ein gemeinsamer Schul-Comic",
                },
                "descriptions": {
                    "fr": "Des élèves des deux villes ont dessiné et écrit ensemble une bande dessinée bilingue."
                },
            },
        ],
        "events": [],
    },
    {
        "kind": "cooperation",
        "started_on": date(2023, 9, 11),
        "signed_on": date(2023, 9, 11),
        "members": ["krefeld", "venlo", "kropyvnytskyi"],
        "language": "de",
        "titles": {
            "de": "Trilaterale Partnerschaft Krefeld – Venlo – Kropywnyzkyj",
            "uk": "Тристороннє партнерство Крефельд – Венло – Кропивницький",
            "en": "Krefeld – Venlo – Kropyvnytskyi trilateral partnership",
        },
        "descriptions": {
            "de": "Partnerschafts- und Kooperationsvereinbarung, unterzeichnet am 11. September 2023.",
            "uk": "Угода про партнерство та співпрацю, підписана 11 вересня 2023 року.",
        },
        "sectors": ["health", "energy"],
        "languages": ["de", "uk", "en"],
        "activities": [],
        "events": [],
    },
    {
        "kind": "twinning",
        "started_on": date(2006, 1, 1),
        "signed_on": None,
        "members": ["bytow", "frankenberg-eder"],
        "language": "pl",
        "titles": {
            "pl": "Partnerstwo miast Bytów – Frankenberg (Eder)",
            "de": "Städtepartnerschaft Bütow – Frankenberg (Eder)",
        },
        "descriptions": {"pl": "Miasta partnerskie od 2006 roku."},
        "sectors": ["social"],
        "languages": ["pl", "de"],
        "activities": [],
        "events": [
            {
                "language": "pl",
                "kind": "meeting",
                "held_on": date(2023, 6, 16),
                "place": "Bytów",
                "topics": {
                    "pl": "Spotkanie miast i powiatów partnerskich: integracja uchodźców",
                    "de": "Treffen der Partnerstädte und -kreise: Integration von Geflüchteten",
                    "en": "Meeting of the partner towns and districts: integrating refugees",
                },
                "participants": [
                    "bytow",
                    "frankenberg-eder",
                    "markaryd",
                    "taurage",
                    "vorpommern-rugen",
                    "schmalkalden-meiningen",
                ],
            },
        ],
    },
    {
        "kind": "twinning",
        "started_on": date(1998, 5, 20),
        "signed_on": date(1998, 5, 20),
        "members": ["treptow-kopenick", "cajamarca"],
        "language": "de",
        "titles": {
            "de": "Städtepartnerschaft Treptow-Köpenick – Cajamarca",
            "en": "Treptow-Köpenick – Cajamarca city partnership",
        },
        "descriptions": {
            "de": "Vereinbarung unterzeichnet am 20. Mai 1998: Austausch von Jugend, Schulen und Verwaltung.",
            "en": "Agreement signed on 20 May 1998: exchanges of young people, schools and administrations.",
        },
        "sectors": ["education", "water", "health", "environment", "administration"],
        "languages": ["de", "es", "en"],
        "activities": [
            {
                "language": "de",
                "sector": "culture",
                "status": "completed",
                "started_on": date(2001, 9, 1),
                "ended_on": date(2012, 7, 1),
                "titles": {
                    "de": "Jugendtheater- und Kitaaustausch",
                    "en": "Youth theatre and kindergarten exchanges",
                },
            },
            {
                "language": "de",
                "sector": "water",
                "status": "completed",
                "started_on": date(2005, 3, 1),
                "ended_on": date(2016, 12, 31),
                "titles": {
                    "de": "Praktika bei den Berliner Wasserbetrieben",
                    "en": "Internships at the Berlin water utility",
                },
            },
            {
                "language": "de",
                "sector": "education",
                "status": "running",
                "started_on": date(2008, 4, 1),
                "ended_on": None,
                "titles": {"de": "Schüleraustausch", "en": "School exchange"},
            },
            {
                "language": "de",
                "sector": "administration",
                "status": "completed",
                "started_on": date(2014, 1, 1),
                "ended_on": date(2014, 12, 31),
                "titles": {"de": "Projekt Bürgerhaushalt", "en": "Participatory budgeting project"},
            },
            {
                "language": "en",
                "sector": "health",
                "status": "running",
                "started_on": date(2016, 1, 1),
                "ended_on": None,
                "titles": {
                    "en": "Hospital, school, senior and environment projects",
                    "de": "Krankenhaus-, Schul-, Senioren- und Umweltprojekte",
                },
            },
        ],
        "events": [],
    },
]

# Waiting for an answer: Chełm proposes a solidarity partnership to Kamianets-Podilskyi.
PROPOSALS = [
    {
        "by": "agnieszka.nowak@chelm.example",
        "municipality": "chelm",
        "partners": ["kamianets-podilskyi"],
        "kind": "solidarity",
        "language": "pl",
        "titles": {
            "pl": "Partnerstwo solidarności Chełm – Kamieniec Podolski",
            "uk": "Партнерство солідарності Холм – Кам'янець-Подільський",
        },
        "descriptions": {"pl": "Chełm, węzeł logistyczny pomocy, proponuje stałą współpracę."},
        "sectors": ["transport", "civil-protection"],
        "languages": ["pl", "uk"],
    },
]
