"""The workbench in a real headless browser (Debian's chromium through chromium-driver and
Selenium), over a real broker: the consumer reads the flags topic, case changes go to the cases topic.

Screenshots of the main pages are saved as test artefacts (PRECWATCH_TEST_ARTIFACTS, default
test-artifacts/workbench in the repository); docs/images holds two of them for the README.
"""

from __future__ import annotations

import base64
import io
import os
import shutil
import time
import uuid
from pathlib import Path

import orjson
import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pipeline.settings import Settings
from tests.workbench.conftest import example_flags, example_follow_ups
from tests.workbench.test_consumer import publish
from workbench import auth
from workbench.models import FlagRecord

PASSWORD = "correct horse battery"
# Each wait below ends as soon as what it waits for is there; the bounds only turn something that never
# comes into a failure, and are generous because a loaded 2-core machine is slow to start a consumer
# or render a page, not because anything should take that long.
CONSUMER_WAIT_S = 180
ELEMENT_WAIT_S = 20
PAGE_WAIT_S = 60
ARTIFACTS = (
    Path(os.environ.get("PRECWATCH_TEST_ARTIFACTS", Path(__file__).resolve().parents[2] / "test-artifacts"))
    / "workbench"
)


def chromium_driver_path() -> str:
    path = shutil.which("chromedriver") or "/usr/bin/chromedriver"
    if not Path(path).exists():
        raise RuntimeError(
            "chromium-driver is not installed: tests/run.sh installs Debian's chromium and chromium-driver"
        )
    return path


@pytest.fixture(scope="module")
def running(broker_url, tmp_path_factory):
    from devtools.local import free_port, isolated_env
    from streaming.kafka import ensure_topics
    from workbench.server import open_store, start_workbench

    tag = uuid.uuid4().hex[:8]
    settings = Settings.from_env(isolated_env(broker_url, tag)).model_copy(
        update={
            "web_port": free_port(),
            "web_db": f"sqlite:///{tmp_path_factory.mktemp('web') / 'wb.db'}",
            "web_worker_urls": "http://127.0.0.1:9",
        }
    )
    ensure_topics(settings)
    engine = open_store(settings)
    with Session(engine) as session, session.begin():
        auth.add_user(session, "ian", PASSWORD, "investigator")
        auth.add_user(session, "vera", PASSWORD, "viewer")
    # The follow-up flags of the same stream too, as the demo's worker publishes them.
    flags = [*example_flags(), *example_follow_ups()]
    publish(settings, settings.topic_flags, [(f["declaration_id"], orjson.dumps(f)) for f in flags])
    workbench = start_workbench(settings, engine)
    deadline = time.monotonic() + CONSUMER_WAIT_S
    while time.monotonic() < deadline:
        with Session(engine) as session:
            if session.scalar(select(func.count()).select_from(FlagRecord)) == len(flags):
                break
        time.sleep(0.2)
    else:
        pytest.fail(f"the workbench's consumer did not store the published flags within {CONSUMER_WAIT_S} s")
    yield workbench, flags
    workbench.stop()


@pytest.fixture(scope="module")
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1100"):
        options.add_argument(argument)
    # The driver is Debian's, of the browser's own version: Selenium Manager never downloads one.
    driver = webdriver.Chrome(service=Service(executable_path=chromium_driver_path()), options=options)
    driver.implicitly_wait(ELEMENT_WAIT_S)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    yield driver
    driver.quit()


def submit(driver, element) -> None:
    """Click a button that loads a new page, and wait until the new page is there (a click returns
    before the navigation has finished)."""
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    old_page = driver.find_element(By.TAG_NAME, "html")
    element.click()
    # Asked about the old page while it is being torn down, chromedriver can answer with an "inspector
    # error" instead of "stale element": that is the navigation under way, so ask again.
    WebDriverWait(driver, PAGE_WAIT_S, ignored_exceptions=(WebDriverException,)).until(
        expected_conditions.staleness_of(old_page)
    )
    WebDriverWait(driver, PAGE_WAIT_S).until(lambda d: d.execute_script("return document.readyState") == "complete")


def shot(driver, name: str) -> None:
    driver.save_screenshot(str(ARTIFACTS / f"{name}.png"))


def log_in(driver, base: str, username: str) -> None:
    from selenium.webdriver.common.by import By

    driver.get(base + "/login")
    driver.find_element(By.ID, "username").send_keys(username)
    driver.find_element(By.ID, "password").send_keys(PASSWORD)
    submit(driver, driver.find_element(By.ID, "login"))
    assert driver.current_url.endswith("/flags")


def log_out(driver) -> None:
    from selenium.webdriver.common.by import By

    submit(driver, driver.find_element(By.ID, "logout"))
    assert "/login" in driver.current_url


def unmasking_flag(flags) -> dict:
    return next(f for f in flags if f["severity"] == "critical" and any(m["path"] for m in f["matches"]))


def test_an_investigator_lists_filters_opens_searches_triages_exports_and_logs_out(running, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    workbench, flags = running
    base = workbench.url
    log_in(browser, base, "ian")
    rows = browser.find_elements(By.CSS_SELECTOR, "table.flags tbody tr")
    assert len(rows) == min(50, len(flags))
    shot(browser, "flags")

    # Filter: critical, by unmasking.
    browser.find_element(By.CSS_SELECTOR, "input[name=severity][value=critical]").click()
    Select(browser.find_element(By.ID, "method")).select_by_visible_text("unmasking")
    submit(browser, browser.find_element(By.ID, "apply"))
    shown = browser.find_elements(By.CSS_SELECTOR, "table.flags tbody tr")
    expected = [
        f for f in flags if f["severity"] == "critical" and any(m["method"] == "unmasking" for m in f["matches"])
    ]
    assert len(shown) == len(expected) > 0
    assert all("critical" in r.find_element(By.CSS_SELECTOR, ".sev").text.lower() for r in shown)

    # Open a flag: its structure picture is loaded and drawn.
    flag = unmasking_flag(flags)
    browser.get(f"{base}/flags/{flag['flag_id']}")
    picture = browser.find_element(By.ID, "structure")
    assert browser.execute_script("return arguments[0].complete && arguments[0].naturalWidth", picture) > 0
    steps = browser.find_elements(By.CSS_SELECTOR, "img.reaction")
    assert steps and all(browser.execute_script("return arguments[0].naturalWidth", s) > 0 for s in steps)
    shot(browser, "flag")

    # Search a substance by name, then open its substance page.
    browser.get(base + "/flags")
    box = browser.find_element(By.ID, "q")
    box.send_keys(flag["substance"]["name"].split("-")[-1])
    submit(browser, browser.find_element(By.ID, "apply"))
    links = [a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, "a.flag-link")]
    assert any(link.endswith(flag["flag_id"]) for link in links)
    browser.get(f"{base}/substances?key={flag['substance']['inchikey']}")
    assert flag["substance"]["name"] in browser.find_element(By.ID, "names").text
    shot(browser, "substance")

    # Triage: assign to self, then dismiss with a reason; the timeline shows both.
    browser.get(f"{base}/flags/{flag['flag_id']}")
    Select(browser.find_element(By.ID, "case-action")).select_by_value("assign")
    Select(browser.find_element(By.ID, "case-assignee")).select_by_visible_text("ian")
    submit(browser, browser.find_element(By.ID, "case-submit"))
    assert browser.find_element(By.ID, "case-status").text == "assigned"
    Select(browser.find_element(By.ID, "case-action")).select_by_value("dismiss")
    Select(browser.find_element(By.ID, "case-reason")).select_by_value("legitimate_trade")
    browser.find_element(By.ID, "case-comment").send_keys("licensed importer, licence checked")
    submit(browser, browser.find_element(By.ID, "case-submit"))
    assert browser.find_element(By.ID, "case-status").text == "dismissed"
    timeline = browser.find_element(By.ID, "timeline").text
    assert "assign" in timeline and "dismiss" in timeline and "licence checked" in timeline
    shot(browser, "case")

    # Export the filtered list: the browser fetches the CSV link with its session.
    browser.get(base + "/flags?severity=critical")
    href = browser.find_element(By.ID, "export-csv").get_attribute("href")
    csv_text = browser.execute_async_script(
        "const done = arguments[arguments.length - 1]; fetch(arguments[0]).then(r => r.text()).then(done);", href
    )
    lines = csv_text.strip().splitlines()
    assert lines[0].startswith("flag_id,occurred_at,severity")
    assert len(lines) - 1 == sum(1 for f in flags if f["severity"] == "critical")
    # The same selection as a workbook: fetched as bytes (base64 through the script bridge), read back.
    href = browser.find_element(By.ID, "export-xlsx").get_attribute("href")
    encoded = browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "fetch(arguments[0]).then(r => r.blob()).then(b => { const f = new FileReader();"
        " f.onload = () => done(f.result.split(',')[1]); f.readAsDataURL(b); });",
        href,
    )
    sheet = load_workbook(io.BytesIO(base64.b64decode(encoded)), read_only=True)["flags"]
    assert [row[2] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["critical"] * (len(lines) - 1)

    browser.get(base + "/operations")
    shot(browser, "operations")
    log_out(browser)
    browser.get(base + "/flags")
    assert "/login" in browser.current_url


def test_a_viewer_sees_a_flag_but_cannot_triage(running, browser):
    from selenium.webdriver.common.by import By

    workbench, flags = running
    base = workbench.url
    flag = unmasking_flag(flags)
    log_in(browser, base, "vera")
    browser.get(f"{base}/flags/{flag['flag_id']}")
    assert browser.find_element(By.ID, "no-triage").is_displayed()
    browser.implicitly_wait(0)  # an absent element is the expected answer: no need to wait for it
    try:
        assert not browser.find_elements(By.ID, "case-form")
    finally:
        browser.implicitly_wait(ELEMENT_WAIT_S)
    # Posting anyway, with the session's own CSRF token, is refused by the server.
    token = browser.find_element(By.CSS_SELECTOR, "input[name=csrf_token]").get_attribute("value")
    status = browser.execute_async_script(
        """const done = arguments[arguments.length - 1];
        fetch(arguments[0], {method: 'POST', body: new URLSearchParams({action: 'acknowledge', csrf_token: arguments[1]})})
          .then(r => done(r.status));""",
        f"{base}/flags/{flag['flag_id']}/case",
        token,
    )
    assert status == 403

    # A follow-up row says what it found; its page leads to the item's own flag.
    split = next(
        f
        for f in flags
        if f.get("follow_up_of") and f["signals"][0]["code"] == "SPLIT_SHIPMENT" and "(consignee" in f["summary"]
    )
    browser.get(f"{base}/flags?signal=SPLIT_SHIPMENT")
    row = next(
        r
        for r in browser.find_elements(By.CSS_SELECTOR, "table.flags tbody tr")
        if r.find_element(By.CSS_SELECTOR, "a.flag-link").get_attribute("href").endswith(split["flag_id"])
    )
    assert "follow-up: split shipment: 3 consignments of Phenylacetic acid (watchlist entry)" in row.text
    submit(browser, row.find_element(By.CSS_SELECTOR, "a.flag-link"))
    submit(browser, browser.find_element(By.ID, "follows-up"))
    assert browser.current_url.endswith(f"/flags/{split['follow_up_of']}")
    log_out(browser)
