#!/usr/bin/env python3
"""The review pages in a real browser: Debian's chromium + chromium-driver, driven by Selenium.

Starts `intake-server serve` on a fresh SQLite register and a free port, sets a staff password
with the CLI, then does what intake staff do: sign in; upload three forms (es, pt, fr) and a
hostile one; filter; open one; find a diagnostic highlighted on the line and column that
samples/*.expected.json give; ask for changes with a note; download the message for the city;
export the CSV; switch the interface to Spanish. `--screenshots DIR` also writes the list and
detail pages as PNG (make screenshots).

First of all it checks that chromedriver and chromium are the same version, and stops loudly
if not: a mismatch gives confusing session errors much later.
"""
import argparse
import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SERVER = ROOT / ".build" / "debug" / "intake-server"
USER, PASSWORD = "ana", "correct horse battery staple"


def fail(message):
    print(f"browser-check: FAIL: {message}", file=sys.stderr)
    sys.exit(1)


def check(condition, message):
    if not condition:
        fail(message)
    print(f"  ok  {message}")


def versions_match():
    def version(command):
        out = subprocess.run(command, capture_output=True, text=True).stdout
        found = re.search(r"(\d+\.\d+\.\d+\.\d+)", out)
        if not found:
            fail(f"cannot read a version from {' '.join(command)}: {out!r}")
        return found.group(1)
    browser = version(["chromium", "--version"])
    driver = version(["chromedriver", "--version"])
    if browser != driver:
        print(f"browser-check: chromium {browser} and chromedriver {driver} differ: "
              "install both from the same source (apt-get install chromium chromium-driver)", file=sys.stderr)
        sys.exit(2)
    print(f"chromium {browser} = chromedriver {driver}")
    return browser


def start_server(workdir):
    env = dict(os.environ, WWC_INTAKE_STAFF=str(workdir / "staff.json"))
    subprocess.run([str(SERVER), "staff", "password", USER, "--file", str(workdir / "staff.json")],
                   input=PASSWORD + "\n", text=True, check=True, env=env)
    log = open(workdir / "server.log", "w+")
    process = subprocess.Popen([str(SERVER), "serve", "--db", str(workdir / "register.sqlite"), "--port", "0"],
                               stdout=log, stderr=log, env=env, cwd=workdir)
    for _ in range(300):
        log.seek(0)
        found = re.search(r"listening on (http://[\d.]+:\d+)", log.read())
        if found:
            return process, found.group(1)
        if process.poll() is not None:
            break
        time.sleep(0.1)
    log.seek(0)
    fail(f"the server did not start:\n{log.read()}")


def expected_diagnostic(sample):
    """The first located diagnostic of a sample, from its .expected.json (not from the pages)."""
    expected = json.loads((ROOT / "samples" / sample).with_suffix(".expected.json").read_text())
    return next(d for d in expected["diagnostics"] if d.get("line") and d.get("column"))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--screenshots", type=Path, help="write list.png and detail.png here")
    args = parser.parse_args()
    versions_match()
    from selenium import webdriver
    from selenium.common.exceptions import NoAlertPresentException, WebDriverException
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select, WebDriverWait

    workdir = Path(tempfile.mkdtemp(prefix="intake-browser-"))
    downloads = workdir / "downloads"
    downloads.mkdir()
    process, base = start_server(workdir)
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium")
    for flag in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1440,1000",
                 "--lang=en-US", "--force-device-scale-factor=1"]:
        options.add_argument(flag)
    options.add_experimental_option("prefs", {"intl.accept_languages": "en-US,en",
                                              "download.default_directory": str(downloads)})
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
    driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})

    def css(selector):
        return driver.find_element(By.CSS_SELECTOR, selector)

    def navigate(element):
        """Clicks something that loads a page, and waits for the new page (no stale reads)."""
        # A mark on the old document's window: it is gone once the new document has loaded. (Selenium's
        # staleness_of polls an element that the navigation may detach mid-call, which chromedriver
        # sometimes reports as an inspector error rather than a stale element.)
        driver.execute_script("window.__intakeOldPage = true;")
        element.click()
        WebDriverWait(driver, 20, ignored_exceptions=(WebDriverException,)).until(lambda d: d.execute_script(
            "return document.readyState === 'complete' && window.__intakeOldPage === undefined;"))

    def downloaded(name_pattern):
        for _ in range(100):
            files = [f for f in downloads.iterdir() if re.fullmatch(name_pattern, f.name)]
            if files:
                return files[0].read_text(encoding="utf-8")
            time.sleep(0.1)
        fail(f"no download matching {name_pattern}: {[f.name for f in downloads.iterdir()]}")

    try:
        print(f"server {base}, register in {workdir}")
        # Sign in (a wrong password first).
        driver.get(base + "/ui/applications")
        check(driver.current_url.startswith(base + "/ui/sign-in"), "signed out, the list redirects to sign-in")
        css("#user").send_keys(USER)
        css("#password").send_keys("wrong")
        navigate(css("form[action='/ui/sign-in'] button"))
        check("not correct" in css(".error-box").text, "a wrong password is refused with a message")
        css("#user").clear()
        css("#user").send_keys(USER)
        css("#password").send_keys(PASSWORD)
        navigate(css("form[action='/ui/sign-in'] button"))
        check(driver.current_url.rstrip("/").endswith("/ui/applications"), "signed in, back on the list")
        cookie = driver.get_cookie("intake_session")
        check(cookie["httpOnly"] and cookie["sameSite"] == "Strict", "session cookie is HttpOnly, SameSite=Strict")

        # Upload three forms (es, pt, fr) and a hostile one in one go.
        hostile = workdir / "hostile.json"
        hostile.write_text(json.dumps({"Language": "en", "Submission date": "2024-03-01", "Applicant": {
            "City": "<script>alert('x')</script>\"Bad' \u202eytic", "Country": "US", "Population": 150000,
            "Contact": {"Contact name": "<img src=x onerror=alert(2)>", "Email": "data@example.org"}}}))
        forms = [ROOT / "samples/es/bogota.xml", ROOT / "samples/pt/recife.json", ROOT / "samples/fr/montreal.xml", hostile]
        driver.get(base + "/ui/upload")
        css("#files").send_keys("\n".join(str(f) for f in forms))
        navigate(css("#upload-submit"))
        results = driver.find_elements(By.CSS_SELECTOR, ".upload-results li")
        check(len(results) == 4, f"four upload results ({[r.text for r in results]})")
        check(all(r.find_elements(By.LINK_TEXT, f"Open the application {i + 1}") for i, r in enumerate(results)),
              "each form became an application with a link")

        # The list, then filters.
        driver.get(base + "/ui/applications")
        rows = driver.find_elements(By.CSS_SELECTOR, "table.applications tbody tr")
        check(len(rows) == 4, "four applications listed")
        check("<script>alert('x')</script>" in driver.find_element(By.CSS_SELECTOR, "table.applications").text,
              "the hostile city name is shown as text")
        check("\u202e" not in driver.find_element(By.CSS_SELECTOR, "table.applications").text,
              "its right-to-left override does not reach the page")
        try:
            driver.switch_to.alert
            fail("a script from the form ran")
        except NoAlertPresentException:
            print("  ok  no script from the form ran")
        check(not driver.find_elements(By.XPATH, "//td//script"), "no script element in the table")
        Select(css("#f-language")).select_by_value("es")
        navigate(css("#apply-filters"))
        rows = driver.find_elements(By.CSS_SELECTOR, "table.applications tbody tr")
        check(len(rows) == 1 and "Bogotá" in rows[0].text, f"language filter es: Bogotá only ({[r.text for r in rows]}, {driver.current_url})")
        if args.screenshots:
            args.screenshots.mkdir(parents=True, exist_ok=True)
            driver.get(base + "/ui/applications")
            driver.save_screenshot(str(args.screenshots / "list.png"))
            driver.get(base + "/ui/applications?language=es")
        navigate(driver.find_element(By.LINK_TEXT, "Bogotá"))

        # The diagnostic highlighted on its line, at its column.
        expected = expected_diagnostic("es/bogota.xml")
        line = driver.find_element(By.ID, f"L{expected['line']}")
        check("flagged" in line.get_attribute("class"), f"line {expected['line']} is flagged ({expected['code']})")
        mark = line.find_element(By.CSS_SELECTOR, "mark")
        before = driver.execute_script(
            "const code = arguments[0].querySelector('.code'); const range = document.createRange();"
            "range.setStart(code, 0); range.setEndBefore(arguments[1]); return range.toString();", line, mark)
        check(len(before) == expected["column"] - 1, f"the mark starts at column {expected['column']}")
        check(len(driver.find_elements(By.CSS_SELECTOR, ".line.flagged")) == 1, "no other line is flagged")
        check(f"line {expected['line']}, column {expected['column']}" in css(".diagnostics").text,
              "the diagnostic list gives its line and column")
        detail_url = driver.current_url

        # needs_changes: refused without a note, then with one.
        Select(css("#review-state")).select_by_value("needs_changes")
        navigate(css("#review-form button"))
        check("note is required" in css(".error-box").text, "needs_changes without a note is refused")
        Select(css("#review-state")).select_by_value("needs_changes")
        css("#review-note").send_keys("Por favor confirmen la fecha de envío.")
        navigate(css("#review-form button"))
        check(css("#current-state").text == "Needs changes", "the state is Needs changes")
        check("Por favor confirmen la fecha de envío." in css(".timeline").text, "the note is in the timeline")
        if args.screenshots:
            # The flagged line in view inside the source box, the page at its top.
            driver.execute_script("const line = document.querySelector('.line.flagged');"
                                  "line.closest('pre').scrollTop = line.offsetTop - 120; window.scrollTo(0, 0);")
            driver.save_screenshot(str(args.screenshots / "detail.png"))

        # The message for the city, downloaded: in Spanish, the form's language.
        css("#download-message").click()
        message = downloaded(r"application-\d+-v1-message\.txt")
        check("Estimado equipo de Bogotá:" in message, "the message greets the city in Spanish")
        check(f"Línea {expected['line']}, columna {expected['column']}:" in message, "it gives the problem's line and column")
        check("Por favor confirmen la fecha de envío." in message, "it repeats the reviewer's note")

        # The CSV export of the filtered list.
        driver.get(base + "/ui/applications?state=needs_changes")
        rows = driver.find_elements(By.CSS_SELECTOR, "table.applications tbody tr")
        check(len(rows) == 1, "filter state=needs_changes: one application")
        css("#export-csv").click()
        table = list(csv.DictReader(io.StringIO(downloaded(r"applications\.csv"))))
        check(len(table) == 1, f"the CSV has the one filtered application ({len(table)} rows)")
        check("Bogotá" in json.dumps(table[0], ensure_ascii=False) and "needs_changes" in table[0].values(),
              "its row names Bogotá and the state code")

        # Switch the interface to Spanish.
        driver.get(detail_url)
        navigate(driver.find_element(By.CSS_SELECTOR, ".languages a[lang='es']"))
        check(css("html").get_attribute("lang") == "es", "the page is in Spanish")
        check(css("#current-state").text == "Requiere cambios", "the state label is Spanish")
        driver.get(base + "/ui/applications")
        check(css("h1").text.startswith("Solicitudes"), "the list heading is Spanish and stays so")
    finally:
        driver.quit()
        process.terminate()
        process.wait(timeout=10)
    shutil.rmtree(workdir, ignore_errors=True)
    print("browser-check: all passed")


if __name__ == "__main__":
    main()
