-- archetypes.lua - Q2: how are organisations distributed across the 2P4R
-- (prevention, protection = rescue, prosecution, rehabilitation,
-- reintegration, research & advocacy)?
local A = require("lib.analysis")

local M = {
  inputs = { "organisations.csv" },
  id = "archetypes",
  title = "Distribution across the 2P4R",
  question = "What % of organisations work in each area of the 2P4R?",
  figures = { "ia.prevention", "ia.prosecution", "ia.research_advocacy" },
}

M.AREAS = { "prevention", "rescue", "prosecution", "rehabilitation",
            "reintegration", "research_advocacy" }

--- Base: every organisation in data; one figure per area, ia.<area>.
function M.run(data)
  local res, orgs = A.result(), data.organisations
  local f = orgs:frequency("areas", { base = orgs:nrow(), order = M.AREAS, all_labels = M.AREAS })
  A.figures_from(res, f, "ia.")
  A.table(res, "areas", f)
  return res
end

return M
