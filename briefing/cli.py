"""Command line: `briefing check`, `briefing schema` (and later `build`)."""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

from briefing.diagnostics import display_path
from briefing.pipeline import check_folder
from briefing.schema import write_schemas

EXIT_OK, EXIT_ERRORS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


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


def cmd_check(args: argparse.Namespace) -> int:
    """Check one content folder and print its diagnostics."""
    checked = check_folder(content_dir(args.dir))
    for diagnostic in checked.diagnostics.sorted():
        print(diagnostic.render())
    print(checked.diagnostics.summary())
    return EXIT_ERRORS if checked.diagnostics.has_errors else EXIT_OK


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
    check.set_defaults(run=cmd_check)
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
        return int(args.run(args))
    except UsageError as exc:
        print(f"briefing: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("briefing: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug of ours: say so in one line, never a traceback
        if os.environ.get("BRIEFING_DEBUG"):
            traceback.print_exc()
        print(
            f"briefing: internal error: {type(exc).__name__}: {exc} "
            "(set BRIEFING_DEBUG=1 to see the traceback; please report it)",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
