"""Raw WordprocessingML that python-docx has no API for (or too slow an API), in one place.

Functions take or return lxml elements of the python-docx tree. Children are inserted in the
order the schema requires, since Word refuses files that break it.
"""

from __future__ import annotations

import re
from copy import deepcopy

from docx.oxml.ns import qn
from docx.oxml.parser import oxml_parser
from lxml.etree import _Element, tostring

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
W = _W
"""The WordprocessingML namespace in Clark notation, for lookups."""
_NSMAP = {"w": _W[1:-1]}
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
# XML 1.0 forbids these code points; content is checked earlier, this is a last guard.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _order(names: str) -> dict[str, int]:
    """Rank of each child tag (Clark notation) in its parent's schema sequence."""
    return {f"{_W}{name}": rank for rank, name in enumerate(names.split())}


# Schema order of the children of w:pPr, w:rPr and w:sectPr.
_PPR = _order(
    "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers"
    " pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE"
    " autoSpaceDN bidi adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents"
    " suppressOverlap jc textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle"
    " rPr sectPr pPrChange"
)
_RPR = _order(
    "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint"
    " noProof snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u"
    " effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath"
)
_STYLE = _order(
    "name aliases basedOn next link autoRedefine hidden uiPriority semiHidden unhideWhenUsed"
    " qFormat locked personal personalCompose personalReply rsid pPr rPr tblPr trPr tcPr"
    " tblStylePr"
)
_TBLPR = _order(
    "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc"
    " tblCellSpacing tblInd tblBorders shd tblLayout tblCellMar tblLook tblCaption"
    " tblDescription"
)
_SECTPR = _order(
    "headerReference footerReference footnotePr endnotePr type pgSz pgMar paperSrc pgBorders"
    " lnNumType pgNumType cols formProt vAlign noEndnote titlePg textDirection bidi rtlGutter"
    " docGrid printerSettings sectPrChange"
)
_THEME_ATTRS = frozenset(
    _order("asciiTheme hAnsiTheme eastAsiaTheme cstheme themeColor themeShade themeTint")
)
# Elements of the template that carry theme or revision-id attributes.
_THEMED = tuple(_order("rFonts color rsid style p r tr sectPr"))


JC = {"left": "left", "center": "center", "right": "right", "justify": "both"}
"""Word's paragraph alignment values by the tree's alignment names."""


def copy(el: _Element) -> _Element:
    """A deep copy of an element."""
    return deepcopy(el)


def clean_text(text: str) -> str:
    """Drop code points that XML 1.0 cannot carry."""
    return _FORBIDDEN.sub("", text)


def element(tag: str, **attrs: str) -> _Element:
    """A new `w:` element with `w:` attributes (python-docx's OxmlElement is 4× slower)."""
    attrib = {f"{_W}{name}": value for name, value in attrs.items()}
    return oxml_parser.makeelement(f"{_W}{tag}", attrib=attrib, nsmap=_NSMAP)


def _put(parent: _Element, child: _Element, order: dict[str, int]) -> _Element:
    """Replace `parent`'s child of the same tag with `child`, keeping the schema order."""
    for old in parent.findall(child.tag):
        parent.remove(old)
    rank = order[child.tag]
    for index, existing in enumerate(parent):
        if order.get(existing.tag, -1) > rank:
            parent.insert(index, child)
            return child
    parent.append(child)
    return child


def _sub(parent: _Element, tag: str, *, first: bool = False) -> _Element:
    """The `w:tag` child of `parent`, created (first or last) if missing."""
    found = parent.find(qn(f"w:{tag}"))
    if found is None:
        found = element(tag)
        parent.insert(0 if first else len(parent), found)
    return found


def ppr(p: _Element) -> _Element:
    """The w:pPr of a paragraph or paragraph style."""
    return _sub(p, "pPr", first=p.tag == qn("w:p"))


def rpr(style: _Element) -> _Element:
    """The w:rPr of a style (or of w:rPrDefault)."""
    return _sub(style, "rPr")


# ------------------------------------------------------------------ styles, fonts, language


def set_size(props: _Element, points: float) -> None:
    """Font size, for Latin and complex scripts alike."""
    for tag in ("sz", "szCs"):
        _put(props, element(tag, val=str(round(points * 2))), _RPR)


def set_fonts(props: _Element, latin: str, east_asian: str) -> None:
    """Name the Latin and East Asian faces explicitly (python-docx sets only w:ascii)."""
    fonts = element("rFonts", ascii=latin, hAnsi=latin, eastAsia=east_asian, cs=latin)
    _put(props, fonts, _RPR)


def set_bold(props: _Element, bold: bool) -> None:
    """Bold on or off (off is written: it overrides a bold base style)."""
    for tag in ("b", "bCs"):
        _put(props, element(tag) if bold else element(tag, val="0"), _RPR)


def set_color(props: _Element, color: str) -> None:
    """Text colour as RRGGBB."""
    _put(props, element("color", val=color), _RPR)


def set_box(props: _Element, color: str) -> None:
    """A thin box around the text of the runs (a character border)."""
    _put(props, element("bdr", val="single", sz="8", space="2", color=color), _RPR)


def set_link(style: _Element, linked_id: str) -> None:
    """Link a paragraph style and its character style (w:link)."""
    _put(style, element("link", val=linked_id), _STYLE)


def set_language(props: _Element, latin: str, east_asian: str) -> None:
    """Tag Latin runs as `latin` and CJK runs as `east_asian` (proofing, line breaking)."""
    _put(props, element("lang", val=latin, eastAsia=east_asian, bidi="ar-SA"), _RPR)


def strip_theme(root: _Element) -> None:
    """Remove theme fonts, theme colours and revision ids (the template carries all three)."""
    rsid = qn("w:rsid")
    for el in list(root.iter(*_THEMED)):
        for attr in [a for a in el.attrib if a in _THEME_ATTRS or a.startswith(rsid)]:
            del el.attrib[attr]
        if (el.tag == qn("w:rFonts") and not el.attrib) or el.tag == rsid:
            el.getparent().remove(el)


# What Word writes for common faces: the other name of a CJK face (Chinese ↔ English),
# panose, family and pitch, so that Word can match a missing face; other faces are
# written without them.
_FACES = {
    "標楷體": ("DFKai-SB", "03000509000000000000", "script", "fixed"),
    "DFKai-SB": ("標楷體", "03000509000000000000", "script", "fixed"),
    "新細明體": ("PMingLiU", "02020500000000000000", "roman", "variable"),
    "PMingLiU": ("新細明體", "02020500000000000000", "roman", "variable"),
    "微軟正黑體": ("Microsoft JhengHei", "020B0604030504040204", "swiss", "variable"),
    "Microsoft JhengHei": ("微軟正黑體", "020B0604030504040204", "swiss", "variable"),
    "Times New Roman": ("", "02020603050405020304", "roman", "variable"),
    "Arial": ("", "020B0604020202020204", "swiss", "variable"),
}


def _font(name: str, charset: str, alternative: str | None, family: str) -> _Element:
    """One w:font entry: alternative name, panose, charset, family and pitch."""
    known, panose, family, pitch = _FACES.get(name) or ("", "", family, "")
    font = element("font", name=name)
    if alternative or known:
        font.append(element("altName", val=alternative or known))
    if panose:
        font.append(element("panose1", val=panose))
    font.append(element("charset", val=charset))
    font.append(element("family", val=family))
    if pitch:
        font.append(element("pitch", val=pitch))
    return font


def font_table(main: str, latin: str, alternative: str | None) -> bytes:
    """fontTable.xml naming only our faces: the CJK one as Big5 (charset 88) with its
    alternative (e.g. 標楷體 and DFKai-SB), and the Latin one."""
    fonts = element("fonts")
    fonts.append(_font(main, "88", alternative, "auto"))
    if latin != main:
        fonts.append(_font(latin, "00", None, "roman"))
    return tostring(fonts, xml_declaration=True, encoding="UTF-8", standalone=True)


def reset_defaults(styles: _Element) -> _Element:
    """Drop w:docDefaults' paragraph spacing; return its emptied run properties."""
    defaults = _sub(styles, "docDefaults", first=True)
    for old in list(defaults):
        defaults.remove(old)
    return _sub(_sub(defaults, "rPrDefault"), "rPr")


def set_script_spacing(styles: _Element, on: bool) -> None:
    """Whether Word adds space between East Asian and Latin text or digits (docDefaults).

    Omitted, Word adds it; the PDF adds it only when the template asks (cjk_latin_space).
    """
    defaults = _sub(styles, "docDefaults", first=True)
    props = _sub(_sub(defaults, "pPrDefault"), "pPr")
    value = "1" if on else "0"
    _put(props, element("autoSpaceDE", val=value), _PPR)
    _put(props, element("autoSpaceDN", val=value), _PPR)


# ------------------------------------------------------------------------------ paragraphs


def paragraph(style_id: str) -> _Element:
    """An empty paragraph of a style given by id."""
    p = element("p")
    p.append(element("pPr"))
    p[0].append(element("pStyle", val=style_id))
    return p


def set_style(p: _Element, style_id: str) -> None:
    """Give an existing paragraph a style by id."""
    _put(ppr(p), element("pStyle", val=style_id), _PPR)


def set_keep(props: _Element, *, lines: bool = False) -> None:
    """Keep with the next paragraph (and, with `lines`, keep the lines together)."""
    _put(props, element("keepNext"), _PPR)
    if lines:
        _put(props, element("keepLines"), _PPR)


def set_spacing(props: _Element, before: int, after: int, line: int, exact: bool) -> None:
    """Space before and after and the line height, in twips (`exact` or 240ths of a line)."""
    rule = "exact" if exact else "auto"
    spacing = element(
        "spacing", before=str(before), after=str(after), line=str(line), lineRule=rule
    )
    _put(props, spacing, _PPR)


def set_numbering(props: _Element, num_id: int, ilvl: int = 0) -> None:
    """Number the paragraph in list instance `num_id` at level `ilvl` (0: no numbering)."""
    num_pr = element("numPr")
    if num_id:
        num_pr.append(element("ilvl", val=str(ilvl)))
    num_pr.append(element("numId", val=str(num_id)))
    _put(props, num_pr, _PPR)


def set_outline_level(props: _Element, level: int) -> None:
    """Outline level, 0-based; 9 is body text (outside the navigation pane and TOC)."""
    _put(props, element("outlineLvl", val=str(level)), _PPR)


def set_indent(
    props: _Element, *, left: int = 0, hanging: int = 0, first_line: int = 0, chars: int = 0
) -> None:
    """Indents in twips; `chars` is the first-line indent in hundredths of a character."""
    attrs = {"left": str(left)}
    if hanging:
        attrs["hanging"] = str(hanging)
    else:
        attrs["firstLine"] = str(first_line)
        if chars:
            attrs["firstLineChars"] = str(chars)
    _put(props, element("ind", **attrs), _PPR)


def set_tab(props: _Element, position: int, align: str = "left", leader: str = "none") -> None:
    """Add a tab stop (twips)."""
    tabs = props.find(qn("w:tabs"))
    if tabs is None:
        tabs = _put(props, element("tabs"), _PPR)
    tabs.append(element("tab", val=align, leader=leader, pos=str(position)))


def set_align(props: _Element, align: str) -> None:
    """Paragraph alignment: left, center, right or both."""
    _put(props, element("jc", val=align), _PPR)


def set_bottom_border(props: _Element, color: str) -> None:
    """A thin rule under the paragraph (the running header)."""
    border = element("pBdr")
    border.append(element("bottom", val="single", sz="4", space="1", color=color))
    _put(props, border, _PPR)


def text_run(text: str, *, style: str = "") -> _Element:
    """A w:r carrying `text` literally (in character style `style`); tabs and newlines (and
    line or paragraph separators, U+2028 and U+2029) become w:tab and w:br."""
    run = element("r")
    if style:
        run.append(element("rPr"))
        run[0].append(element("rStyle", val=style))
    lines = clean_text(text).replace("\u2028", "\n").replace("\u2029", "\n").split("\n")
    for index, line in enumerate(lines):
        if index:
            run.append(element("br"))
        for tab_index, chunk in enumerate(line.split("\t")):
            if tab_index:
                run.append(element("tab"))
            if chunk:
                t = element("t")
                t.text = chunk
                t.set(_XML_SPACE, "preserve")
                run.append(t)
    return run


def picture_run(inline: _Element, alt: str) -> _Element:
    """A run holding an inline picture described for screen readers (wp:docPr/@descr)."""
    inline.find(f"{_WP}docPr").set("descr", clean_text(alt))
    run = element("r")
    run.append(element("drawing"))
    run[0].append(inline)
    return run


# ---------------------------------------------------------------------- fields, bookmarks


def _fld_char(kind: str) -> _Element:
    """A run holding a field character (begin, separate or end)."""
    run = element("r")
    run.append(element("fldChar", fldCharType=kind))
    return run


def field_start(instruction: str) -> list[_Element]:
    """Runs opening a complex field: begin, instruction, separate (the result follows)."""
    instr = element("instrText")
    instr.text = f" {instruction} "
    instr.set(_XML_SPACE, "preserve")
    run = element("r")
    run.append(instr)
    return [_fld_char("begin"), run, _fld_char("separate")]


def field_end() -> _Element:
    """The run closing a complex field."""
    return _fld_char("end")


def field(instruction: str, result: str = "") -> list[_Element]:
    """A whole field with its cached result (what readers show before updating)."""
    return [*field_start(instruction), text_run(result), field_end()]


def add_bookmark(p: _Element, bookmark_id: int, name: str) -> None:
    """Wrap the paragraph's content in a bookmark (target of TOC links and PAGEREF)."""
    start = element("bookmarkStart", id=str(bookmark_id), name=name)
    ppr(p).addnext(start)
    p.append(element("bookmarkEnd", id=str(bookmark_id)))


def toc_entry(p: _Element, text: str, bookmark: str, page: str) -> None:
    """Fill a TOC paragraph as Word does: a link holding text, tab and a PAGEREF field."""
    link = element("hyperlink", anchor=bookmark, history="1")
    link.append(text_run(text))
    link.append(text_run("\t"))
    link.extend(field(f"PAGEREF {bookmark} \\h", page))
    p.append(link)


# ------------------------------------------------------------------- sections, settings


def end_section(p: _Element, sect_pr: _Element) -> None:
    """End a section at paragraph `p` with the page setup of `sect_pr`, no headers."""
    copy = deepcopy(sect_pr)
    for ref in [*copy.findall(qn("w:headerReference")), *copy.findall(qn("w:footerReference"))]:
        copy.remove(ref)
    _put(ppr(p), copy, _PPR)


def section_properties(body: _Element) -> list[_Element]:
    """Every w:sectPr of the body, in order (one per section)."""
    return body.xpath("./w:p/w:pPr/w:sectPr | ./w:sectPr")


def restart_page_numbers(sect_pr: _Element, start: int = 1) -> None:
    """Number the section's pages from `start`."""
    _put(sect_pr, element("pgNumType", start=str(start)), _SECTPR)


def tidy_settings(settings: _Element, latin: str, east_asian: str) -> None:
    """Word 2013+ mode; no update prompt, proofing claim, revision ids or preview picture."""
    for tag in ("w:rsids", "w:savePreviewPicture", "w:updateFields", "w:proofState"):
        for old in settings.findall(qn(tag)):
            settings.remove(old)
    # Mode 14 makes Word open the file in "[Compatibility Mode]".
    for setting in settings.iterfind(f"{_W}compat/{_W}compatSetting"):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), "15")
    theme_lang = settings.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:val"), latin)
        theme_lang.set(qn("w:eastAsia"), east_asian)


def is_table(el: _Element) -> bool:
    """Whether a body element is a table."""
    return el.tag == qn("w:tbl")
