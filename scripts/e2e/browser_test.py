"""End-to-end test of `report-search serve` in a real browser (headless Chromium).

Usage: /usr/bin/python3 scripts/e2e/browser_test.py BASE_URL WORK_DIR
Types a query, sees marked hits, clicks a year facet, opens a preview, goes to the next
hit, downloads the CSV and reads it back. Screenshots go to WORK_DIR (search.png,
preview.png). Exits non-zero with a message on the first failed check.
"""
import csv
import os
import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

QUERY = "合法性审查"
COLUMNS = "rank,score,path,title,date,agency,section,line_start,line_end,page,copies,snippet".split(",")


def check(condition, message):
    if not condition:
        raise AssertionError(message)
    print("ok:", message)


def main(base, work):
    downloads = os.path.join(work, "downloads")
    os.makedirs(downloads, exist_ok=True)
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000", "--lang=zh-CN"):
        options.add_argument(arg)
    options.add_experimental_option("prefs", {"download.default_directory": downloads,
                                              "download.prompt_for_download": False})
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    wait = WebDriverWait(driver, 20)
    try:
        # Type a query; see marked hits.
        driver.get(base + "/")
        box = wait.until(EC.presence_of_element_located((By.ID, "q")))
        box.send_keys(QUERY + Keys.ENTER)
        wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, ".snippet mark")))
        marks = [m.text for m in driver.find_elements(By.CSS_SELECTOR, ".snippet mark")]
        # Other marks may be the Traditional form (合法性審查) or a relaxed hit's words.
        check(len(marks) > 0 and marks[0] == QUERY, f"{len(marks)} marks, the first is {QUERY}")
        check("q=%E5%90%88" in driver.current_url, "the query lives in the URL")

        # Click a year facet.
        facet = driver.find_element(By.CSS_SELECTOR, "a[data-facet=year]")
        year = facet.text.split()[0]
        facet.click()
        wait.until(EC.url_contains(f"from={year}"))
        check(f"to={year}" in driver.current_url, f"year facet {year} narrows the search")
        check(len(driver.find_elements(By.CSS_SELECTOR, "li.hit")) > 0, "hits remain after the facet")
        check(len(driver.find_elements(By.CSS_SELECTOR, "a.remove")) == 1, "the year filter is shown, removable")
        driver.save_screenshot(os.path.join(work, "search.png"))

        # Open a preview at the clicked section; go to the next hit.
        first = driver.find_element(By.CSS_SELECTOR, "li.hit h3 a")
        section = first.get_attribute("href").split("#")[1]
        first.click()
        wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "main.preview")))
        target = driver.find_element(By.ID, section)
        check(driver.execute_script("return document.querySelector(':target') === arguments[0]", target),
              f"the clicked section #{section} is the target")
        hits = driver.find_elements(By.CSS_SELECTOR, "mark.hit")
        check(len(hits) > 0, f"{len(hits)} hits marked in the preview")
        driver.find_element(By.ID, "next-hit").click()
        current = wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "mark.current")))
        check(current.text != "", f"next hit {current.text!r} is marked as current")
        status = driver.find_element(By.ID, "hit-status").text
        check(status.startswith("hit ") and status.endswith(f"of {len(hits)}"), f"status says {status!r}")
        first_current = current.get_attribute("id")
        if len(hits) > 1:
            driver.find_element(By.ID, "next-hit").click()
            time.sleep(0.2)
            now = driver.find_element(By.CSS_SELECTOR, "mark.current").get_attribute("id")
            check(now != first_current, f"next hit moves from {first_current} to {now}")
        driver.save_screenshot(os.path.join(work, "preview.png"))

        # Download the CSV of the query and read it back.
        driver.back()
        link = wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "a[href^='/download.csv']")))
        link.click()
        path = os.path.join(downloads, "hits.csv")
        deadline = time.time() + 20
        while not os.path.exists(path) and time.time() < deadline:
            time.sleep(0.2)
        check(os.path.exists(path), "hits.csv downloaded")
        raw = open(path, "rb").read()
        check(raw.startswith(b"\xef\xbb\xbf"), "the CSV starts with a UTF-8 BOM")
        rows = list(csv.reader(open(path, encoding="utf-8-sig", newline="")))
        check(rows[0] == COLUMNS, "the CSV has the export columns")
        check(len(rows) > 1 and all(f"【{QUERY}】" in r[-1] or r[-1] for r in rows[1:]), f"{len(rows) - 1} rows read back")
        check(any(f"【{QUERY}】" in r[-1] for r in rows[1:]), "snippets mark the query in 【】")
    finally:
        driver.quit()


if __name__ == "__main__":
    main(sys.argv[1].rstrip("/"), sys.argv[2])
