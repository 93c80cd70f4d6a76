"""The audience template: what goes into a briefing and how it looks."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints, field_validator

from briefing.fonts.registry import known_names
from briefing.model.base import Id, Model, Text

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
    """Source order, or most relevant to the template's bureau and focus first."""
    only: Literal["all", "relevant", "others"] = "all"
    """Every item; only those matching the focus (or, for findings and recommendations,
    tagged for the bureau); or only the others (visits: those no earlier part showed)."""
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


class Wording(Model):
    """Headings and labels the template prints (not content)."""

    kicker: Text = "出國報告（出國類別：{category}）"
    abstract: Text = "摘要"
    contents: Text = "目次"
    purpose: Text = "參訪目的及人員"
    aims: Text = "參訪目的"
    members: Text = "參訪人員"
    itinerary: Text = "參訪行程"
    visits: Text = "訪談紀要"
    summary: Text = "出訪緣由"
    glance: Text = "行程概覽"
    key_figures: Text = "關鍵數字"
    figures: Text = "相關數據"
    charts: Text = "圖表"
    conclusions: Text = "心得及建議事項"
    findings: Text = "心得"
    recommendations: Text = "建議事項"
    appendix: Text = "附錄：拜訪機構主要洽談人"
    no_notes: Text = "洽談人員、時間及地點見附錄。"
    source_label: Text = "資料來源："
    table_label: Text = "表"
    figure_label: Text = "圖"
    photo_label: Text = "照片："
    photo_missing: Text = "（照片檔未附）"


Bureau = Literal["hsp", "ctsp", "stsp"]

FigureRef = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*/[a-z0-9][a-z0-9-]*$")]
"""A figure in the data, as `dataset-id/figure-id`."""


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
    title: Text = "{title}"
    """Document title; {title} is the report's title."""
    subtitle: str = ""
    addressee: str = ""
    """Whom the briefing is addressed to, e.g. 致：南部科學工業園區管理局."""
    bureau: Bureau | None = None
    """The science park bureau this briefing is for (its recommendations come first)."""
    focus: Focus = Focus()
    key_figures: tuple[FigureRef, ...] = ()
    """Figures shown as callouts, as dataset-id/figure-id."""
    charts: tuple[Id, ...] = ()
    """Ids of content charts the `charts` part shows."""
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
    wording: Wording = Wording()
    accent: str = Field("#1F3864", pattern=r"^#[0-9A-Fa-f]{6}$")
    """Colour of rules, table headers and callout values."""
    header: str = "{title}"
    """Running header; {title} is the report title."""
    footer: Text = "第 {page} 頁／共 {pages} 頁"
    marking: str = ""
    """A marking such as 內部參考."""
    date_style: Literal["roc", "western"] = "roc"
    """民國 years (民國100年9月19日) or western (2011年9月19日)."""
    contents_depth: int = Field(default=2, ge=1, le=4)
