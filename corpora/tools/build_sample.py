"""Regenerate every file of corpora/sample from ``articles/`` and check the result.

.venv/bin/python corpora/tools/build_sample.py
"""

from __future__ import annotations

import sys

import check_sample
import make_html
import make_jsonl
import make_text
import make_warc

if __name__ == "__main__":
    make_text.main()
    make_html.main()  # also writes warc_pages/, which make_warc reads
    make_jsonl.main()
    make_warc.main()
    sys.exit(check_sample.main())
