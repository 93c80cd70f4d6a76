"""The audience template: what goes into a briefing and how it looks."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints, field_validator

from briefing.fonts.registry import known_names
from briefing.model.base import Id, Model, Text
from briefing.style.locale import LocaleName

PartName = Literal[
    "cover",
    "masthead",
    "abstract",
    "contents",
    "summary",
    "glance",
    "key-figures",
    "purpose",
    "itinerary",
    "background",
    "visits",
    "figures",
    "charts",
    "conclusions",
    "findings",
    "recommendations",
    "appendix",
]
"""Parts a template can list: the official report's, and the short forms briefings use."""

Depth = Literal["full", "summary", "list"]
"""A part in full, as editorial short forms, or as a bare list of names."""


class PartSpec(Model):
    """One part of a briefing, with how much of it to show and in what order."""

    part: PartName
    title: Text | None = None
    """Heading of the part; by default the template's wording for it."""
    depth: Depth = "full"
    order: Literal["source", "relevance"] = "source"
    """Source order, or most relevant to the briefing's organisation first."""
    only: Literal["all", "relevant", "others"] = "all"
    """Every item; only those concerning the organisation (tagged for it, or for visits
    matching its focus); or only the others (visits: those no earlier part showed)."""
    heading: bool = True
    """Print the part's heading; without one the part continues the one before."""
    limit: int | None = Field(default=None, ge=1)
    """At most this many items."""


Part = PartName | PartSpec
"""A part by name (shown in full, in source order) or with its settings."""


class Focus(Model):
    """What an audience cares about: industries and themes, matched against editorial tags."""

    industries: tuple[Id, ...] = ()
    themes: tuple[Id, ...] = ()


class Margins(Model):
    """Page margins in millimetres."""

    top: float = Field(default=25, ge=5, le=80)
    bottom: float = Field(default=25, ge=5, le=80)
    left: float = Field(default=25, ge=5, le=80)
    right: float = Field(default=25, ge=5, le=80)


class Page(Model):
    """Paper size and margins."""

    size: Literal["A4", "B5", "Letter"] = "A4"
    margins: Margins = Margins()


class FormatFonts(Model):
    """Fonts for one output format."""

    main: Text
    """Main face for Chinese text."""
    fallbacks: tuple[Text, ...] = ()
    """Faces tried, in order, for characters the main face lacks."""
    latin: Text | None = None
    """Face for Latin letters and digits."""


class Fonts(Model):
    """Fonts per output format (PDF embeds packaged fonts; DOCX names installed ones)."""

    pdf: FormatFonts = FormatFonts(
        main="Noto Sans TC", fallbacks=("Noto Sans JP", "Noto Sans SC"), latin="Source Sans Pro"
    )
    docx: FormatFonts = FormatFonts(main="標楷體", latin="Times New Roman")

    @field_validator("pdf")
    @classmethod
    def _packaged(cls, fonts: FormatFonts) -> FormatFonts:
        """PDF fonts are embedded, so they must be fonts briefing ships (from PyPI)."""
        known = known_names()
        for name in (fonts.main, *fonts.fallbacks, *([fonts.latin] if fonts.latin else [])):
            if name not in known:
                raise ValueError(
                    f"no packaged font is named {name!r}; PDF fonts are: " + ", ".join(known)
                )
        return fonts


class TextLook(Model):
    """Size and spacing of one kind of text, in points."""

    size: float = Field(ge=5, le=72)
    leading: float | None = Field(default=None, ge=5, le=100)
    """Line height; by default 1.6 × size."""
    space_before: float = Field(default=0, ge=0, le=72)
    space_after: float = Field(default=0, ge=0, le=72)
    bold: bool = False
    align: Literal["left", "center", "right", "justify"] = "justify"


class Typography(Model):
    """Sizes and spacing of every kind of text."""

    body: TextLook = TextLook(size=12, leading=20, space_after=4)
    headings: tuple[TextLook, ...] = (
        TextLook(size=16, leading=24, space_before=6, space_after=10, bold=True, align="left"),
        TextLook(size=14, leading=21, space_before=10, space_after=6, bold=True, align="left"),
        TextLook(size=12, leading=19, space_before=6, space_after=4, bold=True, align="left"),
    )
    table: TextLook = TextLook(size=10, leading=14, align="left")
    caption: TextLook = TextLook(
        size=10, leading=14, space_before=4, space_after=6, bold=True, align="center"
    )
    note: TextLook = TextLook(size=9, leading=13, space_after=8, align="left")
    cover_title: TextLook = TextLook(size=24, leading=36, bold=True, align="center")
    cjk_latin_space: float = Field(default=0, ge=0, le=0.25)
    """Extra space between a CJK letter and a Latin letter or digit, in em (PDF only;
    clreq allows up to a quarter em)."""


FigureRef = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*/[a-z0-9][a-z0-9-]*$")]
"""A figure in the data, as `dataset-id/figure-id`."""


class Organisation(Model):
    """An organisation a briefing can be written for (styles/organisations/<id>.yaml)."""

    id: Id
    """The file name without .yaml (set by the loader); content tags use it."""
    name: Text
    """Full name, e.g. 新竹科學工業園區管理局."""
    short_name: Text
    """Short name, e.g. 竹科."""
    description: str = ""
    """One line on what the organisation does (listed by `briefing audiences`)."""
    template: Id = "organisation"
    """The template its briefing uses (one with `per_organisation: true`)."""
    focus: Focus = Focus()
    wording: dict[str, str] = Field(default_factory=dict)
    """Words of the locale this organisation's briefing says differently."""


class AudienceSpec(Model):
    """An audience template (styles/<name>.yaml)."""

    name: Id
    """The template's name: its file name without .yaml (set by the loader)."""
    description: Text
    """One line saying whom the briefing is for."""
    extends: Id | None = None
    """Another template whose settings this one starts from."""
    base: bool = False
    """A base for other templates only: not an audience of its own, never built."""
    per_organisation: bool = False
    """One briefing per organisation (styles/organisations/), named and addressed by it."""
    locale: LocaleName | None = None
    """Locale of the words the compiler adds (styles/locales/); default: the content's
    language."""
    title: Text = "{title}"
    """Document title; {title} is the report's title, any locale word can be named."""
    subtitle: str = ""
    addressee: str = ""
    """Whom the briefing is addressed to; {name} and {short_name} are the organisation's."""
    key_figures: int = Field(default=4, ge=0, le=12)
    """How many of the content's key figures (report editorial.key_figures) to show."""
    charts: int = Field(default=1, ge=0, le=12)
    """How many of the content's highlighted charts (report editorial.charts) to show."""
    max_pages: int | None = Field(default=None, ge=1)
    """The build fails if the PDF would be longer."""
    parts: tuple[Part, ...] = (
        "cover",
        "abstract",
        "contents",
        "purpose",
        "itinerary",
        "background",
        "visits",
        "conclusions",
        "appendix",
    )
    page: Page = Page()
    fonts: Fonts = Fonts()
    typography: Typography = Typography()
    wording: dict[str, str] = Field(default_factory=dict)
    """Words of the locale this template says differently (keys are the locale's words)."""
    accent: str = Field("#1F3864", pattern=r"^#[0-9A-Fa-f]{6}$")
    """Colour of rules, table headers and callout values."""
    header: str = "{title}"
    """Running header; {title} is the report title."""
    footer: Text = "{footer}"
    """Footer; {page} and {pages} are the page number and the body's page count."""
    marking: str = ""
    """A marking printed in the header's corner, e.g. {internal_marking}."""
    date_style: Literal["roc", "western"] = "roc"
    """民國 years (民國100年9月19日) or western (2011年9月19日)."""
    contents_depth: int = Field(default=2, ge=1, le=4)
