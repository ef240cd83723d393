"""Business sectors an entrepreneur recognises at a glance, each tied to a NACE Rev. 2 section.

The codes are stored in the database and never change; labels live in the translation
catalogue. ``nace_section`` gives the main NACE Rev. 2 section letter for statistics.
"""

from __future__ import annotations

from enum import StrEnum

from flask_babel import lazy_gettext as _l


class Sector(StrEnum):
    DIGITAL = "digital"
    INDUSTRY = "industry"
    TRADE = "trade"
    TOURISM = "tourism"
    TRANSPORT = "transport"
    FINANCE = "finance"
    REAL_ESTATE = "real_estate"
    CONSTRUCTION = "construction"
    HEALTH = "health"
    ENERGY = "energy"
    CULTURE = "culture"
    CONSULTING = "consulting"
    EDUCATION = "education"
    AGRIFOOD = "agrifood"
    PUBLIC = "public"
    OTHER = "other"

    @property
    def label(self) -> str:
        return str(_LABELS[self])

    @property
    def nace_section(self) -> str:
        return _NACE_SECTIONS[self]


_LABELS = {
    Sector.DIGITAL: _l("Digital & IT"),
    Sector.INDUSTRY: _l("Industry & manufacturing"),
    Sector.TRADE: _l("Trade & retail"),
    Sector.TOURISM: _l("Tourism & hospitality"),
    Sector.TRANSPORT: _l("Transport & logistics"),
    Sector.FINANCE: _l("Finance & insurance"),
    Sector.REAL_ESTATE: _l("Real estate"),
    Sector.CONSTRUCTION: _l("Construction & public works"),
    Sector.HEALTH: _l("Health & social care"),
    Sector.ENERGY: _l("Energy & environment"),
    Sector.CULTURE: _l("Culture, media & communication"),
    Sector.CONSULTING: _l("Consulting & business services"),
    Sector.EDUCATION: _l("Education & training"),
    Sector.AGRIFOOD: _l("Agriculture & agri-food"),
    Sector.PUBLIC: _l("Public sector & associations"),
    Sector.OTHER: _l("Other"),
}

# Main section where a sector spans several: energy (D) also covers water and waste (E),
# culture (R) also covers publishing and broadcasting (J), and "other" goes to NACE's own
# catch-all for other services (S).
_NACE_SECTIONS = {
    Sector.DIGITAL: "J",
    Sector.INDUSTRY: "C",
    Sector.TRADE: "G",
    Sector.TOURISM: "I",
    Sector.TRANSPORT: "H",
    Sector.FINANCE: "K",
    Sector.REAL_ESTATE: "L",
    Sector.CONSTRUCTION: "F",
    Sector.HEALTH: "Q",
    Sector.ENERGY: "D",
    Sector.CULTURE: "R",
    Sector.CONSULTING: "M",
    Sector.EDUCATION: "P",
    Sector.AGRIFOOD: "A",
    Sector.PUBLIC: "O",
    Sector.OTHER: "S",
}
