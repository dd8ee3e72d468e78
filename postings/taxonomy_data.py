# ruff: noqa: E501
"""The sector taxonomy as data, installed by a data migration and kept up to date by slug.

Slugs are stable identifiers (API clients send them); names and descriptions may be reworded
here and reach the database with the next call of ``install_taxonomy``. Each entry is
``(slug, {language: (name, description)})``, in the order of the reference, ``shared/taxonomy.md``.
"""

from django.db import models, transaction

LANGUAGES = ("en", "de", "uk", "fr", "pl")

# Positions leave gaps, so an admin can slot an entry of their own in between.
POSITION_STEP = 10

Texts = dict[str, tuple[str, str]]  # language -> (name, description)
Entry = tuple[str, Texts]  # (slug, texts)

# fmt: off
SECTORS: tuple[Entry, ...] = (
    ("energy", {
        "en": ("Energy and heating", "Electricity, heating and fuel supply for municipal buildings, utilities and residents."),
        "de": ("Energie und Wärmeversorgung", "Strom-, Wärme- und Brennstoffversorgung für kommunale Gebäude, Versorgungsbetriebe und die Bevölkerung."),
        "uk": ("Енергетика і теплопостачання", "Електро-, тепло- та паливопостачання для комунальних будівель, підприємств і мешканців."),
        "fr": ("Énergie et chauffage", "Approvisionnement en électricité, en chaleur et en combustible des bâtiments municipaux, des services publics et des habitants."),
        "pl": ("Energetyka i ciepłownictwo", "Zaopatrzenie w energię elektryczną, ciepło i paliwo dla budynków komunalnych, przedsiębiorstw komunalnych i mieszkańców."),
    }),
    ("water", {
        "en": ("Water and sanitation", "Drinking water supply, wastewater and the infrastructure that keeps them running."),
        "de": ("Wasserversorgung und Abwasser", "Trinkwasserversorgung, Abwasserentsorgung und die dafür nötige Infrastruktur."),
        "uk": ("Водопостачання і водовідведення", "Постачання питної води, водовідведення та інфраструктура, що забезпечує їхню роботу."),
        "fr": ("Eau et assainissement", "Alimentation en eau potable, eaux usées et infrastructures qui les font fonctionner."),
        "pl": ("Gospodarka wodno-kanalizacyjna", "Zaopatrzenie w wodę pitną, odprowadzanie ścieków i infrastruktura, która to zapewnia."),
    }),
    ("health", {
        "en": ("Health and medical care", "Hospitals, clinics, emergency medical services and the care of patients."),
        "de": ("Gesundheit und medizinische Versorgung", "Krankenhäuser, Praxen, Rettungsdienst und die Versorgung von Patientinnen und Patienten."),
        "uk": ("Охорона здоров’я і медична допомога", "Лікарні, поліклініки, екстрена медична допомога та лікування пацієнтів."),
        "fr": ("Santé et soins médicaux", "Hôpitaux, centres de santé, aide médicale urgente et prise en charge des patients."),
        "pl": ("Zdrowie i opieka medyczna", "Szpitale, przychodnie, ratownictwo medyczne i opieka nad pacjentami."),
    }),
    ("civil-protection", {
        "en": ("Civil protection and emergency services", "Fire brigades, rescue services, shelters and preparedness for emergencies and disasters."),
        "de": ("Katastrophenschutz und Rettungsdienste", "Feuerwehr, Rettungsdienste, Schutzräume und Vorsorge für Notlagen und Katastrophen."),
        "uk": ("Цивільний захист і служби порятунку", "Пожежна охорона, рятувальні служби, укриття та готовність до надзвичайних ситуацій."),
        "fr": ("Protection civile et services d’urgence", "Sapeurs-pompiers, services de secours, abris et préparation aux situations d’urgence et aux catastrophes."),
        "pl": ("Ochrona ludności i służby ratunkowe", "Straż pożarna, służby ratownicze, schrony i przygotowanie na sytuacje kryzysowe i katastrofy."),
    }),
    ("housing", {
        "en": ("Housing and reconstruction", "Homes for displaced and affected residents, and rebuilding damaged buildings and neighbourhoods."),
        "de": ("Wohnen und Wiederaufbau", "Wohnraum für Vertriebene und Betroffene sowie Wiederaufbau beschädigter Gebäude und Stadtviertel."),
        "uk": ("Житло і відбудова", "Житло для переселенців і постраждалих мешканців та відбудова пошкоджених будівель і кварталів."),
        "fr": ("Logement et reconstruction", "Logement des personnes déplacées et sinistrées, et reconstruction des bâtiments et quartiers endommagés."),
        "pl": ("Mieszkalnictwo i odbudowa", "Mieszkania dla przesiedlonych i poszkodowanych mieszkańców oraz odbudowa zniszczonych budynków i dzielnic."),
    }),
    ("education", {
        "en": ("Education, youth and science", "Schools, kindergartens, universities, vocational training and work with young people."),
        "de": ("Bildung, Jugend und Wissenschaft", "Schulen, Kindertagesstätten, Hochschulen, berufliche Bildung und Jugendarbeit."),
        "uk": ("Освіта, молодь і наука", "Школи, дитячі садки, університети, професійна освіта та робота з молоддю."),
        "fr": ("Éducation, jeunesse et science", "Écoles, écoles maternelles, universités, formation professionnelle et action en faveur de la jeunesse."),
        "pl": ("Edukacja, młodzież i nauka", "Szkoły, przedszkola, uczelnie, kształcenie zawodowe i praca z młodzieżą."),
    }),
    ("social", {
        "en": ("Social services and integration", "Support for vulnerable residents and for people who have had to leave their homes."),
        "de": ("Soziale Dienste und Integration", "Unterstützung für schutzbedürftige Menschen und für alle, die ihr Zuhause verlassen mussten."),
        "uk": ("Соціальні послуги та інтеграція", "Підтримка вразливих мешканців і людей, які були змушені залишити свої домівки."),
        "fr": ("Services sociaux et intégration", "Soutien aux habitants vulnérables et aux personnes qui ont dû quitter leur foyer."),
        "pl": ("Usługi społeczne i integracja", "Wsparcie dla mieszkańców w trudnej sytuacji i osób, które musiały opuścić swoje domy."),
    }),
    ("administration", {
        "en": ("Public administration and digitalisation", "How the town hall works: digital services, IT, staff, finances and involving citizens."),
        "de": ("Öffentliche Verwaltung und Digitalisierung", "Die Arbeit der Verwaltung: digitale Dienste, IT, Personal, Finanzen und Bürgerbeteiligung."),
        "uk": ("Публічне управління та цифровізація", "Робота органів місцевого самоврядування: цифрові послуги, ІТ, персонал, фінанси та залучення громадян."),
        "fr": ("Administration publique et transformation numérique", "Le fonctionnement de la mairie : services numériques, informatique, personnel, finances et participation citoyenne."),
        "pl": ("Administracja publiczna i cyfryzacja", "Funkcjonowanie urzędu: usługi cyfrowe, informatyka, kadry, finanse i udział mieszkańców."),
    }),
    ("transport", {
        "en": ("Transport and municipal vehicles", "Public transport, municipal vehicle fleets, roads and bridges."),
        "de": ("Verkehr und kommunale Fahrzeuge", "Öffentlicher Nahverkehr, kommunaler Fuhrpark, Straßen und Brücken."),
        "uk": ("Транспорт і комунальна техніка", "Громадський транспорт, комунальна техніка, дороги та мости."),
        "fr": ("Transports et véhicules municipaux", "Transports publics, parc de véhicules municipaux, routes et ponts."),
        "pl": ("Transport i pojazdy komunalne", "Transport publiczny, tabor komunalny, drogi i mosty."),
    }),
    ("environment", {
        "en": ("Environment, waste and climate", "Waste management, nature and green spaces, and preparing the city for a changing climate."),
        "de": ("Umwelt, Abfall und Klima", "Abfallwirtschaft, Natur und Grünflächen sowie die Anpassung der Stadt an den Klimawandel."),
        "uk": ("Довкілля, відходи і клімат", "Поводження з відходами, природа й зелені зони та адаптація міста до зміни клімату."),
        "fr": ("Environnement, déchets et climat", "Gestion des déchets, nature et espaces verts, et adaptation de la ville au changement climatique."),
        "pl": ("Środowisko, odpady i klimat", "Gospodarka odpadami, przyroda i tereny zielone oraz przygotowanie miasta na zmiany klimatu."),
    }),
    ("economy", {
        "en": ("Economic development and jobs", "Local businesses, tourism, agriculture and jobs for residents."),
        "de": ("Wirtschaftsförderung und Beschäftigung", "Örtliche Unternehmen, Tourismus, Landwirtschaft und Arbeitsplätze für die Bevölkerung."),
        "uk": ("Економічний розвиток і зайнятість", "Місцевий бізнес, туризм, сільське господарство та робочі місця для мешканців."),
        "fr": ("Développement économique et emploi", "Entreprises locales, tourisme, agriculture et emplois pour les habitants."),
        "pl": ("Rozwój gospodarczy i zatrudnienie", "Lokalne firmy, turystyka, rolnictwo i miejsca pracy dla mieszkańców."),
    }),
    ("culture", {
        "en": ("Culture, sport and remembrance", "Cultural life, sport, local media and keeping the memory of the war and its victims."),
        "de": ("Kultur, Sport und Erinnerungskultur", "Kulturleben, Sport, lokale Medien und das Gedenken an den Krieg und seine Opfer."),
        "uk": ("Культура, спорт і пам’ять", "Культурне життя, спорт, місцеві медіа та збереження пам’яті про війну і її жертв."),
        "fr": ("Culture, sport et mémoire", "Vie culturelle, sport, médias locaux et mémoire de la guerre et de ses victimes."),
        "pl": ("Kultura, sport i pamięć", "Życie kulturalne, sport, media lokalne oraz pamięć o wojnie i jej ofiarach."),
    }),
    ("urban-planning", {
        "en": ("Urban planning and smart city", "Planning how the city grows and is rebuilt, and using data and technology to run it."),
        "de": ("Stadtplanung und Smart City", "Planung von Stadtentwicklung und Wiederaufbau sowie der Einsatz von Daten und Technik in der Stadt."),
        "uk": ("Містобудування і розумне місто", "Планування розвитку й відбудови міста та використання даних і технологій в управлінні ним."),
        "fr": ("Urbanisme et ville intelligente", "Planification du développement et de la reconstruction de la ville, et usage des données et des technologies pour la gérer."),
        "pl": ("Planowanie przestrzenne i inteligentne miasto", "Planowanie rozwoju i odbudowy miasta oraz wykorzystanie danych i technologii w zarządzaniu nim."),
    }),
)

TOPICS: dict[str, tuple[Entry, ...]] = {
    "energy": (
        ("generators", {
            "en": ("Generators", "Power generators and fuel for hospitals, water works and shelters."),
            "de": ("Notstromaggregate", "Notstromaggregate und Kraftstoff für Krankenhäuser, Wasserwerke und Schutzräume."),
            "uk": ("Генератори", "Генератори та пальне для лікарень, водоканалів і укриттів."),
            "fr": ("Groupes électrogènes", "Groupes électrogènes et carburant pour les hôpitaux, les services des eaux et les abris."),
            "pl": ("Agregaty prądotwórcze", "Agregaty prądotwórcze i paliwo dla szpitali, wodociągów i schronów."),
        }),
        ("heating", {
            "en": ("Heating", "Boilers, heating plants, district heating networks and heaters for the cold season."),
            "de": ("Heizung und Fernwärme", "Heizkessel, Heizwerke, Fernwärmenetze und Heizgeräte für die kalte Jahreszeit."),
            "uk": ("Опалення", "Котли, котельні, мережі централізованого теплопостачання та обігрівачі на опалювальний сезон."),
            "fr": ("Chauffage", "Chaudières, chaufferies, réseaux de chaleur et appareils de chauffage pour la saison froide."),
            "pl": ("Ogrzewanie", "Kotły, kotłownie, sieci ciepłownicze i grzejniki na sezon grzewczy."),
        }),
        ("power-grid", {
            "en": ("Power grid", "Transformers, cables, substations and repair of the local electricity network."),
            "de": ("Stromnetz", "Transformatoren, Kabel, Umspannwerke und Instandsetzung des örtlichen Stromnetzes."),
            "uk": ("Електромережі", "Трансформатори, кабелі, підстанції та відновлення місцевих електромереж."),
            "fr": ("Réseau électrique", "Transformateurs, câbles, postes électriques et remise en état du réseau électrique local."),
            "pl": ("Sieć elektroenergetyczna", "Transformatory, kable, stacje elektroenergetyczne i naprawa lokalnej sieci energetycznej."),
        }),
        ("renewables", {
            "en": ("Renewable energy", "Solar panels, heat pumps, biomass and battery storage for a more resilient supply."),
            "de": ("Erneuerbare Energien", "Photovoltaik, Wärmepumpen, Biomasse und Batteriespeicher für eine krisenfestere Versorgung."),
            "uk": ("Відновлювана енергетика", "Сонячні панелі, теплові насоси, біомаса та акумуляторні системи для стійкішого енергопостачання."),
            "fr": ("Énergies renouvelables", "Panneaux solaires, pompes à chaleur, biomasse et stockage par batteries pour un approvisionnement plus résilient."),
            "pl": ("Odnawialne źródła energii", "Panele fotowoltaiczne, pompy ciepła, biomasa i magazyny energii dla bardziej odpornych dostaw."),
        }),
        ("energy-efficiency", {
            "en": ("Energy efficiency", "Insulation, efficient lighting and energy management in public buildings."),
            "de": ("Energieeffizienz", "Wärmedämmung, effiziente Beleuchtung und Energiemanagement in öffentlichen Gebäuden."),
            "uk": ("Енергоефективність", "Утеплення, енергоощадне освітлення та енергоменеджмент у громадських будівлях."),
            "fr": ("Efficacité énergétique", "Isolation, éclairage économe et gestion de l’énergie dans les bâtiments publics."),
            "pl": ("Efektywność energetyczna", "Termomodernizacja, energooszczędne oświetlenie i zarządzanie energią w budynkach publicznych."),
        }),
    ),
    "water": (
        ("drinking-water", {
            "en": ("Drinking water", "Water supply for residents, including tanks, bottled water and mobile purification units."),
            "de": ("Trinkwasser", "Wasserversorgung der Bevölkerung, einschließlich Tanks, abgefülltem Wasser und mobiler Aufbereitungsanlagen."),
            "uk": ("Питна вода", "Водопостачання для мешканців, зокрема ємності, бутильована вода та мобільні станції очищення."),
            "fr": ("Eau potable", "Approvisionnement des habitants en eau, y compris citernes, eau en bouteille et unités mobiles de potabilisation."),
            "pl": ("Woda pitna", "Zaopatrzenie mieszkańców w wodę, w tym zbiorniki, woda butelkowana i mobilne stacje uzdatniania."),
        }),
        ("water-treatment", {
            "en": ("Water treatment", "Treatment plants, filters, chemicals and laboratory testing of water quality."),
            "de": ("Wasseraufbereitung", "Aufbereitungsanlagen, Filter, Chemikalien und Laboranalysen der Wasserqualität."),
            "uk": ("Водопідготовка", "Станції водопідготовки, фільтри, реагенти та лабораторний контроль якості води."),
            "fr": ("Traitement de l’eau", "Stations de traitement, filtres, réactifs et analyses en laboratoire de la qualité de l’eau."),
            "pl": ("Uzdatnianie wody", "Stacje uzdatniania, filtry, odczynniki i badania laboratoryjne jakości wody."),
        }),
        ("sewage", {
            "en": ("Sewage", "Sewer networks, wastewater treatment plants and their repair."),
            "de": ("Abwasser", "Kanalnetze, Kläranlagen und deren Instandsetzung."),
            "uk": ("Каналізація", "Каналізаційні мережі, очисні споруди стічних вод та їх відновлення."),
            "fr": ("Eaux usées", "Réseaux d’égouts, stations d’épuration et leur remise en état."),
            "pl": ("Gospodarka ściekowa", "Sieci kanalizacyjne, oczyszczalnie ścieków i ich naprawa."),
        }),
        ("pumps", {
            "en": ("Pumps", "Pumps and pumping stations for water supply, sewage and flood protection."),
            "de": ("Pumpen", "Pumpen und Pumpwerke für Wasserversorgung, Abwasser und Hochwasserschutz."),
            "uk": ("Насоси", "Насоси та насосні станції для водопостачання, водовідведення і захисту від підтоплень."),
            "fr": ("Pompes", "Pompes et stations de pompage pour l’eau potable, l’assainissement et la protection contre les crues."),
            "pl": ("Pompy", "Pompy i przepompownie do zaopatrzenia w wodę, odprowadzania ścieków i ochrony przeciwpowodziowej."),
        }),
    ),
    "health": (
        ("medical-equipment", {
            "en": ("Medical equipment", "Diagnostic devices, hospital beds, operating theatre equipment and spare parts."),
            "de": ("Medizintechnik", "Diagnosegeräte, Krankenhausbetten, OP-Ausstattung und Ersatzteile."),
            "uk": ("Медичне обладнання", "Діагностичне обладнання, лікарняні ліжка, оснащення операційних і запасні частини."),
            "fr": ("Équipements médicaux", "Appareils de diagnostic, lits d’hôpital, équipements de bloc opératoire et pièces détachées."),
            "pl": ("Sprzęt medyczny", "Aparatura diagnostyczna, łóżka szpitalne, wyposażenie sal operacyjnych i części zamienne."),
        }),
        ("medicines", {
            "en": ("Medicines", "Medicines, medical consumables and first-aid supplies."),
            "de": ("Arzneimittel", "Arzneimittel, medizinisches Verbrauchsmaterial und Erste-Hilfe-Material."),
            "uk": ("Ліки", "Лікарські засоби, медичні витратні матеріали та засоби першої допомоги."),
            "fr": ("Médicaments", "Médicaments, consommables médicaux et matériel de premiers secours."),
            "pl": ("Leki", "Leki, jednorazowe materiały medyczne i środki pierwszej pomocy."),
        }),
        ("ambulances", {
            "en": ("Ambulances", "Ambulances and their equipment, from stretchers to defibrillators."),
            "de": ("Rettungswagen", "Rettungswagen und ihre Ausstattung, von der Trage bis zum Defibrillator."),
            "uk": ("Автомобілі швидкої допомоги", "Автомобілі швидкої допомоги та їхнє оснащення — від нош до дефібриляторів."),
            "fr": ("Ambulances", "Ambulances et leur équipement, du brancard au défibrillateur."),
            "pl": ("Karetki pogotowia", "Karetki pogotowia i ich wyposażenie, od noszy po defibrylatory."),
        }),
        ("hospital-partnership", {
            "en": ("Hospital partnership", "Long-term cooperation between hospitals: exchange of doctors, nurses and practice."),
            "de": ("Klinikpartnerschaft", "Langfristige Zusammenarbeit zwischen Krankenhäusern: Austausch von Ärzteschaft, Pflegekräften und Erfahrungen."),
            "uk": ("Партнерство лікарень", "Довгострокова співпраця між лікарнями: обмін лікарями, медсестрами та досвідом."),
            "fr": ("Partenariat hospitalier", "Coopération durable entre hôpitaux : échanges de médecins, de personnel soignant et de pratiques."),
            "pl": ("Partnerstwo szpitali", "Długofalowa współpraca szpitali: wymiana lekarzy, pielęgniarek i doświadczeń."),
        }),
        ("rehabilitation", {
            "en": ("Rehabilitation", "Rehabilitation of the wounded and injured, prosthetics and physiotherapy."),
            "de": ("Rehabilitation", "Rehabilitation von Verwundeten und Verletzten, Prothetik und Physiotherapie."),
            "uk": ("Реабілітація", "Реабілітація поранених і травмованих, протезування та фізична терапія."),
            "fr": ("Rééducation", "Rééducation des blessés, prothèses et kinésithérapie."),
            "pl": ("Rehabilitacja", "Rehabilitacja rannych i poszkodowanych, protetyka i fizjoterapia."),
        }),
        ("mental-health", {
            "en": ("Mental health", "Psychological support and trauma care for residents, children and first responders."),
            "de": ("Psychische Gesundheit", "Psychologische Unterstützung und Traumabehandlung für die Bevölkerung, Kinder und Einsatzkräfte."),
            "uk": ("Психічне здоров’я", "Психологічна підтримка та допомога в подоланні травми для мешканців, дітей і рятувальників."),
            "fr": ("Santé mentale", "Soutien psychologique et prise en charge des traumatismes pour les habitants, les enfants et les secouristes."),
            "pl": ("Zdrowie psychiczne", "Wsparcie psychologiczne i pomoc w traumie dla mieszkańców, dzieci i służb ratunkowych."),
        }),
    ),
    "civil-protection": (
        ("firefighting", {
            "en": ("Firefighting", "Fire engines, protective clothing, hoses and equipment for fire brigades."),
            "de": ("Brandschutz", "Löschfahrzeuge, Schutzkleidung, Schläuche und Ausrüstung für die Feuerwehr."),
            "uk": ("Пожежогасіння", "Пожежні автомобілі, захисний одяг, рукави та спорядження для пожежних підрозділів."),
            "fr": ("Lutte contre l’incendie", "Camions de pompiers, tenues de protection, tuyaux et équipements pour les sapeurs-pompiers."),
            "pl": ("Ochrona przeciwpożarowa", "Wozy strażackie, odzież ochronna, węże i wyposażenie dla straży pożarnej."),
        }),
        ("rescue", {
            "en": ("Rescue", "Search and rescue after strikes and disasters: tools, vehicles and trained teams."),
            "de": ("Rettung und Bergung", "Suche und Bergung nach Angriffen und Katastrophen: Werkzeug, Fahrzeuge und ausgebildete Teams."),
            "uk": ("Рятувальні роботи", "Пошуково-рятувальні роботи після обстрілів і катастроф: інструменти, техніка та підготовлені команди."),
            "fr": ("Sauvetage", "Recherche et sauvetage après des frappes ou des catastrophes : outils, véhicules et équipes formées."),
            "pl": ("Ratownictwo", "Poszukiwania i ratownictwo po ostrzałach i katastrofach: narzędzia, pojazdy i wyszkolone zespoły."),
        }),
        ("demining", {
            "en": ("Demining", "Clearing mines and unexploded ordnance, and the detection equipment for it."),
            "de": ("Kampfmittelräumung", "Räumung von Minen und Blindgängern sowie die dafür nötige Ortungstechnik."),
            "uk": ("Розмінування", "Розмінування територій, знешкодження вибухонебезпечних предметів і обладнання для їх виявлення."),
            "fr": ("Déminage", "Dépollution des mines et munitions non explosées, et équipements de détection nécessaires."),
            "pl": ("Rozminowanie", "Usuwanie min i niewybuchów oraz sprzęt do ich wykrywania."),
        }),
        ("shelters", {
            "en": ("Shelters", "Building and equipping shelters in schools, hospitals and residential areas."),
            "de": ("Schutzräume", "Bau und Ausstattung von Schutzräumen in Schulen, Krankenhäusern und Wohngebieten."),
            "uk": ("Укриття", "Облаштування та оснащення укриттів у школах, лікарнях і житлових кварталах."),
            "fr": ("Abris", "Construction et équipement d’abris dans les écoles, les hôpitaux et les quartiers résidentiels."),
            "pl": ("Schrony", "Budowa i wyposażenie schronów w szkołach, szpitalach i na osiedlach mieszkaniowych."),
        }),
        ("emergency-planning", {
            "en": ("Emergency planning", "Crisis management plans, warning systems and emergency exercises."),
            "de": ("Notfallplanung", "Krisenmanagement- und Alarmpläne, Warnsysteme und Katastrophenschutzübungen."),
            "uk": ("Планування на випадок надзвичайних ситуацій", "Плани реагування на кризи, системи оповіщення та навчання з дій у надзвичайних ситуаціях."),
            "fr": ("Planification des urgences", "Plans de gestion de crise, systèmes d’alerte et exercices de sécurité civile."),
            "pl": ("Planowanie kryzysowe", "Plany zarządzania kryzysowego, systemy ostrzegania i ćwiczenia służb."),
        }),
    ),
    "housing": (
        ("temporary-housing", {
            "en": ("Temporary housing", "Modular homes, container housing and refurbishing buildings as temporary accommodation."),
            "de": ("Übergangsunterkünfte", "Modulhäuser, Wohncontainer und die Herrichtung von Gebäuden als Übergangsunterkunft."),
            "uk": ("Тимчасове житло", "Модульні будинки, житлові контейнери та облаштування будівель під тимчасове житло."),
            "fr": ("Hébergement temporaire", "Maisons modulaires, logements en conteneurs et aménagement de bâtiments en hébergement temporaire."),
            "pl": ("Mieszkania tymczasowe", "Domy modułowe, kontenery mieszkalne i adaptacja budynków na zakwaterowanie tymczasowe."),
        }),
        ("construction-materials", {
            "en": ("Construction materials", "Windows, roofing, timber, cement and other materials for repairs and rebuilding."),
            "de": ("Baumaterialien", "Fenster, Dachmaterial, Holz, Zement und weitere Materialien für Reparatur und Wiederaufbau."),
            "uk": ("Будівельні матеріали", "Вікна, покрівельні матеріали, деревина, цемент та інші матеріали для ремонту й відбудови."),
            "fr": ("Matériaux de construction", "Fenêtres, matériaux de couverture, bois, ciment et autres matériaux pour les réparations et la reconstruction."),
            "pl": ("Materiały budowlane", "Okna, pokrycia dachowe, drewno, cement i inne materiały do napraw i odbudowy."),
        }),
        ("reconstruction-planning", {
            "en": ("Reconstruction planning", "Damage assessment, architecture and engineering for building back better."),
            "de": ("Wiederaufbauplanung", "Schadenserfassung, Architektur- und Ingenieurleistungen für einen besseren Wiederaufbau."),
            "uk": ("Планування відбудови", "Оцінка збитків, архітектурні та інженерні рішення для якісної відбудови."),
            "fr": ("Planification de la reconstruction", "Évaluation des dommages, architecture et ingénierie pour reconstruire mieux."),
            "pl": ("Planowanie odbudowy", "Szacowanie szkód, projekty architektoniczne i inżynieryjne na rzecz lepszej odbudowy."),
        }),
        ("heritage-restoration", {
            "en": ("Heritage restoration", "Protecting and restoring historic buildings, monuments and museum collections."),
            "de": ("Denkmalpflege und Restaurierung", "Schutz und Restaurierung historischer Gebäude, Denkmäler und Museumssammlungen."),
            "uk": ("Реставрація культурної спадщини", "Захист і реставрація історичних будівель, пам’яток і музейних колекцій."),
            "fr": ("Restauration du patrimoine", "Protection et restauration des bâtiments historiques, des monuments et des collections des musées."),
            "pl": ("Renowacja zabytków", "Ochrona i konserwacja zabytkowych budynków, pomników i zbiorów muzealnych."),
        }),
    ),
    "education": (
        ("schools", {
            "en": ("Schools", "School equipment, learning materials, repairs and partnerships between schools."),
            "de": ("Schulen", "Schulausstattung, Lernmaterial, Instandsetzung und Schulpartnerschaften."),
            "uk": ("Школи", "Шкільне обладнання, навчальні матеріали, ремонт і партнерства між школами."),
            "fr": ("Écoles", "Équipement scolaire, matériel pédagogique, travaux et partenariats entre écoles."),
            "pl": ("Szkoły", "Wyposażenie szkół, pomoce dydaktyczne, remonty i partnerstwa szkół."),
        }),
        ("kindergartens", {
            "en": ("Kindergartens", "Furniture, toys, play equipment and support for early childhood education."),
            "de": ("Kindertagesstätten", "Möbel, Spielzeug, Spielgeräte und Unterstützung der frühkindlichen Bildung."),
            "uk": ("Дитячі садки", "Меблі, іграшки, ігрове обладнання та підтримка дошкільної освіти."),
            "fr": ("Écoles maternelles", "Mobilier, jouets, équipements de jeu et soutien à l’éducation de la petite enfance."),
            "pl": ("Przedszkola", "Meble, zabawki, sprzęt do zabaw i wsparcie edukacji przedszkolnej."),
        }),
        ("universities", {
            "en": ("Universities", "Cooperation between universities and research institutes, scholarships and joint projects."),
            "de": ("Hochschulen", "Zusammenarbeit von Hochschulen und Forschungseinrichtungen, Stipendien und gemeinsame Projekte."),
            "uk": ("Університети", "Співпраця університетів і наукових установ, стипендії та спільні проєкти."),
            "fr": ("Universités", "Coopération entre universités et instituts de recherche, bourses et projets communs."),
            "pl": ("Uczelnie", "Współpraca uczelni i instytutów badawczych, stypendia i wspólne projekty."),
        }),
        ("vocational-training", {
            "en": ("Vocational training", "Training in the trades needed for reconstruction, and equipment for vocational schools."),
            "de": ("Berufliche Bildung", "Ausbildung in Berufen, die für den Wiederaufbau gebraucht werden, und Ausstattung von Berufsschulen."),
            "uk": ("Професійна освіта", "Навчання робітничих професій, потрібних для відбудови, та обладнання для закладів професійної освіти."),
            "fr": ("Formation professionnelle", "Formation aux métiers nécessaires à la reconstruction et équipement des lycées professionnels."),
            "pl": ("Kształcenie zawodowe", "Szkolenie w zawodach potrzebnych przy odbudowie i wyposażenie szkół zawodowych."),
        }),
        ("youth-exchange", {
            "en": ("Youth exchange", "Youth exchanges, summer camps and joint projects of young people from partner cities."),
            "de": ("Jugendaustausch", "Jugendbegegnungen, Ferienlager und gemeinsame Projekte junger Menschen aus Partnerstädten."),
            "uk": ("Молодіжні обміни", "Молодіжні обміни, літні табори та спільні проєкти молоді з міст-партнерів."),
            "fr": ("Échanges de jeunes", "Échanges de jeunes, camps d’été et projets communs de jeunes des villes partenaires."),
            "pl": ("Wymiana młodzieży", "Wymiany młodzieży, obozy letnie i wspólne projekty młodych ludzi z miast partnerskich."),
        }),
    ),
    "social": (
        ("displaced-persons", {
            "en": ("Displaced persons", "Reception, counselling and everyday needs of internally displaced persons and refugees."),
            "de": ("Vertriebene", "Aufnahme, Beratung und Alltagsbedarf von Binnenvertriebenen und Geflüchteten."),
            "uk": ("Внутрішньо переміщені особи", "Прийом, консультування та щоденні потреби внутрішньо переміщених осіб і біженців."),
            "fr": ("Personnes déplacées", "Accueil, accompagnement et besoins quotidiens des personnes déplacées internes et des réfugiés."),
            "pl": ("Osoby przesiedlone", "Przyjmowanie, doradztwo i codzienne potrzeby osób wewnętrznie przesiedlonych i uchodźców."),
        }),
        ("children-and-families", {
            "en": ("Children and families", "Help for families with children, orphans and children deprived of parental care."),
            "de": ("Kinder und Familien", "Hilfe für Familien mit Kindern, für Waisen und Kinder ohne elterliche Fürsorge."),
            "uk": ("Діти та сім’ї", "Допомога сім’ям з дітьми, дітям-сиротам і дітям, позбавленим батьківського піклування."),
            "fr": ("Enfants et familles", "Aide aux familles avec enfants, aux orphelins et aux enfants privés de protection parentale."),
            "pl": ("Dzieci i rodziny", "Pomoc dla rodzin z dziećmi, sierot i dzieci pozbawionych opieki rodzicielskiej."),
        }),
        ("elderly-care", {
            "en": ("Elderly care", "Care homes, home care and social support for older residents."),
            "de": ("Altenhilfe", "Pflegeheime, ambulante Pflege und soziale Betreuung älterer Menschen."),
            "uk": ("Догляд за людьми похилого віку", "Заклади довготривалого догляду, догляд удома та соціальна підтримка літніх мешканців."),
            "fr": ("Aide aux personnes âgées", "Établissements pour personnes âgées, aide à domicile et accompagnement social des seniors."),
            "pl": ("Opieka nad osobami starszymi", "Domy opieki, opieka domowa i wsparcie społeczne dla starszych mieszkańców."),
        }),
        ("disability", {
            "en": ("People with disabilities", "Assistive devices, accessible buildings and transport, and inclusion services."),
            "de": ("Menschen mit Behinderungen", "Hilfsmittel, barrierefreie Gebäude und Verkehrsmittel sowie Angebote der Inklusion."),
            "uk": ("Люди з інвалідністю", "Допоміжні засоби, безбар’єрні будівлі й транспорт та послуги з інклюзії."),
            "fr": ("Personnes en situation de handicap", "Aides techniques, bâtiments et transports accessibles, et services d’inclusion."),
            "pl": ("Osoby z niepełnosprawnościami", "Sprzęt wspomagający, budynki i transport bez barier oraz usługi wspierające włączenie społeczne."),
        }),
        ("integration", {
            "en": ("Integration", "Language courses, community centres and bringing newcomers and host communities together."),
            "de": ("Integration", "Sprachkurse, Begegnungszentren und das Zusammenführen von Neuankömmlingen und Aufnahmegesellschaft."),
            "uk": ("Інтеграція", "Мовні курси, громадські центри та налагодження зв’язків між новоприбулими і приймаючими громадами."),
            "fr": ("Intégration", "Cours de langue, centres sociaux et rapprochement entre nouveaux arrivants et population d’accueil."),
            "pl": ("Integracja", "Kursy językowe, centra społeczne i budowanie relacji między przybyszami a społecznością przyjmującą."),
        }),
    ),
    "administration": (
        ("e-government", {
            "en": ("E-government", "Online services for residents, digital registers and document management."),
            "de": ("E-Government", "Online-Dienste für Bürgerinnen und Bürger, digitale Register und Dokumentenmanagement."),
            "uk": ("Електронне врядування", "Онлайн-послуги для мешканців, цифрові реєстри та електронний документообіг."),
            "fr": ("Administration en ligne", "Services en ligne pour les habitants, registres numériques et gestion électronique des documents."),
            "pl": ("E-administracja", "Usługi online dla mieszkańców, rejestry cyfrowe i elektroniczny obieg dokumentów."),
        }),
        ("it-equipment", {
            "en": ("IT equipment", "Computers, servers, network equipment and software licences for municipal offices."),
            "de": ("IT-Ausstattung", "Computer, Server, Netzwerktechnik und Softwarelizenzen für die Verwaltung."),
            "uk": ("ІТ-обладнання", "Комп’ютери, сервери, мережеве обладнання та ліцензії на програмне забезпечення для установ громади."),
            "fr": ("Équipement informatique", "Ordinateurs, serveurs, équipements réseau et licences logicielles pour les services municipaux."),
            "pl": ("Sprzęt informatyczny", "Komputery, serwery, sprzęt sieciowy i licencje na oprogramowanie dla urzędów."),
        }),
        ("staff-training", {
            "en": ("Staff training", "Training and study visits for municipal staff, from procurement to project management."),
            "de": ("Fortbildung des Personals", "Fortbildungen und Hospitationen für Verwaltungsbeschäftigte, vom Vergaberecht bis zum Projektmanagement."),
            "uk": ("Навчання персоналу", "Навчання та навчальні візити для працівників органів місцевого самоврядування — від закупівель до управління проєктами."),
            "fr": ("Formation des agents", "Formations et visites d’étude pour les agents municipaux, des marchés publics à la gestion de projet."),
            "pl": ("Szkolenia kadr", "Szkolenia i wizyty studyjne dla pracowników samorządu, od zamówień publicznych po zarządzanie projektami."),
        }),
        ("citizen-participation", {
            "en": ("Citizen participation", "Participatory budgets, public consultations and cooperation with civil society."),
            "de": ("Bürgerbeteiligung", "Bürgerhaushalte, öffentliche Anhörungen und Zusammenarbeit mit der Zivilgesellschaft."),
            "uk": ("Участь громадян", "Бюджети участі, громадські консультації та співпраця з громадянським суспільством."),
            "fr": ("Participation citoyenne", "Budgets participatifs, consultations publiques et coopération avec la société civile."),
            "pl": ("Partycypacja obywatelska", "Budżety obywatelskie, konsultacje społeczne i współpraca z organizacjami pozarządowymi."),
        }),
        ("budgeting", {
            "en": ("Budgeting and finance", "Municipal budgets, financial management, audit and transparent public spending."),
            "de": ("Haushalt und Finanzen", "Kommunalhaushalt, Finanzmanagement, Rechnungsprüfung und transparente öffentliche Ausgaben."),
            "uk": ("Бюджет і фінанси", "Місцеві бюджети, управління фінансами, аудит і прозорість публічних видатків."),
            "fr": ("Budget et finances", "Budgets municipaux, gestion financière, contrôle et transparence de la dépense publique."),
            "pl": ("Budżet i finanse", "Budżety gmin, zarządzanie finansami, audyt i przejrzystość wydatków publicznych."),
        }),
    ),
    "transport": (
        ("public-transport", {
            "en": ("Public transport", "Buses, trams, trolleybuses, spare parts and the running of public transport."),
            "de": ("Öffentlicher Nahverkehr", "Busse, Straßenbahnen, Oberleitungsbusse, Ersatzteile und der Betrieb des Nahverkehrs."),
            "uk": ("Громадський транспорт", "Автобуси, трамваї, тролейбуси, запчастини та організація роботи громадського транспорту."),
            "fr": ("Transports publics", "Bus, tramways, trolleybus, pièces détachées et exploitation des transports publics."),
            "pl": ("Transport publiczny", "Autobusy, tramwaje, trolejbusy, części zamienne i organizacja komunikacji miejskiej."),
        }),
        ("municipal-vehicles", {
            "en": ("Municipal vehicles", "Refuse trucks, snow ploughs, excavators and other vehicles for municipal services."),
            "de": ("Kommunalfahrzeuge", "Müllfahrzeuge, Schneepflüge, Bagger und weitere Fahrzeuge für kommunale Dienste."),
            "uk": ("Комунальна техніка", "Сміттєвози, снігоприбиральна техніка, екскаватори та інші машини для комунальних служб."),
            "fr": ("Véhicules municipaux", "Bennes à ordures, chasse-neige, pelleteuses et autres véhicules des services municipaux."),
            "pl": ("Pojazdy komunalne", "Śmieciarki, pługi śnieżne, koparki i inne pojazdy dla służb komunalnych."),
        }),
        ("roads-and-bridges", {
            "en": ("Roads and bridges", "Repair and construction of roads, bridges, street lighting and traffic lights."),
            "de": ("Straßen und Brücken", "Instandsetzung und Bau von Straßen, Brücken, Straßenbeleuchtung und Ampelanlagen."),
            "uk": ("Дороги та мости", "Ремонт і будівництво доріг, мостів, вуличного освітлення та світлофорів."),
            "fr": ("Routes et ponts", "Réparation et construction de routes, de ponts, d’éclairage public et de feux de circulation."),
            "pl": ("Drogi i mosty", "Remonty i budowa dróg, mostów, oświetlenia ulicznego i sygnalizacji świetlnej."),
        }),
    ),
    "environment": (
        ("waste-management", {
            "en": ("Waste management", "Collection, sorting and recycling of waste, including rubble from destroyed buildings."),
            "de": ("Abfallwirtschaft", "Sammlung, Sortierung und Verwertung von Abfällen, einschließlich Bauschutt aus zerstörten Gebäuden."),
            "uk": ("Поводження з відходами", "Збирання, сортування та переробка відходів, зокрема будівельного сміття зі зруйнованих будівель."),
            "fr": ("Gestion des déchets", "Collecte, tri et recyclage des déchets, y compris les gravats des bâtiments détruits."),
            "pl": ("Gospodarka odpadami", "Zbiórka, segregacja i recykling odpadów, w tym gruzu ze zniszczonych budynków."),
        }),
        ("climate-adaptation", {
            "en": ("Climate adaptation", "Protection against floods, heat and drought, and climate action plans."),
            "de": ("Klimaanpassung", "Schutz vor Hochwasser, Hitze und Dürre sowie Klimaschutz- und Klimaanpassungskonzepte."),
            "uk": ("Адаптація до зміни клімату", "Захист від повеней, спеки та посухи, а також кліматичні плани дій."),
            "fr": ("Adaptation au changement climatique", "Protection contre les inondations, la chaleur et la sécheresse, et plans climat."),
            "pl": ("Adaptacja do zmian klimatu", "Ochrona przed powodziami, upałami i suszą oraz plany adaptacji do zmian klimatu."),
        }),
        ("green-spaces", {
            "en": ("Green spaces", "Parks, trees, playgrounds and the care of public green areas."),
            "de": ("Grünflächen", "Parks, Stadtbäume, Spielplätze und die Pflege öffentlicher Grünanlagen."),
            "uk": ("Зелені зони", "Парки, дерева, дитячі майданчики та догляд за громадськими зеленими зонами."),
            "fr": ("Espaces verts", "Parcs, arbres, aires de jeux et entretien des espaces verts publics."),
            "pl": ("Tereny zielone", "Parki, drzewa, place zabaw i utrzymanie publicznej zieleni."),
        }),
    ),
    "economy": (
        ("business-support", {
            "en": ("Business support", "Advice, business contacts and relocation support for small and medium-sized enterprises."),
            "de": ("Unternehmensförderung", "Beratung, Geschäftskontakte und Unterstützung bei der Verlagerung für kleine und mittlere Unternehmen."),
            "uk": ("Підтримка бізнесу", "Консультації, ділові контакти та підтримка релокації для малого й середнього бізнесу."),
            "fr": ("Soutien aux entreprises", "Conseil, mise en relation et aide à la relocalisation pour les petites et moyennes entreprises."),
            "pl": ("Wsparcie przedsiębiorczości", "Doradztwo, kontakty biznesowe i wsparcie relokacji dla małych i średnich przedsiębiorstw."),
        }),
        ("tourism", {
            "en": ("Tourism", "Destination marketing, visitor services and reviving tourism after the war."),
            "de": ("Tourismus", "Standortmarketing, Gästeservice und die Wiederbelebung des Tourismus nach dem Krieg."),
            "uk": ("Туризм", "Просування громади, послуги для відвідувачів і відродження туризму після війни."),
            "fr": ("Tourisme", "Promotion touristique, accueil des visiteurs et relance du tourisme après la guerre."),
            "pl": ("Turystyka", "Promocja turystyczna, obsługa odwiedzających i odbudowa turystyki po wojnie."),
        }),
        ("agriculture", {
            "en": ("Agriculture", "Farm machinery, seeds, food processing and support for local farmers."),
            "de": ("Landwirtschaft", "Landmaschinen, Saatgut, Lebensmittelverarbeitung und Unterstützung der örtlichen Landwirtschaft."),
            "uk": ("Сільське господарство", "Сільськогосподарська техніка, насіння, переробка продукції та підтримка місцевих фермерів."),
            "fr": ("Agriculture", "Machines agricoles, semences, transformation alimentaire et soutien aux agriculteurs locaux."),
            "pl": ("Rolnictwo", "Maszyny rolnicze, nasiona, przetwórstwo żywności i wsparcie lokalnych rolników."),
        }),
        ("employment", {
            "en": ("Employment", "Job centres, retraining and helping veterans and displaced persons into work."),
            "de": ("Beschäftigung", "Arbeitsvermittlung, Umschulung und berufliche Eingliederung von Veteranen und Vertriebenen."),
            "uk": ("Зайнятість", "Центри зайнятості, перекваліфікація та працевлаштування ветеранів і переселенців."),
            "fr": ("Emploi", "Services de l’emploi, reconversion et insertion professionnelle des anciens combattants et des personnes déplacées."),
            "pl": ("Zatrudnienie", "Urzędy pracy, przekwalifikowanie i aktywizacja zawodowa weteranów oraz osób przesiedlonych."),
        }),
    ),
    "culture": (
        ("culture-exchange", {
            "en": ("Cultural exchange", "Concerts, exhibitions, festivals and artists visiting partner cities."),
            "de": ("Kulturaustausch", "Konzerte, Ausstellungen, Festivals und Künstlerbesuche in Partnerstädten."),
            "uk": ("Культурний обмін", "Концерти, виставки, фестивалі та візити митців до міст-партнерів."),
            "fr": ("Échanges culturels", "Concerts, expositions, festivals et venue d’artistes dans les villes partenaires."),
            "pl": ("Wymiana kulturalna", "Koncerty, wystawy, festiwale i wizyty artystów w miastach partnerskich."),
        }),
        ("sport", {
            "en": ("Sport", "Sports equipment, facilities, clubs and tournaments, including sport for veterans."),
            "de": ("Sport", "Sportausrüstung, Sportstätten, Vereine und Turniere, auch Sport für Veteranen."),
            "uk": ("Спорт", "Спортивний інвентар, спортивні споруди, клуби й турніри, зокрема спорт для ветеранів."),
            "fr": ("Sport", "Équipements et installations sportives, clubs et tournois, y compris le sport pour les anciens combattants."),
            "pl": ("Sport", "Sprzęt i obiekty sportowe, kluby i turnieje, w tym sport dla weteranów."),
        }),
        ("remembrance", {
            "en": ("Remembrance", "Memorials, documenting war crimes and commemorating the victims."),
            "de": ("Gedenken", "Gedenkstätten, Dokumentation von Kriegsverbrechen und das Gedenken an die Opfer."),
            "uk": ("Пам’ять", "Меморіали, документування воєнних злочинів і вшанування пам’яті жертв."),
            "fr": ("Mémoire", "Lieux de mémoire, documentation des crimes de guerre et commémoration des victimes."),
            "pl": ("Pamięć", "Miejsca pamięci, dokumentowanie zbrodni wojennych i upamiętnianie ofiar."),
        }),
        ("media", {
            "en": ("Media", "Local newspapers, radio and the city's communication with residents."),
            "de": ("Medien", "Lokale Zeitungen, Radio und die Kommunikation der Stadt mit der Bevölkerung."),
            "uk": ("Медіа", "Місцеві газети, радіо та комунікація громади з мешканцями."),
            "fr": ("Médias", "Presse locale, radio et communication de la ville avec les habitants."),
            "pl": ("Media", "Lokalna prasa, radio i komunikacja miasta z mieszkańcami."),
        }),
    ),
    "urban-planning": (
        ("spatial-planning", {
            "en": ("Spatial planning", "Master plans, zoning, land registers and geographic information systems."),
            "de": ("Raumplanung", "Flächennutzungs- und Bebauungspläne, Liegenschaftskataster und Geoinformationssysteme."),
            "uk": ("Просторове планування", "Генеральні плани, зонування, земельний кадастр і геоінформаційні системи."),
            "fr": ("Aménagement du territoire", "Plans d’urbanisme, zonage, cadastre et systèmes d’information géographique."),
            "pl": ("Planowanie przestrzenne", "Plany zagospodarowania przestrzennego, ewidencja gruntów i systemy informacji geograficznej."),
        }),
        ("smart-city", {
            "en": ("Smart city", "Sensors, open data and digital platforms for running city services."),
            "de": ("Smart City", "Sensorik, offene Daten und digitale Plattformen für den Betrieb städtischer Dienste."),
            "uk": ("Розумне місто", "Датчики, відкриті дані та цифрові платформи для роботи міських служб."),
            "fr": ("Ville intelligente", "Capteurs, données ouvertes et plateformes numériques au service du fonctionnement de la ville."),
            "pl": ("Inteligentne miasto", "Czujniki, otwarte dane i platformy cyfrowe do obsługi usług miejskich."),
        }),
        ("mobility-planning", {
            "en": ("Mobility planning", "Sustainable urban mobility plans, cycling and walking networks and traffic management."),
            "de": ("Mobilitätsplanung", "Pläne für nachhaltige urbane Mobilität, Rad- und Fußverkehrsnetze und Verkehrsmanagement."),
            "uk": ("Планування мобільності", "Плани сталої міської мобільності, велосипедна й пішохідна інфраструктура та управління дорожнім рухом."),
            "fr": ("Planification de la mobilité", "Plans de mobilité urbaine durable, réseaux cyclables et piétons et gestion du trafic."),
            "pl": ("Planowanie mobilności", "Plany zrównoważonej mobilności miejskiej, sieci rowerowe i piesze oraz zarządzanie ruchem."),
        }),
    ),
}

HELP_KINDS: tuple[Entry, ...] = (
    ("goods", {
        "en": ("Goods and equipment", "Physical items delivered or handed over, from generators to school furniture."),
        "de": ("Sachgüter und Ausrüstung", "Sachleistungen, die geliefert oder übergeben werden, vom Notstromaggregat bis zum Schulmobiliar."),
        "uk": ("Товари та обладнання", "Матеріальні речі, які доставляють або передають, — від генераторів до шкільних меблів."),
        "fr": ("Biens et équipements", "Biens matériels livrés ou remis, des groupes électrogènes au mobilier scolaire."),
        "pl": ("Towary i sprzęt", "Rzeczy materialne dostarczane lub przekazywane, od agregatów prądotwórczych po meble szkolne."),
    }),
    ("expertise", {
        "en": ("Expertise and know-how", "Advice, consulting and sharing of practice between specialists."),
        "de": ("Fachwissen und Know-how", "Beratung, fachliche Begleitung und Erfahrungsaustausch zwischen Fachleuten."),
        "uk": ("Експертиза та досвід", "Поради, консультації та обмін практиками між фахівцями."),
        "fr": ("Expertise et savoir-faire", "Conseil, accompagnement et partage de pratiques entre spécialistes."),
        "pl": ("Wiedza ekspercka i know-how", "Doradztwo, konsultacje i wymiana dobrych praktyk między specjalistami."),
    }),
    ("training", {
        "en": ("Training and exchange", "Training of staff or students, study visits and internships."),
        "de": ("Fortbildung und Austausch", "Schulung von Beschäftigten oder Studierenden, Hospitationen, Studienreisen und Praktika."),
        "uk": ("Навчання та обмін", "Навчання працівників або студентів, навчальні візити та стажування."),
        "fr": ("Formation et échanges", "Formation d’agents ou d’étudiants, visites d’étude et stages."),
        "pl": ("Szkolenia i wymiana", "Szkolenia pracowników lub studentów, wizyty studyjne i staże."),
    }),
    ("funding", {
        "en": ("Funding", "Money, co-financing and help with grant applications."),
        "de": ("Finanzierung", "Geldmittel, Kofinanzierung und Unterstützung bei Förderanträgen."),
        "uk": ("Фінансування", "Кошти, співфінансування та допомога з підготовкою грантових заявок."),
        "fr": ("Financement", "Fonds, cofinancement et aide au montage de demandes de subvention."),
        "pl": ("Finansowanie", "Środki finansowe, współfinansowanie i pomoc w przygotowaniu wniosków o dotacje."),
    }),
    ("personnel", {
        "en": ("Personnel and volunteers", "People sent to help on site, such as engineers, doctors or volunteers."),
        "de": ("Personal und Freiwillige", "Menschen, die zur Unterstützung vor Ort entsandt werden, etwa Fachleute aus Technik und Medizin oder Freiwillige."),
        "uk": ("Персонал і волонтери", "Люди, яких направляють допомагати на місці, — інженери, лікарі чи волонтери."),
        "fr": ("Personnel et bénévoles", "Personnes envoyées pour aider sur place, par exemple des ingénieurs, des médecins ou des bénévoles."),
        "pl": ("Personel i wolontariusze", "Osoby wysyłane do pomocy na miejscu, np. inżynierowie, lekarze lub wolontariusze."),
    }),
    ("hosting", {
        "en": ("Hosting", "Receiving people from the partner city: children's holidays, patients or delegations."),
        "de": ("Aufnahme", "Aufnahme von Menschen aus der Partnerstadt: Ferienaufenthalte für Kinder, Patientinnen und Patienten oder Delegationen."),
        "uk": ("Прийом", "Прийом людей з міста-партнера: оздоровлення дітей, лікування пацієнтів або візити делегацій."),
        "fr": ("Accueil", "Accueil de personnes de la ville partenaire : séjours de vacances d’enfants, patients ou délégations."),
        "pl": ("Goszczenie", "Przyjmowanie osób z miasta partnerskiego: wypoczynek dzieci, leczenie pacjentów lub wizyty delegacji."),
    }),
)
# fmt: on


def _fields(texts: Texts, position: int) -> dict[str, object]:
    # The untranslated columns first: on a registered model, assigning ``name`` also writes the
    # active language's column, which the explicit ``name_xx`` values below then set right.
    name, description = texts["en"]
    fields: dict[str, object] = {"name": name, "description": description, "position": position}
    for language in LANGUAGES:
        fields[f"name_{language}"], fields[f"description_{language}"] = texts[language]
    return fields


def install_taxonomy(
    Sector: type[models.Model], Topic: type[models.Model], HelpKind: type[models.Model]
) -> None:
    """Create or update every entry by slug; entries added by an admin are left alone.

    Takes the model classes so a data migration can pass its historical models.
    """
    with transaction.atomic():
        topic_position = 0
        for index, (slug, texts) in enumerate(SECTORS, start=1):
            sector, _ = Sector.objects.update_or_create(
                slug=slug, defaults=_fields(texts, index * POSITION_STEP)
            )
            for topic_slug, topic_texts in TOPICS[slug]:
                topic_position += POSITION_STEP
                Topic.objects.update_or_create(
                    slug=topic_slug,
                    defaults={**_fields(topic_texts, topic_position), "sector": sector},
                )
        for index, (slug, texts) in enumerate(HELP_KINDS, start=1):
            HelpKind.objects.update_or_create(
                slug=slug, defaults=_fields(texts, index * POSITION_STEP)
            )
