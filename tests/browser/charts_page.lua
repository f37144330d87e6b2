-- charts_page.lua - a page of every kind of chart from coda.chart, for the
-- browser test: ./coda run tests/browser/charts_page.lua OUT.html
local coda = require("coda")
local chart = coda.chart
local hh = coda.read_csv("datasets/household/households.csv")
local d = coda.design(hh, { weights = "weight", strata = "stratum",
                            cluster = "cluster", fpc = "population" })
local x = hh:crosstab("setting", "water_source")
coda.report(arg[1], "Every chart (synthetic household survey)", {
  { heading = "Bars" }, chart.bar(hh:frequency("water_source"), { title = "Water source" }),
  { heading = "Grouped" }, chart.grouped(x, { row = "row", group = "col", value = "row_pct",
                                              title = "Water source by setting" }),
  { heading = "Stacked" }, chart.stacked(x, { row = "row", group = "col", value = "row_pct",
                                              title = "Shares by setting" }),
  { heading = "Dots" }, chart.dot(d:group_by("region"):mean("members"),
                                  { label = "region", title = "Household size" }),
  d:group_by("region"):mean("members"),
})
