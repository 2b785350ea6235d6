"""The verdict: every claim of the paper, the chapter that tests it, and what the data say.

The claims ledger (table ``claims_ledger``) is the book's judgement, kept as
data like its other judgements: one row per distinct claim of the paper
(sections 1-5), with a paraphrase, whether public data can test it, the
chapter (its MyST label) and the glued figures that test it, a verdict and a
one-line reason. :func:`ledger` loads and checks it; :func:`verdict_grid`
counts claims by section and verdict for the conclusion chapter's chart;
:func:`evidence` lists every (claim, chapter, glue key) triple, which the
test suite checks against the figures the chapters really compute.

>>> led = ledger()
>>> sorted(set(led["verdict"])) == sorted(VERDICTS)
True
>>> missing_sections(led)
[]
"""

from __future__ import annotations

import pandas as pd

from ..choices import choose
from ..data import load

__all__ = [
    "PAPER_SECTIONS",
    "VERDICTS",
    "CHAPTERS",
    "ledger",
    "missing_sections",
    "verdict_grid",
    "evidence",
]

#: The paper's numbered sections, in reading order.
PAPER_SECTIONS = ("1", "2.1", "2.2", "2.3", "3.1", "3.2", "3.3", "4.1", "4.2", "4.3", "5")

#: The four verdicts a claim can get, from best supported to untestable.
VERDICTS = ("supported", "mixed", "contradicted", "not testable")

_TESTABLE = ("yes", "partly", "no")

#: Chapter label -> (notebook page, short title). The label is the MyST target
#: at the top of each chapter's notebook (``(chapter-theory)=``).
CHAPTERS = {
    "chapter-theory": ("01-theory", "Theory"),
    "chapter-drivers": ("02-drivers", "Driving factors"),
    "chapter-challenges": ("03-challenges", "Challenges"),
    "chapter-swot": ("04-swot", "SWOT"),
    "chapter-strategies": ("05-strategies", "Strategies"),
    "chapter-ne-zha": ("06-ne-zha", "Ne Zha"),
    "chapter-nintendo": ("07-nintendo", "Nintendo"),
    "chapter-kpop": ("08-kpop", "K-pop"),
    "chapter-synthesis": ("09-synthesis", "Synthesis"),
    "chapter-conclusion": ("10-conclusion", "Conclusion"),
    "chapter-open-questions": ("11-open-questions", "Open questions"),
}


def _keys(cell) -> list[str]:
    if not isinstance(cell, str) or not cell.strip():
        return []
    return [k.strip() for k in cell.split(";") if k.strip()]


def ledger(table: pd.DataFrame | None = None) -> pd.DataFrame:
    """The claims ledger, checked, with each claim's chapter page and title.

    Parameters
    ----------
    table : DataFrame, optional
        A table shaped like ``claims_ledger`` (default: the book's) -- pass an
        edited copy to try another verdict.

    Returns
    -------
    pandas.DataFrame
        The ledger's columns plus ``page`` (the chapter's notebook name, e.g.
        ``"06-ne-zha"``), ``chapter_title`` and ``n_evidence`` (how many glued
        figures the claim points at).

    Raises
    ------
    ValueError
        A section the paper does not have, a verdict or testability outside
        the allowed values, an unknown chapter label, a claim marked "not
        testable" whose testability is not "no" (or the reverse), a testable
        claim that points at no figure, or a duplicate claim id. The message
        names the claim and the valid values.

    Examples
    --------
    >>> bad = ledger().assign(chapter=lambda t: t["chapter"].where(t.index != 0, "chapter-nezha"))
    >>> ledger(bad)
    Traceback (most recent call last):
    ...
    ValueError: L01: unknown chapter label 'chapter-nezha'. Did you mean 'chapter-ne-zha'? Valid: chapter-theory, ...
    """
    table = load("claims_ledger") if table is None else table.copy()
    dupes = table["claim_id"][table["claim_id"].duplicated()]
    if not dupes.empty:
        raise ValueError(f"claim id {dupes.iloc[0]!r} appears more than once")
    for row in table.itertuples(index=False):
        where = f"{row.claim_id}: "
        try:
            choose(str(row.section), PAPER_SECTIONS, "paper section")
            choose(row.verdict, VERDICTS, "verdict")
            choose(row.testable, _TESTABLE, "testability")
            choose(row.chapter, tuple(CHAPTERS), "chapter label")
        except ValueError as err:
            raise ValueError(where + str(err)) from None
        if (row.verdict == "not testable") != (row.testable == "no"):
            raise ValueError(f"{where}verdict {row.verdict!r} does not fit testability {row.testable!r}: "
                             "a claim is 'not testable' exactly when its testability is 'no'")
        if row.testable != "no" and not _keys(row.evidence):
            raise ValueError(f"{where}testability {row.testable!r} but no glued figure in 'evidence'")
    table["section"] = table["section"].astype(str)
    table["page"] = [CHAPTERS[c][0] for c in table["chapter"]]
    table["chapter_title"] = [CHAPTERS[c][1] for c in table["chapter"]]
    table["n_evidence"] = [len(_keys(e)) for e in table["evidence"]]
    return table.reset_index(drop=True)


def missing_sections(table: pd.DataFrame | None = None) -> list[str]:
    """Sections of the paper that no claim in the ledger comes from.

    >>> missing_sections(ledger().query("section != '3.2'"))
    ['3.2']
    """
    table = ledger(table)
    return [s for s in PAPER_SECTIONS if s not in set(table["section"])]


def verdict_grid(table: pd.DataFrame | None = None) -> pd.DataFrame:
    """Claims counted by paper section and verdict: every pair, zeros included.

    Returns
    -------
    pandas.DataFrame
        ``section``, ``verdict``, ``claims`` -- ``len(PAPER_SECTIONS) *
        len(VERDICTS)`` rows, sections in the paper's order.

    >>> g = verdict_grid()
    >>> len(g) == len(PAPER_SECTIONS) * len(VERDICTS), int(g["claims"].sum()) == len(ledger())
    (True, True)
    """
    table = ledger(table)
    counts = table.groupby(["section", "verdict"]).size()
    index = pd.MultiIndex.from_product([PAPER_SECTIONS, VERDICTS], names=["section", "verdict"])
    return counts.reindex(index, fill_value=0).rename("claims").reset_index()


def evidence(table: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per glued figure a claim points at: ``claim_id``, ``chapter``, ``page``, ``key``.

    >>> ev = evidence()
    >>> list(ev.columns)
    ['claim_id', 'chapter', 'page', 'key']
    """
    table = ledger(table)
    rows = [(r.claim_id, r.chapter, r.page, k) for r in table.itertuples() for k in _keys(r.evidence)]
    return pd.DataFrame(rows, columns=["claim_id", "chapter", "page", "key"])
