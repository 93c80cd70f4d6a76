"""Registry mapping logical font names to font files shipped in PyPI packages."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path

from briefing.fonts.errors import FontError

WEIGHT_NAMES: dict[int, str] = {
    100: "Thin",
    200: "ExtraLight",
    300: "Light",
    400: "Regular",
    500: "Medium",
    600: "SemiBold",
    700: "Bold",
    800: "ExtraBold",
    900: "Black",
}


def style_name(weight: int) -> str:
    """Return the style name for a numeric weight, e.g. 700 -> "Bold"."""
    return WEIGHT_NAMES.get(weight, f"W{weight}")


@dataclass(frozen=True)
class FontSource:
    """One logical font family and the package files that provide it."""

    logical_name: str
    ps_family: str
    module: str
    distribution: str
    variable: str | None = None
    weight_range: tuple[int, int] = (100, 900)
    static: tuple[tuple[int, str], ...] = ()

    @property
    def is_variable(self) -> bool:
        """Return True when the family is one variable font with a wght axis."""
        return self.variable is not None

    def path(self, weight: int) -> Path:
        """Return the source file used to produce `weight`."""
        if self.variable is not None:
            low, high = self.weight_range
            if not low <= weight <= high:
                raise FontError(
                    f"{self.logical_name}: weight {weight} outside axis range {low}-{high}"
                )
            return _package_dir(self.module, self.distribution) / self.variable
        for w, rel in self.static:
            if w == weight:
                return _package_dir(self.module, self.distribution) / rel
        have = ", ".join(str(w) for w, _ in self.static)
        raise FontError(f"{self.logical_name}: no file for weight {weight} (have {have})")

    @property
    def coverage_path(self) -> Path:
        """Return the file whose cmap defines which characters the family draws."""
        return self.path(400)

    def fingerprint(self, path: Path) -> str:
        """Return a cheap identity for a source file: name, size, package version."""
        return _fingerprint(str(path), self.distribution)


REGISTRY: dict[str, FontSource] = {
    source.logical_name: source
    for source in (
        *(
            FontSource(
                logical_name=f"Noto Sans {region}",
                ps_family=f"NotoSans{region}",
                module="justmytype_intl_cjk",
                distribution="justmytype-intl-cjk",
                variable=f"fonts/ofl/notosans{region.lower()}/NotoSans{region}[wght].ttf",
            )
            for region in ("TC", "SC", "JP", "KR")
        ),
        FontSource(
            logical_name="Source Sans Pro",
            ps_family="SourceSansPro",
            module="font_source_sans_pro",
            distribution="font-source-sans-pro",
            static=(
                (200, "files/SourceSansPro-ExtraLight.ttf"),
                (300, "files/SourceSansPro-Light.ttf"),
                (400, "files/SourceSansPro-Regular.ttf"),
                (600, "files/SourceSansPro-Semibold.ttf"),
                (700, "files/SourceSansPro-Bold.ttf"),
                (900, "files/SourceSansPro-Black.ttf"),
            ),
        ),
    )
}


def known_names() -> list[str]:
    """Return the logical font names the registry knows."""
    return sorted(REGISTRY)


def get_source(logical_name: str) -> FontSource:
    """Return the registry entry for `logical_name` or raise FontError."""
    try:
        return REGISTRY[logical_name]
    except KeyError:
        known = ", ".join(known_names())
        raise FontError(f"unknown font {logical_name!r}; known fonts: {known}") from None


@cache
def _package_dir(module: str, distribution: str) -> Path:
    """Return the installed directory of package `module`."""
    try:
        return Path(str(files(module)))
    except ModuleNotFoundError:
        raise FontError(f"font package missing: pip install {distribution}") from None


@cache
def _fingerprint(path: str, distribution: str) -> str:
    """Return "name:size:version" for a source font file."""
    p = Path(path)
    try:
        size = p.stat().st_size
    except OSError as exc:
        raise FontError(f"font file not found: {p}") from exc
    import importlib.metadata

    try:
        version = importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        version = "unknown"
    return f"{p.name}:{size}:{version}"
