"""casekit.chapters: one module per chapter or case, the book's own questions
asked of its data with the methods.

======================  ===============================================
module                  chapter
======================  ===============================================
:mod:`.framework`       the paper's lists (drivers, challenges, SWOT items,
                        strategies, cases), used by every chapter
:mod:`.theory`          1. Theory: how big and how global the industries are
:mod:`.challenges`      3. Challenges: home films against imports
:mod:`.culture`         3. and 9. Cultural distance between the book's markets
:mod:`.strategies`      5. Strategies: the strategy-challenge map, policy targets
:mod:`.ne_zha`          6. Ne Zha
:mod:`.nintendo`        7. Nintendo
:mod:`.kpop`            8. K-pop
:mod:`.synthesis`       9. The three cases on one frame
:mod:`.conclusion`      10. The verdict: the claims ledger
:mod:`.open_questions`  11. Other waves on the Hot 100, digital sales, a failure
======================  ===============================================

The drivers (2) and SWOT (4) chapters need no module of their own: they
apply :mod:`casekit.methods` to the framework and the judgement tables.
"""
