"""casekit.charts: the offline renderer's output, the theme, the figure rules."""

from __future__ import annotations

import json
import re

import altair as alt
import pandas as pd
import pytest

from casekit.viz import charts


def _chart(**kw):
    df = pd.DataFrame({"region": ["A", "B"], "value": [1.5, 2.25]})
    base = alt.Chart(df).mark_bar().encode(x="value:Q", y="region:N")
    args = dict(title="B is bigger", description="Two bars: A 1.5, B 2.25.", source="Made-up figures.")
    args.update(kw)
    return charts.figure(base, **args)


def test_output_is_deterministic_and_self_contained():
    spec = _chart().to_dict()
    html = charts.chart_html(spec)
    assert html == charts.chart_html(_chart().to_dict())
    # nothing to load: no script or link with a source, no CDN (the $schema URL is only a name)
    assert not re.search(r"(src|href)=", html)
    assert "cdn" not in html.lower()
    key = re.search(r'id="vis-([0-9a-f]{12})"', html).group(1)
    assert f'aria-describedby="cap-{key}"' in html and f'id="cap-{key}"' in html


def test_spec_round_trips_and_script_cannot_break_out():
    chart = _chart(description="A </script> tag in text must not end the element.")
    html = charts.chart_html(chart.to_dict())
    payload = re.search(r'<script type="application/json" class="casekit-spec">(.*?)</script>', html, re.S).group(1)
    assert json.loads(payload)["description"].startswith("A </script>")


def test_text_alternative_and_data_table_are_in_the_output():
    html = charts.chart_html(_chart().to_dict())
    assert "Two bars: A 1.5, B 2.25." in html
    assert '<th scope="col">region</th>' in html and "<td>2.25</td>" in html
    assert "<summary>Data table: B is bigger</summary>" in html
    assert "Source: Made-up figures." in html


def test_a_chart_without_a_text_alternative_is_refused():
    spec = alt.Chart(pd.DataFrame({"x": [1]})).mark_point().encode(x="x").to_dict()
    with pytest.raises(ValueError, match="text alternative"):
        charts.chart_html(spec)


@pytest.mark.parametrize("field", ["title", "description", "source"])
def test_figure_requires_title_description_and_source(field):
    with pytest.raises(ValueError, match=f"non-empty {field}"):
        _chart(**{field: "  "})


def test_a_dataset_name_as_source_becomes_its_publishers_and_file():
    spec = _chart(source="cultural_times_regions").to_dict()
    source = spec["usermeta"]["casekit"]["source"]
    assert source.startswith("EY for CISAC") and "data/cultural_times_regions.csv" in source


def test_renderer_modes(monkeypatch):
    monkeypatch.setenv("CASEKIT_CHARTS", "book")
    assert charts.enable() == "casekit"
    bundle = _chart()._repr_mimebundle_()
    bundle = bundle[0] if isinstance(bundle, tuple) else bundle
    assert 'class="casekit-chart"' in bundle["text/html"]
    assert bundle["text/plain"].startswith("Chart: B is bigger.")
    assert charts.enable("default") == "default"
    with pytest.raises(ValueError, match="unknown chart mode 'pdf'"):
        charts.enable("pdf")
    charts.enable("book")


def test_theme_uses_the_colour_blind_safe_palette():
    assert charts.theme()["config"]["range"]["category"] == charts.PALETTE
    assert len(set(charts.PALETTE)) == 8


def test_long_datasets_are_tabulated_in_the_browser_not_written_twice():
    df = pd.DataFrame({"year": range(2000, 2000 + charts.INLINE_TABLE_ROWS + 1), "v": 1.5})
    chart = charts.figure(alt.Chart(df).mark_line().encode(x="year:Q", y="v:Q"),
                          title="Flat", description="A flat line.", source="Made up.")
    html = charts.chart_html(chart.to_dict())
    assert "<tbody>" not in html and 'class="casekit-table-lazy"' in html
    assert f"{charts.INLINE_TABLE_ROWS + 1} rows" in html and "<noscript>" in html


@pytest.mark.parametrize("book", [False, True])
def test_importing_casekit_leaves_altair_alone_unless_the_book_build_asks(book):
    import os
    import subprocess
    import sys

    code = (
        "import altair as alt; alt.renderers.enable('html'); alt.theme.enable('dark'); "
        "import casekit; print(alt.renderers.active, alt.theme.active); "
        "casekit.charts.enable(); print(alt.renderers.active, alt.theme.active)"
    )
    env = {k: v for k, v in os.environ.items() if k != "CASEKIT_CHARTS"}
    if book:
        env["CASEKIT_CHARTS"] = "book"
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    after_import, after_enable = out.stdout.split("\n")[:2]
    if book:
        assert after_import == after_enable == "casekit casekit"
    else:
        assert after_import == "html dark"  # the user's choices survive the import
        assert after_enable == "html casekit"  # enable() sets the theme, keeps the renderer
