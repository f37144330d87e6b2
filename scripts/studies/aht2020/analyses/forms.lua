-- forms.lua - Q1: which forms of trafficking do organisations work on?
local A = require("lib.analysis")

local M = {
  inputs = { "organisations.csv" },
  id = "forms",
  title = "Forms of trafficking",
  question = "What % of organisations work on labour trafficking, sex trafficking or both, and on other forms?",
  figures = { "forms.emerging.total" },
}

--- params: none.  Base: every organisation in data.
function M.run(data)
  local res, orgs = A.result(), data.organisations
  local forms = orgs:frequency("forms", { base = orgs:nrow(), order = "value" })
  local emerging = {}
  for _, row in forms:rows() do
    if row.value:match("^emerging%.") then emerging[#emerging + 1] = row.value end
  end
  local n = #emerging > 0 and orgs:filter("forms", "in", emerging):nrow() or 0
  A.figure(res, "forms.emerging.total", n, orgs:nrow())
  A.table(res, "forms_scope", orgs:frequency("forms_scope", { base = orgs:nrow(), order = "value" }))
  A.table(res, "forms", forms)
  return res
end

return M
