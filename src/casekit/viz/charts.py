"""The book's charts: one Altair theme, and a renderer that draws with no network.

Altair's own HTML output loads Vega from a CDN and gives every chart a random
``<div>`` id. The book instead serves Vega, Vega-Lite and Vega-Embed from its
own ``_static/`` folder, and this module's renderer writes a small, fixed
piece of HTML per chart:

* a ``<figure>`` whose ``<div>`` id is a hash of the chart, so the output is
  the same every time the notebook runs (``nbval`` compares it byte for byte);
* the Vega-Lite spec as JSON; the book's ``_static/casekit.js`` finds every
  such figure and draws it with ``vegaEmbed`` (no actions menu, SVG output);
* a caption holding the chart's text alternative and its source, tied to the
  drawing with ``aria-describedby`` so screen readers announce it;
* the data behind the chart as an HTML table, one click away in a
  ``<details>`` element (and readable with JavaScript off).

Importing casekit changes nothing in Altair unless the environment variable
``CASEKIT_CHARTS`` is ``book`` (the book build and the tests set it): then the
theme and the renderer are switched on. Each chapter calls :func:`enable` at
its top, which turns on the book's theme; anywhere but the book build -
Jupyter, Binder, Colab - the charts keep Altair's own renderer.

>>> import altair as alt, pandas as pd
>>> chart = figure(
...     alt.Chart(pd.DataFrame({"x": [1, 2], "y": [3, 4]})).mark_point().encode(x="x", y="y"),
...     title="Y rises with x", description="Two points; y rises from 3 to 4 as x goes from 1 to 2.",
...     source="Made-up numbers for this example.")
>>> html = chart_html(chart.to_dict())
>>> 'aria-describedby=' in html and "casekit-spec" in html and "<table" in html
True
>>> chart_html(chart.to_dict()) == html   # deterministic
True
"""

from __future__ import annotations

import hashlib
import html as _html
import json
import math
import os

import altair as alt

from ..choices import choose
from .glue import SIGNIFICANT

__all__ = ["figure", "chart_html", "enable", "spell_out", "PALETTE", "THEME_NAME", "RENDERER_NAME"]

THEME_NAME = "casekit"
RENDERER_NAME = "casekit"

#: Okabe & Ito (2008) colour-blind-safe palette, black moved to the end.
PALETTE = [
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#D55E00",  # vermillion
    "#F0E442",  # yellow
    "#000000",  # black
]

_FONT = (
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, '
    '"Noto Sans", "Noto Sans CJK SC", "PingFang SC", "Hiragino Sans", '
    '"Apple SD Gothic Neo", "Microsoft YaHei", sans-serif'
)


def theme() -> dict:
    """The book's Altair theme: readable type, a colour-blind-safe palette."""
    ink, grey = "#1a1a1a", "#595959"  # both pass WCAG AA on white
    return {
        "config": {
            "background": "#ffffff",
            "padding": 8,
            "font": _FONT,
            "view": {"stroke": None, "continuousWidth": 560, "continuousHeight": 320},
            "title": {
                "anchor": "start",
                "fontSize": 16,
                "fontWeight": 600,
                "color": ink,
                "subtitleColor": grey,
                "subtitleFontSize": 13,
                "offset": 12,
            },
            "axis": {
                "labelColor": ink,
                "titleColor": ink,
                "labelFontSize": 12,
                "titleFontSize": 12,
                "titleFontWeight": 600,
                "gridColor": "#e6e6e6",
                "domainColor": grey,
                "tickColor": grey,
            },
            "legend": {"labelColor": ink, "titleColor": ink, "labelFontSize": 12, "titleFontSize": 12},
            "header": {"labelColor": ink, "titleColor": ink, "labelFontSize": 12},
            "range": {"category": PALETTE},
            "point": {"size": 80, "filled": True},
            "line": {"strokeWidth": 2.5},
            "text": {"color": ink, "fontSize": 12},
        }
    }


def figure(chart, *, title: str, description: str, source: str, subtitle: str | None = None):
    """Give a chart what every figure in the book carries.

    Parameters
    ----------
    chart : altair chart
    title : str
        The finding, in a sentence ("Asia-Pacific earns a third ...").
    description : str
        The text alternative: one or two sentences a screen reader reads in
        place of the picture. It should state what the chart shows and its
        main numbers.
    source : str
        Where the data come from, as printed under the chart: free text, or
        the name of a table in the book's data package (its publishers and
        file are then written out for you).
    subtitle : str, optional
        The measure and its unit.

    Returns
    -------
    The same chart with its title, description and source set.
    """
    for name, value in (("title", title), ("description", description), ("source", source)):
        if not isinstance(value, str) or not value.strip():
            raise ValueError(f"figure() needs a non-empty {name}; got {value!r}")
    source = _source_line(source)
    heading = alt.TitleParams(text=title, subtitle=subtitle) if subtitle else title
    return chart.properties(
        title=heading, description=description, usermeta={"casekit": {"source": source}}
    )


def _source_line(source: str) -> str:
    """A dataset name becomes 'Publisher: title (data/file.csv)'; text stays."""
    from .. import data

    if source not in data.datasets().index:
        return source
    res = data.describe(source)
    seen, parts = set(), []
    for s in res["sources"]:
        who = s.get("publisher", "")
        if who and who not in seen:
            seen.add(who)
            parts.append(who)
    return f"{'; '.join(parts)}. {res['title']}. Table data/{res['path']}."


def _digest(spec: dict) -> str:
    text = json.dumps(spec, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def _title_text(spec: dict) -> str:
    title = spec.get("title", "")
    if isinstance(title, dict):
        title = title.get("text", "")
    if isinstance(title, list):
        title = " ".join(title)
    return str(title)


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:,.6g}" if abs(value) < 1e15 else repr(value)
    return _html.escape(str(value))


def _table(rows: list[dict], caption: str) -> str:
    columns: list[str] = []
    for row in rows:
        for key in row:
            if key not in columns:
                columns.append(key)
    head = "".join(f'<th scope="col">{_html.escape(c)}</th>' for c in columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{_cell(row.get(c))}</td>" for c in columns) + "</tr>" for row in rows
    )
    return (
        f'<table class="casekit-table"><caption>{_html.escape(caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )


#: Datasets longer than this are tabulated in the browser, from the chart's own
#: data, when the reader opens the table: the page does not carry them twice.
INLINE_TABLE_ROWS = 60


def _table_or_placeholder(name: str, rows: list[dict], caption: str) -> str:
    if len(rows) <= INLINE_TABLE_ROWS:
        return _table(rows, caption)
    return (
        f'<div class="casekit-table-lazy" data-dataset="{_html.escape(name)}" '
        f'data-caption="{_html.escape(caption)}"><p>{len(rows):,} rows: the table is built from '
        "the chart's data when you open it.</p><noscript><p>Showing a table this long needs "
        "JavaScript.</p></noscript></div>"
    )


def _rounded(value, digits: int = SIGNIFICANT):
    """The spec with every float rounded to ``digits`` significant digits.

    The data behind a chart can differ in the last bits from one machine's
    BLAS to another's; rounded like glued numbers (``glue.SIGNIFICANT``),
    the page (and its id) is the same everywhere, and no reader needs more digits.

    >>> _rounded({"a": [1.3881465945020022, 2, "x"], "b": {"c": -0.09780856515028669}})
    {'a': [1.388146595, 2, 'x'], 'b': {'c': -0.09780856515}}
    """
    if isinstance(value, bool) or not isinstance(value, (float, dict, list, tuple)):
        return value
    if isinstance(value, float):
        return float(f"{value:.{digits}g}") if math.isfinite(value) else value
    if isinstance(value, dict):
        return {k: _rounded(v, digits) for k, v in value.items()}
    return [_rounded(v, digits) for v in value]


def _renamed_datasets(spec: dict) -> dict:
    """Name each dataset after its (rounded) rows, as Altair does after the raw rows.

    >>> spec = {"datasets": {"data-old": [{"x": 1.0}]}, "data": {"name": "data-old"}}
    >>> new = _renamed_datasets(spec)
    >>> list(new["datasets"]) == [new["data"]["name"]] and new["data"]["name"] != "data-old"
    True
    """
    datasets = spec.get("datasets") or {}
    if not datasets:
        return spec
    text = json.dumps(spec, sort_keys=True, ensure_ascii=False)
    for old, rows in datasets.items():
        digest = hashlib.sha256(json.dumps(rows, sort_keys=True).encode("utf-8")).hexdigest()[:32]
        text = text.replace(f'"{old}"', f'"data-{digest}"')
    renamed = json.loads(text)
    renamed["datasets"] = dict(sorted(renamed["datasets"].items()))  # order by the new names
    return renamed


def chart_html(spec: dict) -> str:
    """The offline HTML for one Vega-Lite spec (see the module docstring).

    Raises
    ------
    ValueError
        The spec has no ``description`` (its text alternative).
    """
    description = spec.get("description")
    if not description:
        raise ValueError(
            "every chart in the book needs a text alternative: wrap it in "
            "casekit.charts.figure(chart, title=..., description=..., source=...)"
        )
    spec = _renamed_datasets(_rounded(spec))
    key = _digest(spec)
    title = _title_text(spec) or "Chart"
    source = spec.get("usermeta", {}).get("casekit", {}).get("source", "")
    datasets = spec.get("datasets", {})
    tables = "".join(
        _table_or_placeholder(name, rows, f"Data for: {title}" + (f" (part {i + 1})" if len(datasets) > 1 else ""))
        for i, (name, rows) in enumerate(datasets.items())
    )
    spec_json = json.dumps(spec, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    spec_json = spec_json.replace("</", "<\\/")  # never close the script element early
    # The description is for screen readers (the drawing's aria-describedby);
    # sighted readers have the chart and, one click away, its data table.
    caption = f'<span class="casekit-alt visually-hidden">{_html.escape(description)}</span>'
    if source:
        caption += f'<span class="casekit-source">Source: {_html.escape(source)}</span>'
    return (
        f'<figure class="casekit-chart" id="fig-{key}">'
        f'<div class="casekit-vega" id="vis-{key}" aria-describedby="cap-{key}"></div>'
        f'<figcaption id="cap-{key}">{caption}</figcaption>'
        f'<details class="casekit-data"><summary>Data table: {_html.escape(title)}</summary>'
        f'<div class="casekit-table-wrap" tabindex="0" role="region" aria-label="Data table: {_html.escape(title)}">'
        f"{tables}</div></details>"
        f'<script type="application/json" class="casekit-spec">{spec_json}</script>'
        "</figure>"
    )


def _render(spec: dict, **metadata) -> dict:
    return {
        "text/html": chart_html(spec),
        "text/plain": f"Chart: {_title_text(spec)}. {spec.get('description', '')}",
    }


def register() -> None:
    """Make the book's theme and renderer known to Altair, without switching to them.

    ``import casekit`` calls this; it changes nothing a user sees.
    """
    if THEME_NAME not in alt.theme.names():
        alt.theme.register(THEME_NAME, enable=False)(theme)
    if RENDERER_NAME not in alt.renderers.names():
        alt.renderers.register(RENDERER_NAME, _render)


def enable(mode: str | None = None) -> str:
    """Switch to the book's chart theme, and for the book build to its renderer.

    Importing casekit changes neither Altair's theme nor its renderer (unless
    ``$CASEKIT_CHARTS`` is ``book``: the book build asks for it). A chapter
    calls this once, at its top, to draw with the book's theme.

    Parameters
    ----------
    mode : {"book", "default"}, optional
        ``"book"`` draws with the offline renderer; ``"default"`` with
        Altair's. Without it, ``book`` when ``$CASEKIT_CHARTS`` is ``book``;
        otherwise the renderer is left as it is.

    Returns
    -------
    str
        The renderer now in use.
    """
    if mode is not None:
        choose(mode, ("book", "default"), "chart mode")
    register()
    alt.theme.enable(THEME_NAME)
    if mode is None and os.environ.get("CASEKIT_CHARTS") == "book":
        mode = "book"
    if mode is not None:
        alt.renderers.enable(RENDERER_NAME if mode == "book" else "default")
    return alt.renderers.active


def spell_out(frame, label: str, value: str, fmt: str = "{}") -> str:
    """Spell a chart's values out as text, for its text alternative.

    >>> import pandas as pd
    >>> spell_out(pd.DataFrame({"k": ["a", "b"], "v": [1.25, 2.5]}), "k", "v", "{:.1f}")
    'a 1.2, b 2.5'
    """
    for col in (label, value):
        if col not in frame.columns:
            raise ValueError(f"no column {col!r}; the columns are {', '.join(map(str, frame.columns))}")
    return ", ".join(f"{lab} {fmt.format(val)}" for lab, val in zip(frame[label], frame[value]))
