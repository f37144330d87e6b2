-- intersection.lua - the three-way intersection of school of thought,
-- relationship with survivors and approach (the EUM profiling).
local A = require("lib.analysis")

local M = {
  inputs = { "organisations.csv" },
  id = "intersection",
  title = "School of thought, relationship with survivors and approach",
  question = "What % of organisations combine a mature school of thought, a close relationship with survivors, and both service delivery and system strengthening?",
  figures = { "eum.intersection" },
}

--- params: school (default "mature"), relationship (default "strong").
--- Base: every organisation in data.
function M.run(data, params)
  params = params or {}
  local res, orgs = A.result(), data.organisations
  local n, base = orgs:count_if{ all = {
    { "eum_school_of_thought", "==", params.school or "mature" },
    { "eum_survivor_relationship", "==", params.relationship or "strong" },
    { "service_delivery", "==", 1 },
    { "system_strengthening", "==", 1 },
  } }
  A.figure(res, "eum.intersection", n, base)
  A.table(res, "school_by_relationship",
          orgs:crosstab("eum_school_of_thought", "eum_survivor_relationship"))
  return res
end

return M
