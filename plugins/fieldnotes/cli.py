"""The `fieldnotes` command. Each subcommand lives in its own module, which provides:

    HELP                  one line for `fieldnotes --help`
    add_arguments(parser) its options
    run(args) -> int      the exit code

and is listed in SUBCOMMANDS; this module only builds the parser and dispatches.
"""

from __future__ import annotations

import argparse
import importlib
import sys

SUBCOMMANDS = {
    "linkcheck": "fieldnotes.linkcheck.command",
    "new": "fieldnotes.authoring.new",
    "translate": "fieldnotes.authoring.translate",
    "status": "fieldnotes.authoring.status",
    "parity": "fieldnotes.authoring.parity",
    "check-front-matter": "fieldnotes.authoring.check_front_matter",
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="fieldnotes", description="Tools for the ML Field Notes blog.")
    subcommands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, module_name in SUBCOMMANDS.items():
        module = importlib.import_module(module_name)
        subparser = subcommands.add_parser(
            name, help=module.HELP, description=module.__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
        )
        module.add_arguments(subparser)
        subparser.set_defaults(run=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
