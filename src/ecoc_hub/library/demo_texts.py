"""Original demo prose in six languages, used to build the demo files."""

# Prose reads better unbroken.
# ruff: noqa: E501

from __future__ import annotations

# (theme key, sentences) per language; every theme has four sentences so a
# page can be built from one theme.
TEXTS: dict[str, dict[str, list[str]]] = {
    "en": {
        "audience": [
            "Audience development began two years before the title year with listening sessions in every district.",
            "The team mapped who did not attend cultural events and asked them what would make them come.",
            "Free tickets alone did not change habits; programmes co-created with neighbourhood groups did.",
            "Audiences grew most in the villages where local hosts welcomed visiting artists into their homes.",
        ],
        "volunteers": [
            "More than two thousand volunteers were trained in first aid, accessibility and storytelling.",
            "Volunteering gave older residents a role and a reason to meet younger people.",
            "A volunteer coordinator per district kept the network alive after the title year ended.",
            "The volunteers asked to be involved in decisions, not only in welcoming visitors.",
        ],
        "evaluation": [
            "The evaluation combined a population survey, interviews and the counting of visits.",
            "Baseline data were collected three years before the title year so that change could be measured.",
            "Evaluators were independent of the delivery team and published their methods in advance.",
            "The final evaluation report recommends keeping the research partnership with the university.",
        ],
        "legacy": [
            "Legacy planning started with the bid book, not after the closing ceremony.",
            "The city council adopted a ten-year cultural strategy that continues the main programme lines.",
            "Three new venues were converted from industrial buildings and remain in use.",
            "The most durable legacy was the habit of cooperation between cultural operators.",
        ],
    },
    "fr": {
        "audience": [
            "Le développement des publics a commencé deux ans avant l'année du titre, par des rencontres dans chaque quartier.",
            "L'équipe a cherché à comprendre pourquoi certains habitants ne fréquentaient jamais les lieux culturels.",
            "Les billets gratuits n'ont pas suffi ; les projets construits avec les associations de quartier ont changé les habitudes.",
            "Les spectateurs ont été plus nombreux dans les villages où des familles accueillaient les artistes invités.",
        ],
        "volunteers": [
            "Plus de deux mille bénévoles ont été formés à l'accueil, à l'accessibilité et aux premiers secours.",
            "Le bénévolat a donné aux habitants âgés un rôle et l'occasion de rencontrer des jeunes.",
            "Un coordinateur des bénévoles par quartier a maintenu le réseau après la fin de l'année capitale.",
            "Les bénévoles ont demandé à participer aux décisions et pas seulement à l'accueil des visiteurs.",
        ],
        "evaluation": [
            "L'évaluation a combiné une enquête auprès de la population, des entretiens et le comptage des visites.",
            "Des données de référence ont été recueillies trois ans avant l'année du titre pour mesurer les évolutions.",
            "Les évaluateurs étaient indépendants de l'équipe de production et ont publié leurs méthodes à l'avance.",
            "Le rapport final recommande de poursuivre le partenariat de recherche avec l'université.",
        ],
        "legacy": [
            "La réflexion sur l'héritage a commencé avec le dossier de candidature, et non après la cérémonie de clôture.",
            "Le conseil municipal a adopté une stratégie culturelle sur dix ans qui prolonge les grandes lignes du programme.",
            "Trois anciens bâtiments industriels ont été transformés en lieux culturels toujours ouverts.",
            "L'héritage le plus durable est l'habitude de coopérer entre opérateurs culturels.",
        ],
    },
    "de": {
        "audience": [
            "Die Publikumsentwicklung begann zwei Jahre vor dem Titeljahr mit Gesprächsrunden in allen Stadtteilen.",
            "Das Team untersuchte, welche Bewohner keine Kulturveranstaltungen besuchten, und fragte nach ihren Gründen.",
            "Kostenlose Eintrittskarten allein änderten wenig; gemeinsam mit Nachbarschaftsgruppen entwickelte Projekte wirkten.",
            "Das Publikum wuchs vor allem in den Dörfern, in denen Gastgeberfamilien die Künstlerinnen und Künstler aufnahmen.",
        ],
        "volunteers": [
            "Mehr als zweitausend Ehrenamtliche wurden in Erster Hilfe, Barrierefreiheit und Gästebetreuung geschult.",
            "Das Ehrenamt gab älteren Menschen eine Aufgabe und brachte sie mit jüngeren zusammen.",
            "Eine Koordinatorin für Freiwillige in jedem Bezirk hielt das Netzwerk nach dem Kulturhauptstadtjahr lebendig.",
            "Die Freiwilligen wollten an Entscheidungen beteiligt werden und nicht nur Besucher begrüßen.",
        ],
        "evaluation": [
            "Die Evaluation verband eine Bevölkerungsbefragung, Interviews und die Zählung der Besuche.",
            "Ausgangsdaten wurden drei Jahre vor dem Titeljahr erhoben, damit Veränderungen messbar sind.",
            "Die Evaluatoren waren vom Durchführungsteam unabhängig und veröffentlichten ihre Methoden vorab.",
            "Der Abschlussbericht empfiehlt, die Forschungspartnerschaft mit der Universität fortzuführen.",
        ],
        "legacy": [
            "Die Planung des Vermächtnisses begann mit dem Bewerbungsbuch und nicht erst nach der Abschlussfeier.",
            "Der Stadtrat beschloss eine Kulturstrategie für zehn Jahre, die die Programmlinien fortsetzt.",
            "Drei ehemalige Industriegebäude wurden zu Kulturorten umgebaut und werden weiter genutzt.",
            "Das dauerhafteste Erbe ist die Gewohnheit der Zusammenarbeit zwischen den Kulturakteuren.",
        ],
    },
    "it": {
        "audience": [
            "Lo sviluppo del pubblico è iniziato due anni prima dell'anno del titolo con incontri in ogni quartiere.",
            "La squadra ha studiato chi non partecipava agli eventi culturali e ha chiesto loro il perché.",
            "I biglietti gratuiti non sono bastati; i progetti creati insieme alle associazioni di quartiere hanno cambiato le abitudini.",
            "Il pubblico è cresciuto soprattutto nei paesi dove le famiglie ospitavano gli artisti invitati.",
        ],
        "volunteers": [
            "Più di duemila volontari sono stati formati al primo soccorso, all'accessibilità e all'accoglienza.",
            "Il volontariato ha dato agli anziani un ruolo e l'occasione di incontrare i giovani.",
            "Un coordinatore dei volontari per ogni quartiere ha mantenuto viva la rete dopo l'anno da capitale.",
            "I volontari hanno chiesto di partecipare alle decisioni e non soltanto all'accoglienza dei visitatori.",
        ],
        "evaluation": [
            "La valutazione ha unito un'indagine sulla popolazione, interviste e il conteggio delle visite.",
            "I dati di partenza sono stati raccolti tre anni prima dell'anno del titolo per misurare i cambiamenti.",
            "I valutatori erano indipendenti dalla squadra organizzativa e hanno pubblicato i loro metodi in anticipo.",
            "Il rapporto finale raccomanda di proseguire la collaborazione di ricerca con l'università.",
        ],
        "legacy": [
            "La pianificazione dell'eredità è cominciata con il dossier di candidatura e non dopo la cerimonia di chiusura.",
            "Il consiglio comunale ha adottato una strategia culturale decennale che prosegue le linee del programma.",
            "Tre edifici industriali dismessi sono stati trasformati in spazi culturali ancora aperti.",
            "L'eredità più duratura è l'abitudine alla cooperazione tra gli operatori culturali.",
        ],
    },
    "es": {
        "audience": [
            "El desarrollo de públicos empezó dos años antes del año de la capitalidad con encuentros en cada barrio.",
            "El equipo estudió quién no asistía a actividades culturales y les preguntó qué les haría venir.",
            "Las entradas gratuitas no bastaron; los proyectos creados con las asociaciones vecinales cambiaron los hábitos.",
            "El público creció sobre todo en los pueblos donde las familias acogieron a los artistas invitados.",
        ],
        "volunteers": [
            "Más de dos mil voluntarios recibieron formación en primeros auxilios, accesibilidad y atención al visitante.",
            "El voluntariado dio a las personas mayores un papel y la ocasión de conocer a jóvenes.",
            "Un coordinador de voluntarios en cada distrito mantuvo viva la red después del año de la capitalidad.",
            "Los voluntarios pidieron participar en las decisiones y no solo en la acogida de visitantes.",
        ],
        "evaluation": [
            "La evaluación combinó una encuesta a la población, entrevistas y el recuento de visitas.",
            "Los datos de referencia se recogieron tres años antes del año de la capitalidad para medir los cambios.",
            "Los evaluadores eran independientes del equipo organizador y publicaron sus métodos de antemano.",
            "El informe final recomienda mantener la colaboración de investigación con la universidad.",
        ],
        "legacy": [
            "La planificación del legado empezó con el libro de candidatura y no después de la ceremonia de clausura.",
            "El ayuntamiento aprobó una estrategia cultural a diez años que continúa las líneas del programa.",
            "Tres antiguos edificios industriales se convirtieron en espacios culturales que siguen abiertos.",
            "El legado más duradero es la costumbre de cooperar entre los agentes culturales.",
        ],
    },
    "pl": {
        "audience": [
            "Rozwój publiczności rozpoczął się dwa lata przed rokiem tytułu od spotkań w każdej dzielnicy.",
            "Zespół sprawdził, kto nie chodzi na wydarzenia kulturalne, i zapytał tych mieszkańców o powody.",
            "Darmowe bilety nie wystarczyły; zmianę przyniosły projekty tworzone razem z organizacjami sąsiedzkimi.",
            "Publiczność rosła najbardziej we wsiach, w których rodziny gościły zaproszonych artystów.",
        ],
        "volunteers": [
            "Ponad dwa tysiące wolontariuszy przeszło szkolenia z pierwszej pomocy, dostępności i obsługi gości.",
            "Wolontariat dał starszym mieszkańcom nową rolę i okazję do spotkań z młodzieżą.",
            "Koordynator wolontariatu w każdej dzielnicy utrzymał sieć po zakończeniu roku stolicy kultury.",
            "Wolontariusze chcieli współdecydować, a nie tylko witać odwiedzających.",
        ],
        "evaluation": [
            "Ewaluacja łączyła badanie ankietowe mieszkańców, wywiady i liczenie odwiedzin.",
            "Dane wyjściowe zebrano trzy lata przed rokiem tytułu, aby można było zmierzyć zmiany.",
            "Ewaluatorzy byli niezależni od zespołu realizacyjnego i opublikowali swoje metody z wyprzedzeniem.",
            "Raport końcowy zaleca kontynuowanie współpracy badawczej z uniwersytetem.",
        ],
        "legacy": [
            "Planowanie dziedzictwa zaczęło się od aplikacji, a nie po ceremonii zamknięcia.",
            "Rada miasta przyjęła dziesięcioletnią strategię kultury, która kontynuuje główne linie programu.",
            "Trzy dawne budynki przemysłowe zamieniono w miejsca kultury, które nadal działają.",
            "Najtrwalszym dziedzictwem jest nawyk współpracy między instytucjami kultury.",
        ],
    },
}

TITLES: dict[str, dict[str, str]] = {
    "en": {
        "audience": "Reaching new audiences in {city}",
        "volunteers": "The volunteer programme of {city}",
        "evaluation": "Evaluating {city}: methods and findings",
        "legacy": "Planning the legacy of {city}",
    },
    "fr": {
        "audience": "Toucher de nouveaux publics à {city}",
        "volunteers": "Le programme des bénévoles de {city}",
        "evaluation": "Évaluer {city} : méthodes et résultats",
        "legacy": "Préparer l'héritage de {city}",
    },
    "de": {
        "audience": "Neues Publikum in {city} gewinnen",
        "volunteers": "Das Freiwilligenprogramm von {city}",
        "evaluation": "Evaluation von {city}: Methoden und Ergebnisse",
        "legacy": "Das Vermächtnis von {city} planen",
    },
    "it": {
        "audience": "Raggiungere nuovi pubblici a {city}",
        "volunteers": "Il programma dei volontari di {city}",
        "evaluation": "Valutare {city}: metodi e risultati",
        "legacy": "Progettare l'eredità di {city}",
    },
    "es": {
        "audience": "Llegar a nuevos públicos en {city}",
        "volunteers": "El programa de voluntariado de {city}",
        "evaluation": "Evaluar {city}: métodos y resultados",
        "legacy": "Planificar el legado de {city}",
    },
    "pl": {
        "audience": "Nowa publiczność w {city}",
        "volunteers": "Program wolontariatu w {city}",
        "evaluation": "Ewaluacja {city}: metody i wyniki",
        "legacy": "Planowanie dziedzictwa {city}",
    },
}

THEME_AREAS = {
    "audience": [
        "audience-development",
        "community-development",
        "accessibility-inclusion",
    ],
    "volunteers": ["volunteering", "community-development", "human-resources"],
    "evaluation": ["monitoring-evaluation", "long-term-strategy", "governance"],
    "legacy": ["legacy", "long-term-strategy", "infrastructure"],
}

THEME_TYPES = {
    "audience": ["case_study", "toolkit", "guide"],
    "volunteers": ["guide", "case_study", "toolkit"],
    "evaluation": ["evaluation", "monitoring_report", "research_report"],
    "legacy": ["research_report", "bid_book", "selection_report"],
}

LANGUAGE_COUNTRIES = {
    "en": ["IE", "GB", "MT", "FI", "NO", "EE", "LT"],
    "fr": ["FR", "BE", "LU"],
    "de": ["DE", "AT"],
    "it": ["IT"],
    "es": ["ES"],
    "pl": ["PL"],
}
