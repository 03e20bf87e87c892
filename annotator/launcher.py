"""The ``annotator`` command: the CLI, with the desktop app when no command is given."""

from __future__ import annotations

import sys


def _launch_gui(db: str | None, annotator: str | None) -> int:
    from annotator.gui.app import run_app  # Qt is loaded only when the window is wanted

    return run_app(db, annotator)


def _selftest() -> int:
    from annotator.gui.selftest import run_selftest

    return run_selftest()


def main(argv: list[str] | None = None) -> int:
    args = argv if argv is not None else sys.argv[1:]
    if args == ["--version"]:  # answered before the CLI imports the workspace (seconds)
        from annotator import __version__

        print(f"annotator {__version__}")
        return 0
    from annotator import cli

    cli.set_gui_launcher(_launch_gui, _selftest)
    return cli.run(args)


if __name__ == "__main__":
    sys.exit(main())
