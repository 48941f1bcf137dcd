"""Screenshots of the main pages at phone and desktop widths, saved under tests/artifacts/browser/.

Look at them after a layout change; the test itself asserts only that nothing scrolls sideways.
"""

from __future__ import annotations

import pytest

from .support import SHOWCASE, Browse, Site, screenshot_path, showcase_path

WIDTHS = {"mobile": (375, 812), "desktop": (1280, 800)}


@pytest.mark.parametrize("device", list(WIDTHS))
@pytest.mark.parametrize("name", SHOWCASE)
def test_screenshot_without_horizontal_scrolling(name: str, device: str, served_shipped: Site, browse: Browse) -> None:
    width, height = WIDTHS[device]
    page = browse.open(served_shipped.url(showcase_path(served_shipped, name)), width=width, height=height)
    page.screenshot(path=screenshot_path(f"{name}-{device}"), full_page=True)
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width, f"{name} scrolls sideways at {width}px: {scroll_width}px wide"
