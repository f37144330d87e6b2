-- test_chart.lua - the chart library: geometry worked by hand (a 320-pixel
-- plot from x = 240; 50% is 160 pixels wide), escaping, whiskers, the
-- page, and each chart against its golden SVG (tests/golden/charts/).
local coda = require("coda")
local chart = require("lib.chart")
local h = require("helper")
local eq, match = h.assert_eq, h.assert_match

local T = {}

local ROWS = {
    { value = "yes", pct = 50, ci_low = 25, ci_high = 75, base = 12, published = 40 },
    { value = "no <b>", pct = 100, base = 12 },
    { value = "none", pct = 0, base = 12 },
}

function T.bar_geometry()
    local svg = chart.bar(ROWS, { title = "Answers & more", reference = "published" })
    match(svg, '<rect x="240" y="33" width="160.0" height="14" class="s1">', true, "50% is 160 px")
    match(svg, '<rect x="240" y="55" width="320.0"', true, "100% fills the plot")
    match(svg, '<rect x="240" y="77" width="0.0"', true, "0% is empty")
    -- whisker from 25% (x = 320) to 75% (x = 480) on the first row (y = 30)
    match(svg, 'd="M320.0 35V45M320.0 40H480.0M480.0 35V45"', true, "interval whisker")
    match(svg, 'd="M368.0 31V49" class="ref"', true, "published 40% at x = 368")
    match(svg, "no &lt;b&gt;", true, "labels escaped")
    match(svg, "Answers &amp; more", true, "title escaped")
    match(svg, "n = 12", true, "base shown")
end

function T.bar_from_a_dataset()
    local ds = coda.read_csv(h.write("a.csv", "answer\nyes\nyes\nno\nyes\n"))
    local svg = chart.bar(ds:frequency("answer"), { title = "f" })
    -- yes: 3 of 4 = 75% -> 240 px wide
    match(svg, 'width="240.0" height="14" class="s1"><title>yes: 75.0%</title>', true)
end

function T.dot_scale()
    local rows = { { variable = "a", mean = 2, ci_low = 1, ci_high = 3 },
                   { variable = "b", mean = 4, ci_low = 3, ci_high = 5 } }
    local svg = chart.dot(rows, { min = 0, max = 8 })
    -- x = 240 + v / 8 * 320: 2 -> 320, 4 -> 400; interval 3..5 -> 360..440
    match(svg, '<circle cx="320.0" cy="40" r="4"', true)
    match(svg, '<circle cx="400.0" cy="62" r="4"', true)
    match(svg, 'd="M360.0 57V67M360.0 62H440.0M440.0 57V67"', true)
end

function T.stacked_shares()
    local rows = { { r = "x", g = "p", v = 1 }, { r = "x", g = "q", v = 3 } }
    local svg = chart.stacked(rows, { row = "r", group = "g", value = "v" })
    -- 1 of 4 -> 80 px, then 3 of 4 -> 240 px from x = 320
    match(svg, '<rect x="240.0" y="33" width="80.0" height="14" class="s1">', true)
    match(svg, '<rect x="320.0" y="33" width="240.0" height="14" class="s2">', true)
end

function T.grouped_series_and_legend()
    local rows = { { r = "x", g = "p", pct = 50 }, { r = "x", g = "q", pct = 25 },
                   { r = "y", g = "p", pct = 100 } }
    local svg = chart.grouped(rows, { row = "r", group = "g" })
    match(svg, 'width="160.0" height="10" class="s1"><title>x, p: 50.0%</title>', true)
    match(svg, 'width="80.0" height="10" class="s2"><title>x, q: 25.0%</title>', true)
    match(svg, '<rect x="271" y="100" width="10" height="10" class="s2"/><text x="285" y="109"', true, "legend entry for q: 240 + 24 + 7 px a letter of p")
end

function T.page_is_self_contained()
    local path = h.path("page.html")
    chart.page(path, "A <page>", { { heading = "One" }, chart.bar(ROWS), { text = "a & b" } })
    local html = h.read(path)
    match(html, "<title>A &lt;page&gt;</title>", true)
    match(html, "<p>a &amp; b</p>", true)
    h.assert_no_match(html, 'src="http', true)
end

function T.on_the_coda_module()
    eq(coda.chart, chart, "coda.chart is lib.chart")
    eq(coda.report, chart.page, "coda.report writes a page")
    eq(coda.no_such_thing, nil)
    local path = h.path("ds.html")
    local ds = coda.read_csv(h.write("t.csv", "a,b\nx,1.5\n"))
    coda.report(path, "t", { ds })
    match(h.read(path), '<tr><td>x</td><td class="n">1.50</td></tr>', true, "a Dataset as a table, 2 decimals below 10")
end

-- Each chart of tests/golden/charts/ drawn again, byte for byte.
function T.golden()
    local dir = "tests/golden/charts"
    local made = {
        ["bar.svg"] = chart.bar(ROWS, { title = "Answers", reference = "published" }),
        ["dot.svg"] = chart.dot({ { variable = "a", mean = 2, ci_low = 1, ci_high = 3 } }),
        ["stacked.svg"] = chart.stacked({ { r = "x", g = "p", v = 1 }, { r = "x", g = "q", v = 3 } },
                                        { row = "r", group = "g", value = "v", title = "Shares" }),
        ["grouped.svg"] = chart.grouped({ { r = "x", g = "p", pct = 50 }, { r = "y", g = "q", pct = 25 } },
                                        { row = "r", group = "g", title = "Groups" }),
    }
    for name, svg in pairs(made) do
        if os.getenv("CODA_UPDATE_GOLDEN") then coda.write_file(dir .. "/" .. name, svg .. "\n") end
        eq(svg .. "\n", h.read(dir .. "/" .. name), name)
    end
end

return T
