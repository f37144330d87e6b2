// check_report.mjs - opens a coda study report (index.html) in headless
// Chromium, checks that every chart rendered with visible bars and that the
// console shows no error, and saves a screenshot.  A page without a study
// summary (a coda.report page) is checked with NO_SUMMARY=1.
//   node tests/browser/check_report.mjs out/aht2020/index.html SHOT.png
import { checker, launch } from "./common.mjs";
import path from "node:path";

const [page_path, shot] = process.argv.slice(2);
if (!page_path || !shot) {
  console.error("usage: node check_report.mjs INDEX.html SCREENSHOT.png");
  process.exit(2);
}

const browser = await launch();
const { check, done } = checker();
try {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  const errors = [];
  const requests = [];
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("request", (r) => { if (!r.url().startsWith("file:")) requests.push(r.url()); });
  await page.goto("file://" + path.resolve(page_path), { waitUntil: "load" });
  const charts = await page.$$eval("svg.chart", (svgs) => svgs.map((s) => {
    const box = s.getBoundingClientRect();
    const bars = [...s.querySelectorAll("rect, circle")];  // bars and dots
    return { title: s.querySelector("title")?.textContent || "?",
             width: box.width, height: box.height, bars: bars.length,
             drawn: bars.filter((b) => b.getBBox().width > 0).length };
  }));
  check(charts.length > 0, `the page has charts (${charts.length})`);
  for (const c of charts) {
    check(c.width > 100 && c.height > 30 && c.bars > 0 && c.drawn > 0,
          `chart "${c.title}" rendered (${c.drawn} of ${c.bars} bars drawn, ${Math.round(c.width)}x${Math.round(c.height)})`);
  }
  if (await page.$("#summary") || !process.env.NO_SUMMARY) {
    const summary = await page.textContent("#summary");
    check(/\d+ figures: \d+ exact/.test(summary || ""), `summary line shown: ${summary}`);
  }
  check(errors.length === 0, `no console errors${errors.length ? ": " + errors.join("; ") : ""}`);
  check(requests.length === 0, `no external requests${requests.length ? ": " + requests.join(", ") : ""}`);
  await page.screenshot({ path: shot, fullPage: true });
  check(true, `screenshot saved to ${shot}`);
} finally {
  await browser.close();
}
done();
