// check_coded.mjs - makes `coda code --format html` review pages of a small
// corpus (three documents over four pages: d1's two long turns take one
// each, d2 has markup and quotes in its text), opens them in headless Chromium and checks what a reader
// sees: the index links every page, each mark has its code's colour (the
// codebook's, with white text on a dark one), the code's name follows its
// span, markup in the transcript shows as text, the next link leads on,
// nothing is fetched from outside, no console error; saves a screenshot.
//   node tests/browser/check_coded.mjs OUTDIR
import { checker, launch } from "./common.mjs";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const [dir] = process.argv.slice(2);
if (!dir) {
  console.error("usage: node check_coded.mjs OUTDIR");
  process.exit(2);
}
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });
const book = path.join(dir, "codebook.csv");
fs.writeFileSync(book, "code,pattern,color,description\n" +
  "debt,\\bdebt\\b,#1e3a8a,Debt bondage\nbeating,\\bbeat\\b|मारते,,Physical violence\n");
const filler = "They spoke about the work. ".repeat(45);
const docs = [
  { id: "d1", text: `R1: They beat us. ${filler}\nR2: The debt grew. ${filler}` },
  { id: "d2", text: `R1: <img src=x onerror="alert(1)"></script> a "debt" & more. ${filler}` },
  { id: "d3", text: `R1: वे हमें मारते थे। ${filler}` },
];
execFileSync("./coda", ["code", "--codebook", book, "--format", "html", "--page-kb", "1",
                        "--out", path.join(dir, "review.html"), "-"],
             { input: docs.map((d) => JSON.stringify(d)).join("\n") + "\n" });

const browser = await launch();
const { check, done } = checker();
try {
  const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
  const errors = [], requests = [], dialogs = [];
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("dialog", (d) => { dialogs.push(d.message()); d.dismiss(); });
  page.on("request", (r) => { if (!r.url().startsWith("file:")) requests.push(r.url()); });
  await page.goto("file://" + path.resolve(dir, "review.html"), { waitUntil: "load" });
  const links = await page.$$eval("table a", (as) => as.map((a) => a.getAttribute("href")));
  check(links.join(" ") === "review-1.html review-2.html review-3.html review-4.html",
        `the index links the pages: ${links.join(" ")}`);
  const counts = await page.$eval("table", (t) =>
    [...t.querySelectorAll("td:nth-child(2)")].map((td) => td.textContent));
  check(counts.join(" ") === "2 2", `code counts in the index (debt 2, beating 2): ${counts.join(" ")}`);
  await page.click("text=1");
  await page.waitForLoadState("load");
  check(page.url().endsWith("review-1.html"), `page 1 opens from the index (${page.url()})`);
  const marks = () => page.$$eval("p mark", (ms) => ms.map((m) => {
    const s = getComputedStyle(m);
    return { text: m.textContent, cls: m.className, bg: s.backgroundColor, fg: s.color,
             tag: m.nextElementSibling?.textContent || "" };
  }));
  const beat = (await marks()).find((m) => m.text === "beat");
  check(beat && beat.bg.startsWith("rgb(") && beat.bg !== "rgb(30, 58, 138)",
        `beating has a colour of its own: ${beat?.bg}`);
  check(beat && beat.tag === "beating", "the code's name follows its span");
  const next = async (n) => {
    await page.click("a[rel=next]");
    await page.waitForLoadState("load");
    check(page.url().endsWith(`review-${n}.html`), `next leads to page ${n}`);
  };
  await next(2);
  check((await page.textContent("h2")) === "d1 (continued)", "d1 continues on page 2");
  const debt = (await marks()).find((m) => m.text === "debt");
  check(debt && debt.bg === "rgb(30, 58, 138)" && debt.fg === "rgb(255, 255, 255)",
        `debt in the codebook's colour, white text: ${JSON.stringify(debt)}`);
  await page.screenshot({ path: path.join(dir, "screenshot.png"), fullPage: true });
  await next(3);
  const text = await page.textContent("body");
  const imgs = await page.$$eval("img, script", (e) => e.length);
  check(imgs === 0 && text.includes('<img src=x onerror="alert(1)"></script> a "debt'),
        "markup in a transcript shows as text");
  check(dialogs.length === 0, "no script ran");
  check(errors.length === 0, `no console errors${errors.length ? ": " + errors.join("; ") : ""}`);
  check(requests.length === 0, `no external requests${requests.length ? ": " + requests.join(", ") : ""}`);
} finally {
  await browser.close();
}
done();
