"""The bundle's entry point: ``annotator`` as the one-folder app runs it."""

import multiprocessing
import sys

if __name__ == "__main__":
    # the tokenizer's helper process is started with "spawn": in a frozen app the child
    # is this executable again, which must hand over to multiprocessing at once
    multiprocessing.freeze_support()
    from annotator.launcher import main

    sys.exit(main())
