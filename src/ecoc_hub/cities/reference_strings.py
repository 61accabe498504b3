# ruff: noqa: E501
"""Translatable strings of the reference data, for makemessages.

Generated from cities/data/*.csv by ``python -m ecoc_hub.cities.reference``;
do not edit by hand. The database keeps the English text; the models'
display_* properties look it up in the catalogue.
"""

from django.utils.translation import gettext_noop

STRINGS = [
    # Translators: name of selection criterion A
    gettext_noop("Contribution to the long-term strategy"),
    # Translators: description of criterion A
    gettext_noop(
        "Decision 445/2014/EU, Article 5(a): the programme's place in the city's long-term cultural strategy, capacity building of the cultural and creative sectors, and monitoring and evaluation"
    ),
    # Translators: name of selection criterion B
    gettext_noop("European dimension"),
    # Translators: description of criterion B
    gettext_noop(
        "Article 5(b): diversity of cultures in Europe, intercultural dialogue, common aspects of European cultures, heritage and current European themes; European artists and audiences"
    ),
    # Translators: name of selection criterion C
    gettext_noop("Cultural and artistic content"),
    # Translators: description of criterion C
    gettext_noop(
        "Article 5(c): a clear artistic vision and strategy, involvement of local artists and organisations, mix of traditional and innovative forms"
    ),
    # Translators: name of selection criterion D
    gettext_noop("Capacity to deliver"),
    # Translators: description of criterion D
    gettext_noop(
        "Article 5(d): broad and strong political support and a sustainable commitment; adequate and viable infrastructure"
    ),
    # Translators: name of selection criterion E
    gettext_noop("Outreach"),
    # Translators: description of criterion E
    gettext_noop(
        "Article 5(e): involvement of local population and civil society, opportunities for young people, volunteers, marginalised and disadvantaged groups, links with schools"
    ),
    # Translators: name of selection criterion F
    gettext_noop("Management"),
    # Translators: description of criterion F
    gettext_noop(
        "Article 5(f): feasible fundraising and budget, governance and delivery structure, independent artistic direction, marketing and communication, staff with appropriate skills"
    ),
    # Translators: name of capacity area long-term-strategy
    gettext_noop("Long-term cultural strategy"),
    # Translators: description of capacity area long-term-strategy
    gettext_noop(
        "A cultural strategy that reaches beyond the title year, with lasting cultural, social and economic impact"
    ),
    # Translators: name of capacity area monitoring-evaluation
    gettext_noop("Monitoring and evaluation"),
    # Translators: description of capacity area monitoring-evaluation
    gettext_noop(
        "Plans and methods to monitor, evaluate and share the results and impacts of the title"
    ),
    # Translators: name of capacity area legacy
    gettext_noop("Legacy and sustainability"),
    # Translators: description of capacity area legacy
    gettext_noop(
        "What remains after the title year: structures, skills, venues, networks and funding"
    ),
    # Translators: name of capacity area european-cooperation
    gettext_noop("European and international cooperation"),
    # Translators: description of capacity area european-cooperation
    gettext_noop("Transnational partnerships, co-productions and European artists"),
    # Translators: name of capacity area european-narrative
    gettext_noop("European dimension and narrative"),
    # Translators: description of capacity area european-narrative
    gettext_noop(
        "Cultural diversity, intercultural dialogue, common European heritage and current European issues"
    ),
    # Translators: name of capacity area international-audiences
    gettext_noop("International audiences and tourism"),
    # Translators: description of capacity area international-audiences
    gettext_noop("Attracting European and international visitors and media"),
    # Translators: name of capacity area artistic-programming
    gettext_noop("Artistic vision and programming"),
    # Translators: description of capacity area artistic-programming
    gettext_noop(
        "An artistic vision and strategy mixing innovative and traditional forms"
    ),
    # Translators: name of capacity area local-artists
    gettext_noop("Involvement of local artists and organisations"),
    # Translators: description of capacity area local-artists
    gettext_noop("Capacity building of the local cultural and creative sectors"),
    # Translators: name of capacity area digital
    gettext_noop("Digital approaches"),
    # Translators: description of capacity area digital
    gettext_noop(
        "Digital and hybrid programming, digital communities, tools and evaluation"
    ),
    # Translators: name of capacity area political-support
    gettext_noop("Political support and stakeholder relations"),
    # Translators: description of capacity area political-support
    gettext_noop("Broad and lasting political commitment across levels of government"),
    # Translators: name of capacity area infrastructure
    gettext_noop("Infrastructure and venues"),
    # Translators: description of capacity area infrastructure
    gettext_noop("Viable cultural infrastructure and urban projects delivered on time"),
    # Translators: name of capacity area production
    gettext_noop("Production and technical coordination"),
    # Translators: description of capacity area production
    gettext_noop(
        "Producing events safely and on time, including health and safety for events"
    ),
    # Translators: name of capacity area audience-development
    gettext_noop("Audience development"),
    # Translators: description of capacity area audience-development
    gettext_noop(
        "Reaching, engaging and growing audiences, including new and under-represented ones"
    ),
    # Translators: name of capacity area community-development
    gettext_noop("Community development and participation"),
    # Translators: description of capacity area community-development
    gettext_noop("Involving local people and civil society through creative action"),
    # Translators: name of capacity area education-youth
    gettext_noop("Education and young people"),
    # Translators: description of capacity area education-youth
    gettext_noop("Links with schools, young people and learning programmes"),
    # Translators: name of capacity area accessibility-inclusion
    gettext_noop("Accessibility and inclusion"),
    # Translators: description of capacity area accessibility-inclusion
    gettext_noop("Access for people with disabilities and marginalised groups"),
    # Translators: name of capacity area volunteering
    gettext_noop("Volunteer programmes"),
    # Translators: description of capacity area volunteering
    gettext_noop("Recruiting, training and keeping volunteers"),
    # Translators: name of capacity area governance
    gettext_noop("Governance and delivery structure"),
    # Translators: description of capacity area governance
    gettext_noop(
        "Legal form, independence of the artistic direction, boards and decision-making"
    ),
    # Translators: name of capacity area fundraising-budget
    gettext_noop("Fundraising and budget"),
    # Translators: description of capacity area fundraising-budget
    gettext_noop("A feasible budget, public and private funding and sponsorship"),
    # Translators: name of capacity area communication-marketing
    gettext_noop("Marketing and communication"),
    # Translators: description of capacity area communication-marketing
    gettext_noop("Branding, communication strategy and EU visibility"),
    # Translators: name of capacity area project-management
    gettext_noop("Project and change management"),
    # Translators: description of capacity area project-management
    gettext_noop(
        "Planning, risk, change management and conflict resolution in delivery teams"
    ),
    # Translators: name of capacity area legal-ipr
    gettext_noop("Legal matters and intellectual property"),
    # Translators: description of capacity area legal-ipr
    gettext_noop("Contracts, licensing and intellectual property rights in culture"),
    # Translators: name of capacity area human-resources
    gettext_noop("Team and skills"),
    # Translators: description of capacity area human-resources
    gettext_noop("Recruiting and developing a delivery team with the right skills"),
    # Translators: note on West Berlin 1988
    gettext_noop("then West Germany; often listed as Berlin"),
    # Translators: note on Luxembourg 2007
    gettext_noop("with the Greater Region"),
    # Translators: note on Essen 2010
    gettext_noop("Essen for the Ruhr"),
    # Translators: note on Marseille 2013
    gettext_noop("Marseille-Provence"),
    # Translators: note on Leeuwarden 2018
    gettext_noop("Leeuwarden-Fryslân"),
    # Translators: note on Rijeka 2020
    gettext_noop("title extended to April 2021 (COVID-19)"),
    # Translators: note on Novi Sad 2022
    gettext_noop("originally 2021; candidate-country slot"),
    # Translators: note on Veszprém 2023
    gettext_noop("Veszprém-Balaton"),
    # Translators: note on Timișoara 2023
    gettext_noop("originally 2021"),
    # Translators: note on Bad Ischl 2024
    gettext_noop("with the Salzkammergut region"),
    # Translators: note on Bodø 2024
    gettext_noop("EFTA/EEA slot"),
    # Translators: note on Nova Gorica 2025
    gettext_noop("cross-border with Gorizia (Italy)"),
    # Translators: note on Skopje 2028
    gettext_noop("candidate-country slot"),
    # Translators: note on Lublin 2029
    gettext_noop("selected by the panel; formal designation not verified"),
    # Translators: note on Kiruna 2029
    gettext_noop("single news source; verify before publishing"),
    # Translators: note on Larnaca 2030
    gettext_noop("recommended by the panel; formal designation not verified"),
    # Translators: note on Nikšić 2030
    gettext_noop("candidate-country slot; formal designation not verified"),
]
