import sys

from annotator.launcher import main

if __name__ == "__main__":  # the tokenizer's helper process imports this module again
    sys.exit(main())
