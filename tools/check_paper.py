"""Check the framework against a text copy of the paper (maintainers).

The paper is not redistributed with the book, so the test suite cannot read
it; this check does, given a copy on the command line:

    make check-paper PAPER=path/to/paper.txt
    python tools/check_paper.py path/to/paper.txt

It verifies that every quotation in ``casekit.chapters.framework.quotes()`` occurs in
the paper verbatim (whitespace aside), inside the section the item cites, and
that no label or lesson repeats six or more consecutive words of the paper.
Exit status 0 when all holds, 1 with one line per problem otherwise.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def sections(paper: str) -> dict[str, str]:
    """The paper's numbered sections (``2.3``, ``4.1`` ...): heading number -> text."""
    heads = list(re.finditer(r"^(\d+(?:\.\d+)*)\.\s", paper, flags=re.M))
    out = {}
    for here, after in zip(heads, heads[1:] + [None]):
        out[here.group(1)] = paper[here.start(): after.start() if after else len(paper)]
    return out


def problems(paper: str) -> list[str]:
    from casekit.chapters import framework

    found = []
    parts = {k: _flat(v) for k, v in sections(paper).items()}
    for row in framework.quotes().itertuples():
        words = len(row.quote.split())
        if not 1 <= words <= 10:
            found.append(f"{row.id}: the quotation has {words} words (1 to 10 allowed)")
        if row.section not in parts:
            found.append(f"{row.id}: the paper has no section {row.section}")
        elif _flat(row.quote) not in parts[row.section]:
            where = [k for k, v in parts.items() if _flat(row.quote) in v]
            found.append(
                f"{row.id}: {row.quote!r} is not in section {row.section}"
                + (f" (it is in {', '.join(where)})" if where else " (nor anywhere in the paper)")
            )
    words = re.findall(r"[a-z]+", paper.lower())
    shingles = {" ".join(words[i: i + 6]) for i in range(len(words) - 5)}
    for row in framework.items().itertuples():
        lw = re.findall(r"[a-z]+", row.label.lower())
        copied = {" ".join(lw[i: i + 6]) for i in range(len(lw) - 5)} & shingles
        if copied:
            found.append(f"{row.id}: the label copies the paper ({sorted(copied)[0]!r} ...)")
    return found


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python tools/check_paper.py PATH-TO-THE-PAPER.txt", file=sys.stderr)
        return 2
    path = Path(argv[0])
    if not path.is_file():
        print(f"no paper at {path}: give the path of a text copy of the paper", file=sys.stderr)
        return 2
    found = problems(path.read_text(encoding="utf-8"))
    for line in found:
        print(line)
    print(f"check-paper: {len(found)} problem(s) in the framework against {path.name}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
