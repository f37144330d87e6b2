-- water.lua - where households get their drinking water: the share of
-- households by main source, and the design-based estimate for all
-- households of the population.
local A = require("lib.analysis")

local M = {
  id = "water",
  title = "Main source of drinking water",
  question = "What % of households get their drinking water from each source?",
  inputs = { "households.csv" },
}

function M.run(data)
  local res = A.result()
  A.figures_from(res, data.households:frequency("water_source"), "water.")
  A.table(res, "water_weighted", data.design:frequency("water_source"))
  return res
end

return M
