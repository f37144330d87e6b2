-- suite.lua - running the study's analyses and comparing every figure with
-- the publication.
local A = require("lib.analysis")
local figures = require("lib.figures")

local M = {}

--- the analyses in the order of the Insights Overview: { module, params,
--- title } where module is a require name under study/
function M.plan()
  local plan = {
    { "study.forms" }, { "study.archetypes" }, { "study.approach" },
  }
  for _, s in ipairs(require("study.area").AREAS) do
    plan[#plan + 1] = { "study.area", { area = s.area }, s.title }
  end
  plan[#plan + 1] = { "study.intersection" }
  plan[#plan + 1] = { "study.services" }
  local themes = require("study.themes")
  for _, theme in ipairs({ "challenges", "strategies", "leadership" }) do
    local title, question = themes.describe(theme)
    plan[#plan + 1] = { "study.themes", { theme = theme }, title, question }
  end
  return plan
end

--- run every analysis of the plan on data; returns { sections = {...},
--- rows, tally, extra, all (merged result) }
function M.run(data, plan)
  local all, sections = A.result(), {}
  for _, step in ipairs(plan or M.plan()) do
    local mod = require(step[1])
    local res = mod.run(data, step[2] or {})
    sections[#sections + 1] = { module = mod, params = step[2] or {},
                                title = step[3] or mod.title,
                                question = step[4] or mod.question, result = res }
    A.merge(all, res)
  end
  local rows, tally, extra = figures.compare(all.figures, data.published)
  return { sections = sections, rows = rows, tally = tally, extra = extra,
           all = all, summary = figures.summary(tally) }
end

return M
