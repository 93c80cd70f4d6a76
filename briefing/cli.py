"""Command line: `briefing check`, `build`, `watch`, `new`, `audiences` and `schema`."""

from __future__ import annotations

import argparse
import os
import signal
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

from briefing.build import FORMATS, BuildError, Job, build_date, render_all, write_outputs
from briefing.checks.template_words import template_text, template_words
from briefing.diagnostics import Diagnostics, display_path
from briefing.lifetime import Terminated, stoppable
from briefing.load.folder import REPORT_FILE
from briefing.pipeline import check_folder
from briefing.schema import write_schemas
from briefing.skeleton import write_skeleton
from briefing.style.audience import Audience, load_organisation, organisation_ids, resolve_audiences
from briefing.style.load import audiences

EXIT_OK, EXIT_ERRORS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
MAX_SAID = 300
"""Characters of an internal error's message printed: one line, however long the text."""


class UsageError(Exception):
    """The command line asks for something that cannot be done as asked."""


def default_content_dirs(root: Path) -> list[Path]:
    """Every folder under `content/`, which DIR defaults to."""
    base = root / "content"
    if not base.is_dir():
        raise UsageError(
            f"no content/ folder in {display_path(root) or '.'}; name a content folder"
        )
    folders = sorted(p for p in base.iterdir() if p.is_dir() and not p.name.startswith("."))
    if not folders:
        raise UsageError("content/ has no folders; `briefing new content/NAME` starts one")
    return folders


def content_dirs(arg: str | None) -> list[Path]:
    """The content folder named on the command line (or each content folder in it, when it
    holds no report.yaml but folders that do), or every one under content/."""
    if arg is None:
        return default_content_dirs(Path.cwd())
    folder = Path(arg)
    if not folder.is_dir():
        raise UsageError(f"{arg}: not a folder")
    if not (folder / REPORT_FILE).exists():
        # A folder of content folders (`briefing build content`): each of them.
        inside = sorted(p for p in folder.iterdir() if p.is_dir() and (p / REPORT_FILE).is_file())
        if inside:
            return inside
    return [folder]


def output_name(folder: Path) -> str:
    """The output subfolder of a content folder: its resolved name (never `..` or empty)."""
    name = folder.resolve().name
    if not name:
        raise UsageError(f"{folder}: the root folder cannot be a content folder")
    return name


def _styles_dir(arg: str) -> Path:
    folder = Path(arg)
    if not folder.is_dir():
        raise UsageError(f"{arg}: no such styles folder")
    return folder


def _heading(folder: Path, many: bool) -> None:
    if many:
        print(f"== {display_path(folder)}", file=sys.stderr, flush=True)


def cmd_check(args: argparse.Namespace) -> int:
    """Check content folders and print their diagnostics."""
    folders = content_dirs(args.dir)
    styles = _styles_dir(args.styles)
    status = EXIT_OK
    for folder in folders:
        checked = check_folder(folder, styles, args.audience)
        for diagnostic in checked.diagnostics.sorted():
            print(diagnostic.render())
        names = ", ".join(a.name for a in checked.audiences)
        summary = checked.diagnostics.summary()
        print(f"{display_path(folder)}: {summary}" + (f" (audiences: {names})" if names else ""))
        if checked.diagnostics.has_errors or checked.content is None:
            status = EXIT_ERRORS
    return status


def cmd_audiences(args: argparse.Namespace) -> int:
    """List the audience templates and the organisations briefings can be written for."""
    styles = _styles_dir(args.styles)
    diagnostics = Diagnostics()
    for spec in audiences(styles, diagnostics):
        if not spec.per_organisation:
            print(f"{spec.name:<12} {spec.description}")
    for org_id in organisation_ids(styles):
        organisation = load_organisation(org_id, styles, diagnostics)
        if organisation is not None:
            what = f"{organisation.name} ({organisation.short_name})"
            more = f": {organisation.description}" if organisation.description else ""
            print(f"{org_id:<12} {what}{more} [template {organisation.template}]")
    for diagnostic in diagnostics.sorted():
        print(diagnostic.render(), file=sys.stderr)
    return EXIT_ERRORS if diagnostics.has_errors else EXIT_OK


def cmd_build(args: argparse.Namespace) -> int:
    """Check each content folder, then build its audiences in each format into out/."""
    folders = content_dirs(args.dir)
    styles = _styles_dir(args.styles)
    try:
        build_date()  # read here, so that a bad value is one line, not a failed worker
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    status = EXIT_OK
    for folder in folders:
        _heading(folder, len(folders) > 1)
        status = max(status, _build_folder(folder, styles, args))
    return status


def _broken(audience: Audience) -> bool:
    """Whether an audience's template texts have errors (so it cannot be composed)."""
    found = [*template_text([audience]), *template_words([audience])]
    return Diagnostics(found).has_errors


def _build_folder(folder: Path, styles: Path, args: argparse.Namespace) -> int:
    checked = check_folder(folder, styles, args.audience)
    for diagnostic in checked.diagnostics.sorted():
        print(diagnostic.render(), file=sys.stderr)
    if not checked.ok or checked.diagnostics.has_errors:
        print(f"briefing: not built: {checked.diagnostics.summary()}", file=sys.stderr)
        return EXIT_ERRORS
    assert checked.content is not None
    ready = list(checked.audiences)
    # The content's own audiences scope the shared font subset, so a file's bytes do not
    # depend on which audiences one build asked for.
    scope = ready
    if args.audience:
        scope = list(resolve_audiences(checked.content, styles, Diagnostics()))
        # An audience whose template is broken is not asked for: it scopes nothing.
        scope = [a for a in scope if a in ready or not _broken(a)]
    formats = list(dict.fromkeys(args.format or FORMATS))
    out_dir = Path(args.out) / output_name(folder)

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
        results = render_all(checked.content, ready, formats, progress, scope=scope)
    except BuildError as exc:
        print(f"briefing: not built: {exc}", file=sys.stderr)
        return EXIT_ERRORS
    except OSError as exc:  # e.g. an image or the font cache, not the output folder
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"briefing: not built: {where}{exc.strerror or exc}", file=sys.stderr)
        return EXIT_ERRORS
    order = {(a.name, f): i for i, (a, f) in enumerate((a, f) for a in ready for f in formats)}
    results = dict(sorted(results.items(), key=lambda kv: order[(kv[0].audience, kv[0].fmt)]))
    try:
        outputs = write_outputs(results, out_dir)
    except OSError as exc:
        target = exc.filename or out_dir
        print(f"briefing: cannot write {target}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_ERRORS
    wide = max([12, *(len(output.audience) + 1 for output in outputs)])
    print(f"{'audience':<{wide}} {'format':<6} {'pages':>5} {'size':>9}  file")
    for output in outputs:
        pages = str(output.pages) if output.pages is not None else "—"
        print(
            f"{output.audience:<{wide}} {output.fmt:<6} {pages:>5} {output.size / 1024:>7.0f}KB  "
            f"{display_path(output.path)}"
        )
    return EXIT_OK


def cmd_watch(args: argparse.Namespace) -> int:
    """Build, then rebuild on every change to the content or templates until interrupted."""
    from briefing.watch import WatchOptions, run_watch  # watchfiles: only this command

    options = WatchOptions(
        folders=tuple(content_dirs(args.dir)),
        styles=_styles_dir(args.styles),
        names=tuple(args.audience) if args.audience else None,
        formats=tuple(dict.fromkeys(args.format or FORMATS)),
        out=Path(args.out),
    )
    return run_watch(options)


def cmd_new(args: argparse.Namespace) -> int:
    """Start a content folder with every file, each field commented."""
    target = Path(args.dir)
    if target.exists() and any(target.iterdir()):
        raise UsageError(f"{args.dir}: already exists and is not empty")
    for path in write_skeleton(target, language=args.language):
        print(display_path(path))
    print(
        f"next: fill in the files, then `briefing check {args.dir}` lists what is still "
        "a placeholder",
        file=sys.stderr,
    )
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    """Write the JSON Schemas of the content files."""
    for path in write_schemas(Path(args.out)):
        print(display_path(path))
    return EXIT_OK


def _add_build_options(command: argparse.ArgumentParser) -> None:
    """The options `build` and `watch` share: what to build, from which styles, where to."""
    command.add_argument("dir", nargs="?", help="content folder (default: each under content/)")
    command.add_argument(
        "--audience",
        action="append",
        metavar="NAME",
        help="template or organisation to build (repeatable; default: the content's audiences)",
    )
    command.add_argument(
        "--format",
        action="append",
        choices=FORMATS,
        help="output format (repeatable; default: " + ", ".join(FORMATS) + ")",
    )
    command.add_argument("--styles", default="styles", help="templates folder (default: styles)")
    command.add_argument("--out", default="out", help="output folder (default: out)")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    parser = argparse.ArgumentParser(
        prog="briefing",
        description="Compile policy briefings (PDF, DOCX, ODT) from structured trip content.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    check = sub.add_parser("check", help="validate content and report problems with their lines")
    check.add_argument("dir", nargs="?", help="content folder (default: each under content/)")
    check.add_argument(
        "--audience",
        action="append",
        metavar="NAME",
        help="check for this audience only (repeatable; default: the content's audiences)",
    )
    check.add_argument("--styles", default="styles", help="templates folder (default: styles)")
    check.set_defaults(run=cmd_check)
    build = sub.add_parser("build", help="build briefings (PDF, DOCX, ODT) into out/")
    _add_build_options(build)
    build.set_defaults(run=cmd_build)
    watch = sub.add_parser("watch", help="build, then rebuild on every change until Ctrl-C")
    _add_build_options(watch)
    watch.set_defaults(run=cmd_watch)
    new = sub.add_parser("new", help="start a content folder, every field commented")
    new.add_argument("dir", help="folder to create, e.g. content/2026-tokyo-study-trip")
    new.add_argument(
        "--language", default="zh-TW", help="language of the content (a locale: zh-TW, en)"
    )
    new.set_defaults(run=cmd_new)
    audiences = sub.add_parser("audiences", help="list the templates and organisations")
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
