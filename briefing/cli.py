"""Command line: `briefing check`, `briefing schema` (and later `build`)."""

from __future__ import annotations

import argparse
import os
import signal
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

from briefing.build import FORMATS, BuildError, Job, build_date, render_all, write_outputs
from briefing.diagnostics import Diagnostics, display_path
from briefing.lifetime import Terminated, stoppable
from briefing.pipeline import check_folder
from briefing.schema import write_schemas
from briefing.style.load import audiences, available, load_style
from briefing.style.model import AudienceSpec

EXIT_OK, EXIT_ERRORS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
MAX_SAID = 300
"""Characters of an internal error's message printed: one line, however long the text."""


class UsageError(Exception):
    """The command line asks for something that cannot be done as asked."""


def default_content_dir(root: Path) -> Path:
    """The single folder under `content/`, which DIR defaults to."""
    base = root / "content"
    if not base.is_dir():
        raise UsageError(
            f"no content/ folder in {display_path(root) or '.'}; name a content folder"
        )
    folders = sorted(p for p in base.iterdir() if p.is_dir() and not p.name.startswith("."))
    if len(folders) != 1:
        names = ", ".join(p.name for p in folders) or "none"
        raise UsageError(f"content/ has {len(folders)} folders ({names}); name the one to use")
    return folders[0]


def content_dir(arg: str | None) -> Path:
    """The content folder named on the command line, or the default one."""
    if arg is None:
        return default_content_dir(Path.cwd())
    folder = Path(arg)
    if not folder.is_dir():
        raise UsageError(f"{arg}: not a folder")
    return folder


def all_templates(styles: Path, diagnostics: Diagnostics) -> list[AudienceSpec]:
    """Every valid template in a styles folder, base templates included."""
    if not styles.is_dir():
        return []
    specs = [load_style(name, styles, diagnostics) for name in available(styles)]
    return [spec for spec in specs if spec is not None]


def output_name(folder: Path) -> str:
    """The output subfolder of a content folder: its resolved name (never `..` or empty)."""
    name = folder.resolve().name
    if not name:
        raise UsageError(f"{folder}: the root folder cannot be a content folder")
    return name


def cmd_check(args: argparse.Namespace) -> int:
    """Check one content folder and print its diagnostics."""
    templates = Diagnostics()
    specs = all_templates(Path(args.styles), templates)
    checked = check_folder(content_dir(args.dir), [s for s in specs if not s.base])
    checked.diagnostics.extend(templates.items)
    for diagnostic in checked.diagnostics.sorted():
        print(diagnostic.render())
    print(checked.diagnostics.summary())
    return EXIT_ERRORS if checked.diagnostics.has_errors else EXIT_OK


def _styles_dir(arg: str) -> Path:
    folder = Path(arg)
    if not folder.is_dir():
        raise UsageError(f"{arg}: no such styles folder")
    return folder


def cmd_audiences(args: argparse.Namespace) -> int:
    """List the audience templates with their descriptions."""
    styles = _styles_dir(args.styles)
    diagnostics = Diagnostics()
    for spec in audiences(styles, diagnostics):
        print(f"{spec.name:<12} {spec.description}")
    for diagnostic in diagnostics.sorted():
        print(diagnostic.render(), file=sys.stderr)
    return EXIT_ERRORS if diagnostics.has_errors else EXIT_OK


def cmd_build(args: argparse.Namespace) -> int:
    """Check the content, then build each audience in each format into out/."""
    folder = content_dir(args.dir)
    styles = _styles_dir(args.styles)
    try:
        build_date()  # read here, so that a bad value is one line, not a failed worker
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    style_diagnostics = Diagnostics()
    # Every valid audience scopes the shared font subset; only requested ones must be valid.
    every = list(audiences(styles, Diagnostics() if args.audience else style_diagnostics))
    if args.audience:
        names = list(dict.fromkeys(args.audience))
        specs = [load_style(name, styles, style_diagnostics) for name in names]
    else:
        specs = list(every)
    checked = check_folder(folder, [spec for spec in specs if spec is not None])
    checked.diagnostics.extend(style_diagnostics.items)
    for diagnostic in checked.diagnostics.sorted():
        print(diagnostic.render(), file=sys.stderr)
    if not checked.ok or checked.diagnostics.has_errors:
        print(f"briefing: not built: {checked.diagnostics.summary()}", file=sys.stderr)
        return EXIT_ERRORS
    assert checked.content is not None
    formats = list(dict.fromkeys(args.format or FORMATS))
    out_dir = Path(args.out) / output_name(folder)
    ready = [spec for spec in specs if spec is not None]

    def progress(job: Job, data: bytes) -> None:
        print(
            f"built {job.audience}.{job.fmt} ({len(data) / 1024:.0f} KB)",
            file=sys.stderr,
            flush=True,
        )

    print(
        f"building {len(ready)} audiences × {len(formats)} formats …", file=sys.stderr, flush=True
    )
    try:
        results = render_all(checked.content, ready, formats, progress, scope=every)
    except BuildError as exc:
        print(f"briefing: not built: {exc}", file=sys.stderr)
        return EXIT_ERRORS
    except OSError as exc:  # e.g. an image or the font cache, not the output folder
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"briefing: not built: {where}{exc.strerror or exc}", file=sys.stderr)
        return EXIT_ERRORS
    order = {(s.name, f): i for i, (s, f) in enumerate((s, f) for s in ready for f in formats)}
    results = dict(sorted(results.items(), key=lambda kv: order[(kv[0].audience, kv[0].fmt)]))
    try:
        outputs = write_outputs(results, out_dir)
    except OSError as exc:
        target = exc.filename or out_dir
        print(f"briefing: cannot write {target}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_ERRORS
    print(f"{'audience':<12} {'format':<6} {'pages':>5} {'size':>9}  file")
    for output in outputs:
        pages = str(output.pages) if output.pages is not None else "—"
        print(
            f"{output.audience:<12} {output.fmt:<6} {pages:>5} {output.size / 1024:>7.0f}KB  "
            f"{display_path(output.path)}"
        )
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    """Write the JSON Schemas of the content files."""
    for path in write_schemas(Path(args.out)):
        print(display_path(path))
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    parser = argparse.ArgumentParser(
        prog="briefing",
        description="Compile policy briefings (PDF, DOCX) from structured trip content.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    check = sub.add_parser("check", help="validate content and report problems with their lines")
    check.add_argument("dir", nargs="?", help="content folder (default: the one under content/)")
    check.add_argument("--styles", default="styles", help="templates folder (default: styles)")
    check.set_defaults(run=cmd_check)
    build = sub.add_parser("build", help="build briefings (PDF, DOCX) into out/")
    build.add_argument("dir", nargs="?", help="content folder (default: the one under content/)")
    build.add_argument(
        "--audience",
        action="append",
        metavar="NAME",
        help="audience template to build (repeatable; default: all)",
    )
    build.add_argument(
        "--format",
        action="append",
        choices=FORMATS,
        help="output format (repeatable; default: pdf and docx)",
    )
    build.add_argument("--styles", default="styles", help="templates folder (default: styles)")
    build.add_argument("--out", default="out", help="output folder (default: out)")
    build.set_defaults(run=cmd_build)
    audiences = sub.add_parser("audiences", help="list the audience templates")
    audiences.add_argument("--styles", default="styles", help="templates folder (default: styles)")
    audiences.set_defaults(run=cmd_audiences)
    schema = sub.add_parser("schema", help="write JSON Schemas for editors")
    schema.add_argument("--out", default="schemas", help="folder to write to (default: schemas)")
    schema.set_defaults(run=cmd_schema)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    try:
        with stoppable():
            return int(args.run(args))
    except UsageError as exc:
        print(f"briefing: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("briefing: interrupted", file=sys.stderr)
        return 130
    except Terminated as exc:
        print(f"briefing: stopped by {signal.Signals(exc.signum).name}", file=sys.stderr)
        return 128 + exc.signum
    except Exception as exc:  # a bug of ours: say so in one line, never a traceback
        if os.environ.get("BRIEFING_DEBUG"):
            traceback.print_exc()
        said = str(exc) if len(str(exc)) <= MAX_SAID else str(exc)[:MAX_SAID] + "…"
        print(
            f"briefing: internal error: {type(exc).__name__}: {said} "
            "(set BRIEFING_DEBUG=1 to see the traceback; please report it)",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
