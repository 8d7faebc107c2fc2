"""The compose page end to end: the real server and Debian's headless Chromium via Selenium.

Needs `apt-get install chromium chromium-driver` and `pip install selenium`; skipped
(with the reason) where they are missing. Nothing is downloaded: the driver path is
given explicitly, so Selenium Manager never runs. Set REPLYLINT_SCREENSHOT_DIR to keep
a screenshot of the page.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from linter.service.launch import RunningServer, serve

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")

webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not (CHROMIUM.exists() and CHROMEDRIVER.exists()),
                       reason="needs Debian's chromium and chromium-driver in /usr/bin"),
]

from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.action_chains import ActionChains  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

DRAFT = "Please give us a call at 1-800-555-0100 to assist you further."
CHROMIUM_FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                  "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                  "--window-size=1280,900")


def has_rule(code: str) -> bool:
    from rules import find_rule

    return find_rule(code) is not None


HAS_PHONE_RULE = has_rule("DFL001")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    # The team blocks unsigned replies; a bare phone number is a warning to confirm.
    config = tmp_path_factory.mktemp("team") / "replylint.toml"
    select = ["PLH", "SIG", "DFL001"] if HAS_PHONE_RULE else ["PLH", "SIG"]
    lines = [f"select = {select!r}".replace("'", '"'), "[presend]", 'block = ["SIG001"]']
    if HAS_PHONE_RULE:
        lines += ["[severity]", 'DFL001 = "warning"']
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with serve(["--config", str(config)]) as running:
        yield running


@pytest.fixture
def browser() -> Iterator[Any]:
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    profile = tempfile.mkdtemp(prefix="replylint-chromium-")
    for flag in (*CHROMIUM_FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def wait_for(driver: Any, condition: Any, timeout: float = 15) -> Any:
    return WebDriverWait(driver, timeout).until(lambda d: condition(d))


def marks(driver: Any) -> set[str]:
    return {mark.get_attribute("data-code")
            for mark in driver.find_elements(By.CSS_SELECTOR, "#highlights mark")}


def verdict(driver: Any) -> str:
    return driver.find_element(By.ID, "verdict").get_attribute("data-verdict") or ""


def test_draft_is_highlighted_fixed_and_the_verdict_changes(server: RunningServer,
                                                            browser: Any) -> None:
    browser.get(server.url + "/")
    browser.find_element(By.ID, "agent").send_keys("^JD")
    browser.find_element(By.ID, "customer").send_keys("My parcel never arrived, where is it?")
    draft = browser.find_element(By.ID, "draft")
    draft.send_keys(DRAFT)

    expected = {"SIG001", "DFL001"} if HAS_PHONE_RULE else {"SIG001"}
    wait_for(browser, lambda d: expected <= marks(d) and d.find_element(By.ID, "draft")
             .get_attribute("value") == DRAFT)
    wait_for(browser, lambda d: verdict(d) == "block")
    if HAS_PHONE_RULE:
        # The mark covers the words the rule flags, at their place in the draft.
        phone = browser.find_element(By.CSS_SELECTOR, '#highlights mark[data-code="DFL001"]')
        flagged_words = phone.get_attribute("textContent") or ""
        assert flagged_words and flagged_words in DRAFT

    # Hovering a flagged word shows the rule's message.
    flagged = browser.find_element(By.CSS_SELECTOR, '#highlights mark[data-code="SIG001"]')
    ActionChains(browser).move_to_element(flagged).perform()
    tooltip = browser.find_element(By.ID, "tooltip")
    wait_for(browser, lambda d: tooltip.is_displayed() and "SIG001" in tooltip.text)
    assert "sign-off" in tooltip.text
    _screenshot(browser, "compose-hover.png")

    browser.find_element(By.ID, "send").click()
    outcome = browser.find_element(By.ID, "outcome")
    wait_for(browser, lambda d: outcome.get_attribute("data-verdict") == "block")
    assert "SIG001" in outcome.text
    _screenshot(browser, "compose-blocked.png")

    browser.find_element(By.CSS_SELECTOR, 'button.fix[data-code="SIG001"]').click()
    wait_for(browser, lambda d: d.find_element(By.ID, "draft").get_attribute("value")
             == DRAFT + " ^JD")
    after = "confirm" if HAS_PHONE_RULE else "send"
    wait_for(browser, lambda d: verdict(d) == after and "SIG001" not in marks(d))
    if HAS_PHONE_RULE:
        assert "DFL001" in marks(browser)

    browser.find_element(By.ID, "send").click()
    wait_for(browser, lambda d: outcome.get_attribute("data-verdict") == after)
    _screenshot(browser, "compose-fixed.png")


def _screenshot(driver: Any, name: str) -> None:
    folder = os.environ.get("REPLYLINT_SCREENSHOT_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        driver.save_screenshot(str(Path(folder) / name))


def test_page_uses_a_token_from_the_url_fragment_and_explains_a_missing_one(browser: Any) -> None:
    with serve(env={"REPLYLINT_TOKEN": "desk-secret"}) as server:
        browser.get(server.url + "/")
        status = browser.find_element(By.ID, "status")
        wait_for(browser, lambda d: "needs a token" in status.text)

        browser.get(server.url + "/#token=desk-secret")
        browser.find_element(By.ID, "draft").send_keys("Hi [Customer Name], it ships today.")
        wait_for(browser, lambda d: "PLH001" in marks(d))
        assert status.text == ""
        assert "desk-secret" not in browser.current_url  # taken out of the address bar
