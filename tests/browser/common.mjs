// common.mjs - what the browser checks share: Debian's Chromium launched
// headless for playwright-core (no browser download), and PASS/FAIL lines
// counted into the closing "N passed, M failed".
import { chromium } from "playwright-core";

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update",
           "--disable-sync"],
  });
}

// check(ok, what) prints a line; done() prints the tally and exits.
export function checker() {
  let failed = 0, passed = 0;
  return {
    check(ok, what) {
      console.log(`${ok ? "PASS" : "FAIL"} ${what}`);
      ok ? passed++ : failed++;
    },
    done() {
      console.log(`${passed} passed, ${failed} failed`);
      process.exit(failed ? 1 : 0);
    },
  };
}
