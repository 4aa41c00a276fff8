"""What a reader does on the built site, in Chromium: search, explore, cite, read charts.

Every test also checks (in its fixture) that the page logged no console error and sent
no request beyond the local server.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from surveyatlas.bench.site_weight import RESULTS_SHOWN

from .conftest import Watch, screenshot

pytestmark = pytest.mark.browser
Tab = tuple[Any, Watch]
KEY_PAGES = [
    "",
    "search/?q=QLoRA",
    "explore/?survey=mm-llms",
    "papers/qlora/",
    "papers/gemini/",
    "surveys/mm-llms/",
    "timeline/",
    "stats/",
    "new/",
    "downloads/",
]


def results(page: Any) -> list[str]:
    page.wait_for_function(RESULTS_SHOWN)
    return page.locator(".sa-result__title").all_inner_texts()


def test_search_for_qlora_lands_on_its_paper(desktop: Tab, server: str) -> None:
    page, _ = desktop
    page.goto(server)
    page.get_by_role("searchbox", name="Search papers").fill("QLoRA")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q=QLoRA$"))
    titles = results(page)
    assert titles[0] == "QLoRA: Efficient Finetuning of Quantized LLMs"
    meta = page.locator(".sa-result__meta").first.inner_text()
    assert "2023" in meta and "Survey of LLMs" in meta
    screenshot(page, "search-qlora")
    page.locator(".sa-result__title").first.click()
    page.wait_for_url(re.compile(r"/papers/qlora/$"))
    assert page.locator("h1").inner_text() == "QLoRA: Efficient Finetuning of Quantized LLMs"
    screenshot(page, "paper-qlora", full_page=True)


@pytest.mark.parametrize(
    "query", ["Dettmers", "2305.14314", "quantization", "University of Washington", "Quantized"]
)
def test_search_finds_a_paper_by_author_id_tag_or_organisation(
    desktop: Tab, server: str, query: str
) -> None:
    page, _ = desktop
    page.goto(f"{server}search/?q={query}")
    assert "QLoRA: Efficient Finetuning of Quantized LLMs" in all_results(page)


def all_results(page: Any, pages: int = 10) -> list[str]:
    """Every result title, pressing "Show more" (at most ``pages`` times)."""
    titles = results(page)
    more = page.locator(".sa-more")
    for _ in range(pages):
        if not more.is_visible():
            break
        count = len(titles)
        more.click()
        page.wait_for_function(f"document.querySelectorAll('.sa-result').length > {count}")
        titles = page.locator(".sa-result__title").all_inner_texts()
    return titles


def selected(page: Any) -> dict[str, str]:
    return page.eval_on_selector_all(
        ".sa-filters select, .sa-filters input",
        "els => Object.fromEntries(els.map(e => [e.name, e.value]))",
    )


def test_explore_filters_live_in_the_url(desktop: Tab, server: str) -> None:
    page, _ = desktop
    page.goto(f"{server}explore/")
    everything = results(page)
    assert len(everything) == 20  # the first page of results
    page.select_option("#sa-f-survey", "mm-llms")
    page.select_option("#sa-f-from", "2023")
    page.select_option("#sa-f-to", "2023")
    page.select_option("#sa-f-sort", "title-asc")
    page.wait_for_url(re.compile(r"survey=mm-llms.*from=2023.*to=2023.*sort=title-asc"))
    filtered = results(page)
    assert filtered and filtered == sorted(filtered, key=str.casefold)
    years = page.locator(".sa-result__meta").all_inner_texts()
    assert all(m.startswith("2023") and "MM-LLMs" in m for m in years)
    state, url = selected(page), page.url
    screenshot(page, "explore-filtered")

    page.reload()
    assert results(page) == filtered
    assert selected(page) == state

    shared = page.context.new_page()
    shared.goto(url)
    assert results(shared) == filtered and selected(shared) == state
    shared.close()


def test_explore_has_code_and_organisation_filters(desktop: Tab, server: str) -> None:
    page, _ = desktop
    page.goto(f"{server}explore/?org=University+of+Washington&code=yes")
    assert "QLoRA: Efficient Finetuning of Quantized LLMs" in results(page)
    page.goto(f"{server}explore/?org=University+of+Washington&code=no")
    assert "QLoRA: Efficient Finetuning of Quantized LLMs" not in results(page)


def test_copy_bibtex_with_the_keyboard(desktop: Tab, server: str) -> None:
    page, _ = desktop
    page.goto(f"{server}papers/qlora/")
    button = page.get_by_role("button", name="Copy BibTeX")
    button.focus()
    page.keyboard.press("Enter")
    page.get_by_role("status").filter(has_text="Copied").wait_for()
    copied = page.evaluate("navigator.clipboard.readText()")
    entry = page.locator("#bibtex-qlora").inner_text()
    assert copied.strip() == entry.strip()
    assert copied.startswith("@") and "title         = {QLoRA" in copied


def test_dark_mode_toggle(desktop: Tab, server: str) -> None:
    page, _ = desktop
    page.goto(f"{server}stats/")
    assert page.locator("body").get_attribute("data-md-color-scheme") == "default"
    page.get_by_title("Switch to dark mode").click()
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
    fill = page.eval_on_selector("#chart-venues text", "e => getComputedStyle(e).fill")
    background = page.eval_on_selector("body", "e => getComputedStyle(e).backgroundColor")
    assert fill != background
    screenshot(page, "stats-dark", full_page=True)
    page.goto(f"{server}timeline/")
    screenshot(page, "timeline-dark", full_page=True)


def test_timeline_and_stats_show_their_charts(desktop: Tab, server: str) -> None:
    page, _ = desktop
    page.goto(f"{server}timeline/")
    chart = page.get_by_role("img", name="Papers by month in each survey")
    assert chart.is_visible() and chart.bounding_box()["height"] > 100
    assert page.locator("#timeline-all circle").count() > 10
    assert page.locator("#timeline-all .sa-viz__name").count() > 5
    screenshot(page, "timeline", full_page=True)
    page.goto(f"{server}stats/")
    for name in (
        "Papers per year in each survey",
        "Top venues",
        "Top organisations",
        "Papers shared by each pair of surveys",
    ):
        assert page.get_by_role("img", name=name).is_visible()
    page.get_by_text("Top venues: table").click()
    assert page.locator("details[open] table tbody tr").count() > 3
    screenshot(page, "stats", full_page=True)


@pytest.mark.parametrize("path", KEY_PAGES)
def test_phone_has_no_horizontal_scroll(phone: Tab, server: str, path: str) -> None:
    page, _ = phone
    page.goto(server + path)
    page.wait_for_load_state("networkidle")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"{path or 'home'} is {width}px wide"
    screenshot(page, "phone-" + (path.split("?")[0].strip("/").replace("/", "-") or "home"))


def axe_script() -> Path:
    try:
        import axe_playwright_python
    except ImportError:
        pytest.skip("axe-playwright-python (which bundles axe-core) is not installed")
    return Path(axe_playwright_python.__file__).parent / "axe.min.js"


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", KEY_PAGES)
def test_no_serious_accessibility_violations(
    desktop: Tab, server: str, path: str, scheme: str
) -> None:
    page, _ = desktop
    page.emulate_media(color_scheme=scheme)
    page.goto(server + path)
    page.wait_for_load_state("networkidle")
    page.add_script_tag(path=str(axe_script()))
    report = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:5]}"
        for v in report["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert not serious, "\n".join(serious)


def test_survey_facets_link_the_paper_page_to_explore(desktop: Tab, server: str) -> None:
    page, _ = desktop
    page.goto(f"{server}papers/gemini/")
    facets = page.get_by_label("Survey facets")
    assert "Input modalities" in facets.inner_text() and "End-to-end" in facets.inner_text()
    facets.get_by_role("link", name="Video").click()
    page.wait_for_url(re.compile(r"/explore/\?mm-llms%2Finput=video$"))
    assert "Gemini: A Family of Highly Capable Multimodal Models" in results(page)
    assert page.get_by_label("Input modalities (MM-LLMs)").input_value() == "video"
    page.get_by_label("Input modalities (MM-LLMs)").select_option("point-cloud")
    found = results(page)
    assert "Gemini: A Family of Highly Capable Multimodal Models" not in found
    assert any(title.startswith("3D-LLM") for title in found)
