"""How much of a file's name the title read from its head holds: the data behind ``TITLE_STEM_MIN_SHARE``.

    .venv/bin/python scripts/title_stem_shares.py DIR [DIR ...]

For every PDF/DOCX/TXT file whose name (without its list number) ends with a document type, the title the head
lines give (``ingest.metadata.find_title``, before the file name is consulted) is compared with the name: the share
of the name's character bigrams it holds (``stem_share``). Prints one line per file below 0.8, then the histogram
by tenths. A right title and a wrong one (another document the text cites, the second half of a wrapped title, an
attachment's title) fall on either side of a wide gap; ``ingest.metadata.TITLE_STEM_MIN_SHARE`` lies in it.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ingest.metadata import HEAD_PARAGRAPHS, TITLE_END_RE, TITLE_STEM_MIN_SHARE, find_title, stem_share, title_from_stem  # noqa: E402
from ingest.readers import iter_files, read_text  # noqa: E402
from ingest.repair import repair_text  # noqa: E402


def main() -> None:
    dirs = [Path(a) for a in sys.argv[1:]]
    if not dirs:
        sys.exit(__doc__)
    shares: list[tuple[float, str, str]] = []
    for path in iter_files(dirs):
        stem = title_from_stem(path.name).replace("(", "（").replace(")", "）")
        if not TITLE_END_RE.search(stem):
            continue
        try:
            text = repair_text(read_text(path))
        except Exception as exc:  # an unreadable file is reported, not fatal
            print(f"  ! {path.name}: {exc}", file=sys.stderr)
            continue
        head = [p for p in text.split("\n") if p.strip()][:HEAD_PARAGRAPHS]
        found = find_title(head)
        shares.append((stem_share(found, stem) if found else 1.0, found, path.name))
    shares.sort()
    for share, found, name in shares:
        if share < 0.8:
            print(f"{share:.2f}  {found}  <-  {name}")
    hist = Counter(min(int(s * 10), 9) for s, _f, _n in shares)
    print("files", len(shares), "| by tenths:", " ".join(f"{k / 10:.1f}:{hist[k]}" for k in range(10)))
    below = [s for s, _f, _n in shares if s < TITLE_STEM_MIN_SHARE]
    above = [s for s, _f, _n in shares if s >= TITLE_STEM_MIN_SHARE]
    print(f"TITLE_STEM_MIN_SHARE {TITLE_STEM_MIN_SHARE}: {len(below)} below (max {max(below, default=0):.2f}), "
          f"{len(above)} at or above (min {min(above, default=1):.2f})")


if __name__ == "__main__":
    main()
