"""Tagged PDF: a structure tree built in document order, marked content while drawing.

Structure elements are made when the story is built (so their order is the document
tree's, whatever the pages do); flowables keep a reference to theirs and, when drawn,
wrap their content in `/Role <</MCID n>> BDC … EMC`. Parts of a split paragraph or table
share one element. At save, the tree, the parent tree and the page keys are written
through reportlab's own object model: the file is still one reportlab write, with no
second parse-and-rewrite pass (pikepdf would cost more time than the whole budget the
issue allows for this), and reportlab's catalog already takes StructTreeRoot/MarkInfo.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import NamedTuple

from reportlab.pdfbase.pdfdoc import PDFDocument, PDFObject, PDFString

from briefing.render.pdf.text import is_wide

_LATIN_LETTER = re.compile("[A-Za-z]")


class Mcr(NamedTuple):
    """A marked-content sequence on a page (by reportlab's page name)."""

    page: str
    mcid: int


class Objr(NamedTuple):
    """An annotation (a link) belonging to a structure element."""

    page: str
    annotation: str
    """reportlab's internal name of the annotation object."""


@dataclass(eq=False, slots=True)
class Elem:
    """A structure element: its standard role, parent, kids and attributes."""

    role: str
    parent: Elem | None = None
    kids: list[Elem | Mcr | Objr] = field(default_factory=list)
    alt: str = ""
    lang: str = ""
    table: dict[str, str | int] | None = None
    """Table attributes (Scope, RowSpan, ColSpan)."""
    once: bool = False
    """Content drawn again after the first time (a repeated header row) is an artifact."""
    drawn: bool = False
    latin: bool | None = None
    """Whether every text drawn in this element is in Latin script (None: no text yet)."""


class Tagger:
    """The structure tree of one render and the marked content of its pages."""

    def __init__(self, latin_language: str = "") -> None:
        """Start an empty tree under a Document element; elements whose text is all
        Latin script are marked as `latin_language` (when given)."""
        self.root = Elem("Document")
        self.latin_language = latin_language
        self._page: list[Elem] = []
        self._parents: dict[int, list[Elem] | Elem] = {}
        self._next_key = 0
        self._links = 0

    def add(self, parent: Elem, role: str, **attrs: object) -> Elem:
        """Return a new element of `role` appended to `parent`'s kids."""
        elem = Elem(role, parent, **attrs)  # type: ignore[arg-type]
        parent.kids.append(elem)
        return elem

    # ---------------------------------------------------------------- drawing

    def open(self, code: list[str], page: str, elem: Elem, text: str = "") -> None:
        """Start `elem`'s next marked-content sequence in `code` (a page or text object);
        `text` is what it shows, if text."""
        if elem.once and elem.drawn:
            code.append("/Artifact BMC")
            return
        elem.drawn = True
        if text and self.latin_language and elem.latin is not False:
            elem.latin = _LATIN_LETTER.search(text) is not None and not any(map(is_wide, text))
        mcid = len(self._page)
        self._page.append(elem)
        elem.kids.append(Mcr(page, mcid))
        code.append(f"/{elem.role} <</MCID {mcid}>> BDC")

    @staticmethod
    def close(code: list[str]) -> None:
        """End the sequence opened last."""
        code.append("EMC")

    @staticmethod
    def open_artifact(code: list[str], kind: str = "Layout") -> None:
        """Start an artifact (page furniture, rules, leaders, backgrounds)."""
        code.append(f"/Artifact <</Type /{kind}>> BDC")

    def page_done(self) -> int:
        """Close the current page's sequences; return its /StructParents key."""
        key = self._take_key(list(self._page))
        self._page = []
        return key

    def link_name(self, elem: Elem, page: str) -> tuple[str, int]:
        """Return a new annotation's name and /StructParent key, owned by `elem`."""
        self._links += 1
        name = f"TaggedLink{self._links}"
        elem.kids.append(Objr(page, name))
        return name, self._take_key(elem)

    def _take_key(self, value: list[Elem] | Elem) -> int:
        key = self._next_key
        self._next_key += 1
        self._parents[key] = value
        return key

    # ------------------------------------------------------------------ writing

    def write(self, doc: PDFDocument) -> PDFObject:
        """Register every element with `doc`; return the StructTreeRoot object."""
        names: dict[int, str] = {}
        order: list[Elem] = []
        stack = [self.root]
        while stack:
            elem = stack.pop()
            names[id(elem)] = f"SE{len(order)}"
            order.append(elem)
            stack.extend(reversed([k for k in elem.kids if isinstance(k, Elem)]))
        root = RawObject(lambda d: self._root_bytes(d, names))
        doc.Reference(root, "StructTreeRoot")
        for elem in order:
            if elem.latin and not elem.lang:
                elem.lang = self.latin_language
            _register(doc, RawObject(_elem_writer(elem, names)), names[id(elem)])
        return root

    def _root_bytes(self, doc: PDFDocument, names: dict[int, str]) -> bytes:
        """Return the StructTreeRoot dictionary, parent tree included."""
        nums: list[str] = []
        for key in sorted(self._parents):
            value = self._parents[key]
            if isinstance(value, Elem):
                nums.append(f"{key} {_ref(doc, names[id(value)])}")
            else:
                refs = " ".join(_ref(doc, names[id(e)]) for e in value)
                nums.append(f"{key} [{refs}]")
        return (
            f"<< /Type /StructTreeRoot /K {_ref(doc, names[id(self.root)])}"
            f" /ParentTree << /Nums [{chr(10).join(nums)}] >>"
            f" /ParentTreeNextKey {self._next_key} >>"
        ).encode("ascii")


class RawObject(PDFObject):
    """An object formatted by a function (the tree has thousands of small dictionaries:
    reportlab's generic formatter would take a sizeable share of the render)."""

    __RefOnly__ = 1

    def __init__(self, writer: Callable[[PDFDocument], bytes]) -> None:
        self.writer = writer

    def format(self, document: PDFDocument) -> bytes:
        """Return the object's bytes."""
        return self.writer(document)


def _register(doc: PDFDocument, obj: RawObject, name: str) -> None:
    """Number a new object as `doc.Reference(obj, name)` does, without its checks for
    objects met before (thousands of structure elements are each new)."""
    if name in doc.idToObject:
        raise ValueError(f"redefining named object: {name!r}")
    number = doc.objectcounter = doc.objectcounter + 1
    obj.__InternalName__ = name  # type: ignore[attr-defined]
    doc.idToObjectNumberAndVersion[name] = (number, 0)
    doc.numberToId[number] = name
    doc.idToObject[name] = obj


def _ref(doc: PDFDocument, name: str) -> str:
    """Return "n g R" for the object registered as `name`."""
    number, generation = doc.idToObjectNumberAndVersion[name]
    return f"{number} {generation} R"


def _elem_writer(elem: Elem, names: dict[int, str]) -> Callable[[PDFDocument], bytes]:
    """Return the function formatting one structure element."""

    def write(doc: PDFDocument) -> bytes:
        parent = names[id(elem.parent)] if elem.parent is not None else "StructTreeRoot"
        # /Type is optional for structure elements; left out of thousands of them.
        out = [f"<< /S /{elem.role} /P {_ref(doc, parent)}"]
        pages = [k.page for k in elem.kids if isinstance(k, Mcr | Objr)]
        home = pages[0] if pages else None
        if home is not None:
            out.append(f" /Pg {_ref(doc, home)}")
        kids: list[str] = []
        for kid in elem.kids:
            if isinstance(kid, Elem):
                kids.append(_ref(doc, names[id(kid)]))
            elif isinstance(kid, Mcr):
                if kid.page == home:
                    kids.append(str(kid.mcid))
                else:
                    kids.append(f"<< /Type /MCR /Pg {_ref(doc, kid.page)} /MCID {kid.mcid} >>")
            else:
                target = doc.annotationName(kid.annotation)
                kids.append(f"<< /Type /OBJR /Pg {_ref(doc, kid.page)} /Obj {_ref(doc, target)} >>")
        if kids:
            out.append(f" /K {kids[0]}" if len(kids) == 1 else f" /K [{' '.join(kids)}]")
        if elem.table:
            attrs = " ".join(
                f"/{k} /{v}" if isinstance(v, str) else f"/{k} {v}" for k, v in elem.table.items()
            )
            out.append(f" /A << /O /Table {attrs} >>")
        data = "".join(out).encode("ascii")
        if elem.alt:
            data += b" /Alt " + PDFString(elem.alt).format(doc)
        if elem.lang:
            data += b" /Lang " + PDFString(elem.lang).format(doc)
        return data + b" >>"

    return write


def begin(
    canv: object, code: list[str], elem: Elem | None, kind: str = "Layout", text: str = ""
) -> None:
    """Start `elem`'s marked content (an artifact when None) in `code`; nothing on a
    canvas that does not tag (a plain reportlab canvas)."""
    tags: Tagger | None = getattr(canv, "tags", None)
    if tags is None:
        return
    if elem is None:
        tags.open_artifact(code, kind)
    else:
        tags.open(code, canv._doc.thisPageName(), elem, text)  # type: ignore[attr-defined]


def end(canv: object, code: list[str]) -> None:
    """End the marked content `begin` started."""
    if getattr(canv, "tags", None) is not None:
        code.append("EMC")


@contextmanager
def marked(
    canv: object,
    elem: Elem | None,
    code: list[str] | None = None,
    kind: str = "Layout",
    text: str = "",
) -> Iterator[None]:
    """Wrap what is drawn inside in `elem`'s marked content (an artifact when None).

    `code` is the operator list to write to: a text object's, or the canvas's by default.
    """
    out: list[str] = canv._code if code is None else code  # type: ignore[attr-defined]
    begin(canv, out, elem, kind, text)
    try:
        yield
    finally:
        end(canv, out)
