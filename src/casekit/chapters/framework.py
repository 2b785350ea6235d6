"""The paper's framework as data: drivers, challenges, opportunities, SWOT items,
strategies and cases.

The book examines one paper, "Localization Strategies for Cultural and Creative
Industries in the Context of Globalization" (sections 1-5, Figures 1-3). Its
lists are encoded here as tidy tables, one row per item, each with an ``id``,
the paper ``section`` it comes from and a short ``label`` written for this
book (a paraphrase of the item, never the paper's sentence). The counts follow
the paper's text; where its list could be read more than one way, the comment
above the table says how it was read.

>>> from casekit.chapters import framework
>>> len(framework.drivers()), len(framework.challenges()), len(framework.opportunities())
(6, 5, 6)
>>> framework.strategies().groupby("level").size().to_dict()
{'enterprise': 8, 'government': 7}
"""

from __future__ import annotations

import pandas as pd

from ..choices import choose

__all__ = [
    "PAPER",
    "drivers",
    "challenges",
    "opportunities",
    "swot_items",
    "strategies",
    "cases",
    "items",
    "quotes",
]

#: The paper the framework comes from (its own citations could not be checked).
PAPER = (
    "Localization Strategies for Cultural and Creative Industries in the Context "
    "of Globalization (literature review; sections 1-5, Figures 1-3)"
)

_COLUMNS = ["id", "name", "label", "section"]

# Section 2.3 lists four drivers in prose (cultural, economic, technological,
# policy) and then consumer demand; Figure 1 names six, adding market
# opportunities, which the prose never describes. All six are kept; the
# `source` column says where each one is stated.
_DRIVERS = [
    ("D1", "Cultural", "Protecting heritage and keeping cultures diverse", "2.3", "text and Figure 1"),
    ("D2", "Economic", "Fitting local markets makes products more competitive", "2.3", "text and Figure 1"),
    ("D3", "Technological", "Digital and intelligent tools open new ways to make and spread local content", "2.3", "text and Figure 1"),
    ("D4", "Policy", "Public policies that encourage and support localization", "2.3", "text and Figure 1"),
    ("D5", "Consumer demand", "Audiences seeking products that carry their own cultural identity", "2.3", "text and Figure 1"),
    ("D6", "Market opportunities", "Named in Figure 1 only; the text gives it no description", "2.3", "Figure 1 only"),
]

# Section 3.1 gives five challenges in order ("Firstly" ... "Lastly").
_CHALLENGES = [
    ("C1", "Cultural homogenization", "Global flows wear away what makes local culture distinct", "3.1"),
    ("C2", "Competition from multinationals", "Foreign groups with more capital and stronger brands dominate home markets", "3.1"),
    ("C3", "Talent drain", "Creative people leave to work abroad, taking ideas with them", "3.1"),
    ("C4", "Technological change", "Fast-moving digital tools force traditional firms to change how they create and distribute", "3.1"),
    ("C5", "Local character vs international audiences", "Too local and foreign audiences turn away; too global and the roots are lost", "3.1"),
]

# Section 3.2 makes six claims. The opening pair of sentences (open global
# markets; the internet and platforms reaching global audiences) is read as
# one opportunity -- access to world audiences -- because the second sentence
# explains how the first happens.
_OPPORTUNITIES = [
    ("OP1", "Global market access", "Open markets and digital platforms put local work in front of world audiences", "3.2"),
    ("OP2", "Cross-cultural exchange", "Contact between cultures sparks new ideas and new products", "3.2"),
    ("OP3", "New technology", "Tools such as VR and AR help protect and present heritage", "3.2"),
    ("OP4", "Transnational cooperation", "Working with foreign partners builds skills and spreads good practice", "3.2"),
    ("OP5", "Demand for diversity", "Valuing diversity creates a market for culturally distinctive goods", "3.2"),
    ("OP6", "Capital flows", "Freer movement of capital opens more ways to finance local projects", "3.2"),
]

# Section 3.3 names two items per quadrant in its prose; Figure 2 itself is
# not in the text copy of the paper, so only the prose is encoded. The
# strength "rich heritage and unique creative perspectives" is read as one
# item. `see_also` points to the section 3.1/3.2 item each one repeats.
_SWOT = [
    ("S1", "S", "Heritage and a distinct creative viewpoint", "Deep cultural resources and an original angle help local work stand out", "3.3", ""),
    ("S2", "S", "Knowledge of the home market", "Firms understand what local consumers want", "3.3", ""),
    ("W1", "W", "Insufficient funding", "Too little capital limits what local firms can attempt", "3.3", ""),
    ("W2", "W", "Little international experience", "Few firms know how to operate abroad", "3.3", ""),
    ("O1", "O", "Broader markets", "Globalization widens the market open to local products", "3.3", "OP1"),
    ("O2", "O", "More ways to collaborate", "More varied partnerships become possible", "3.3", "OP4"),
    ("T1", "T", "Cultural homogenization", "Distinctiveness erodes under global sameness", "3.3", "C1"),
    ("T2", "T", "Sharper competition", "Competition intensifies, not least from multinationals", "3.3", "C2"),
]

_SWOT_GROUPS = {"S": "strength", "W": "weakness", "O": "opportunity", "T": "threat"}

# Section 4.1 counts seven government measures ("Firstly" ... "Sixthly",
# "Lastly"); section 4.2 counts eight enterprise strategies ("Firstly" ...
# "Seventhly", "Lastly"). Each measure's examples (tax breaks, VR, ...) are
# folded into its label.
_STRATEGIES = [
    ("G1", "government", "Supportive policy and regulation", "Laws and incentives such as tax breaks and subsidies for local creative firms", "4.1"),
    ("G2", "government", "Intellectual property protection", "Legal protection that rewards original work", "4.1"),
    ("G3", "government", "Creative parks and clusters", "Co-locating firms to share resources and gain from agglomeration", "4.1"),
    ("G4", "government", "Dedicated public funds", "Special funds to develop and promote local projects", "4.1"),
    ("G5", "government", "Cross-industry integration", "Linking culture with tourism, technology and other sectors", "4.1"),
    ("G6", "government", "Going-global support", "Cultural exchanges and international fairs that take local work abroad", "4.1"),
    ("G7", "government", "Talent development", "Education and training to grow skilled creative workers", "4.1"),
    ("E1", "enterprise", "Mining local cultural resources", "Combining traditional elements with modern creativity", "4.2"),
    ("E2", "enterprise", "Technological innovation", "Digital tools, VR and other new media for richer, more interactive products", "4.2"),
    ("E3", "enterprise", "Brand building", "A brand with a clear local identity that is recognised abroad", "4.2"),
    ("E4", "enterprise", "Market research", "Studying regional tastes and habits to target design and marketing", "4.2"),
    ("E5", "enterprise", "Cross-sector collaboration", "Partnering with firms and institutions from other fields on new products", "4.2"),
    ("E6", "enterprise", "Flexible localization teams", "Mixing international hires with home-grown creative talent", "4.2"),
    ("E7", "enterprise", "Differentiated market strategies", "Marketing and channels tailored to each region", "4.2"),
    ("E8", "enterprise", "Intellectual property management", "Securing patents and copyrights on creative output", "4.2"),
]

_LEVELS = ("government", "enterprise")

# Section 4.3 and Figure 3: three cases. `lesson` paraphrases what the paper
# says each case shows; the book tests these claims against data.
_CASES = [
    ("ne_zha", "Ne Zha", "China", "CHN", "animated film", "Traditional mythology retold with modern animation, claimed to succeed at home and abroad", "4.3"),
    ("nintendo", "Nintendo", "Japan", "JPN", "video games", "A company that keeps a Japanese character while selling worldwide", "4.3"),
    ("k_pop", "K-pop", "South Korea", "KOR", "popular music", "Western pop blended with Korean elements into a style with global reach", "4.3"),
]

# One short quotation (at most ten words, verbatim) per item, as evidence of
# where in the paper it is stated. The paper is not redistributed with the
# book; `make check-paper PAPER=<text copy of the paper>` checks every
# quotation against a copy of it.
_QUOTES = {
    "D1": "protecting and inheriting local cultural heritage and maintaining cultural diversity",
    "D2": "enhance the competitiveness of products and services",
    "D3": "new possibilities that digitalization and intelligent technologies provide",
    "D4": "formulating relevant policies to encourage and support the localization",
    "D5": "consumer demand for cultural products with local characteristics",
    "D6": "consumer demand, and market opportunities",
    "C1": "the trend of cultural homogenization poses a threat",
    "C2": "pressure on local cultural and creative enterprises from international giants",
    "C3": "talent drain is a serious issue",
    "C4": "The challenges brought by technological changes are also noteworthy",
    "C5": "maintaining a balance between cultural characteristics and meeting the needs",
    "OP1": "The opening of global markets provides a broader stage",
    "OP2": "the collision of different cultural elements can inspire innovation",
    "OP3": "such as virtual reality (VR) and augmented reality (AR)",
    "OP4": "Globalization has also promoted increased transnational cooperation",
    "OP5": "created market demand for local products with unique cultural characteristics",
    "OP6": "globalization has accelerated capital flows",
    "S1": "rich cultural heritage and unique creative perspectives",
    "S2": "a deep understanding of the local market",
    "W1": "issues such as insufficient funding",
    "W2": "a lack of international experience",
    "O1": "globalization provides broader markets",
    "O2": "more diverse collaboration possibilities",
    "T1": "threats such as cultural homogenization",
    "T2": "cultural homogenization and intensified market competition",
    "G1": "formulating policies and regulations conducive to the development",
    "G2": "strengthening intellectual property protection",
    "G3": "establishing cultural and creative industry parks or clusters",
    "G4": "setting up special funds",
    "G5": "cultural tourism integration and culture + technology",
    "G6": "cultural exchange activities and international exhibitions",
    "G7": "focus on talent cultivation",
    "E1": "deeply explore local cultural resources",
    "E2": "focus on technological innovation",
    "E3": "strengthen brand building",
    "E4": "emphasize market research",
    "E5": "actively seek cross-border collaboration",
    "E6": "establish flexible localization teams",
    "E7": "formulate differentiated market strategies",
    "E8": "focus on intellectual property management",
    "ne_zha": "combined traditional Chinese mythology with modern animation technology",
    "nintendo": "While maintaining Japanese cultural characteristics, Nintendo successfully launched",
    "k_pop": "blending elements of Western pop music with Korean cultural characteristics",
}


def drivers() -> pd.DataFrame:
    """The six driving factors of localization (section 2.3, Figure 1).

    Returns
    -------
    pandas.DataFrame
        Columns ``id``, ``name``, ``label``, ``section``, ``source`` (whether
        the driver is described in the text or only named in Figure 1).

    Examples
    --------
    >>> drivers()["name"].tolist()
    ['Cultural', 'Economic', 'Technological', 'Policy', 'Consumer demand', 'Market opportunities']
    """
    return pd.DataFrame(_DRIVERS, columns=[*_COLUMNS, "source"])


def challenges() -> pd.DataFrame:
    """The five challenges to localization (section 3.1).

    >>> challenges()["id"].tolist()
    ['C1', 'C2', 'C3', 'C4', 'C5']
    """
    return pd.DataFrame(_CHALLENGES, columns=_COLUMNS)


def opportunities() -> pd.DataFrame:
    """The six opportunities globalization brings (section 3.2).

    >>> opportunities().loc[0, "name"]
    'Global market access'
    """
    return pd.DataFrame(_OPPORTUNITIES, columns=_COLUMNS)


def swot_items() -> pd.DataFrame:
    """The SWOT items of section 3.3: two strengths, weaknesses, opportunities, threats.

    Returns
    -------
    pandas.DataFrame
        Columns ``id``, ``group`` (S, W, O, T), ``group_name``, ``name``,
        ``label``, ``section``, ``see_also`` (the section 3.1/3.2 item it
        repeats, or empty).

    Examples
    --------
    >>> swot_items().groupby("group").size().to_dict()
    {'O': 2, 'S': 2, 'T': 2, 'W': 2}
    """
    table = pd.DataFrame(_SWOT, columns=["id", "group", "name", "label", "section", "see_also"])
    table.insert(2, "group_name", table["group"].map(_SWOT_GROUPS))
    return table


def strategies(level: str | None = None) -> pd.DataFrame:
    """The strategies of section 4: seven government-level, eight enterprise-level.

    Parameters
    ----------
    level : {"government", "enterprise"}, optional
        Keep one level only; ``None`` returns all fifteen.

    Examples
    --------
    >>> strategies("government")["id"].tolist()
    ['G1', 'G2', 'G3', 'G4', 'G5', 'G6', 'G7']
    >>> strategies("firm")
    Traceback (most recent call last):
    ...
    ValueError: unknown strategy level 'firm'. Valid: government, enterprise (or None for both).
    """
    table = pd.DataFrame(_STRATEGIES, columns=["id", "level", "name", "label", "section"])
    if level is None:
        return table
    choose(level, _LEVELS, "strategy level", also="or None for both")
    return table[table["level"] == level].reset_index(drop=True)


def cases() -> pd.DataFrame:
    """The three cases of section 4.3 and Figure 3.

    Returns
    -------
    pandas.DataFrame
        Columns ``id``, ``name``, ``country``, ``iso3``, ``sector``,
        ``lesson`` (what the paper says the case shows), ``section``.

    Examples
    --------
    >>> cases()[["name", "iso3"]].values.tolist()
    [['Ne Zha', 'CHN'], ['Nintendo', 'JPN'], ['K-pop', 'KOR']]
    """
    return pd.DataFrame(
        _CASES, columns=["id", "name", "country", "iso3", "sector", "lesson", "section"]
    )


def items() -> pd.DataFrame:
    """Every framework item in one table, with its ``kind`` -- handy for a glossary.

    >>> items()["kind"].value_counts().sort_index().to_dict()
    {'case': 3, 'challenge': 5, 'driver': 6, 'opportunity': 6, 'strategy': 15, 'swot': 8}
    """
    parts = [
        ("driver", drivers()),
        ("challenge", challenges()),
        ("opportunity", opportunities()),
        ("swot", swot_items()),
        ("strategy", strategies()),
        ("case", cases().rename(columns={"lesson": "label"})),
    ]
    return pd.concat(
        [t[["id", "name", "label", "section"]].assign(kind=k) for k, t in parts],
        ignore_index=True,
    )[["kind", "id", "name", "label", "section"]]


def quotes() -> pd.DataFrame:
    """Where the paper states each item: a verbatim quotation of at most ten words.

    Returns
    -------
    pandas.DataFrame
        Columns ``id``, ``section``, ``quote``, one row per row of :func:`items`.

    Examples
    --------
    >>> q = quotes().set_index("id")
    >>> q.loc["C3", "quote"], q.loc["C3", "section"]
    ('talent drain is a serious issue', '3.1')
    """
    table = items()[["id", "section"]].copy()
    table["quote"] = table["id"].map(_QUOTES)
    return table
