-- study.lua - the manifest of the AHT 2020 landscape study of
-- anti-human-trafficking organisations in India (59 organisations, 52
-- survivor focus groups), reproduced from a synthetic reconstruction of its
-- data.  `coda suite aht2020` runs it.
local data = require("data")
local consistency = require("consistency")

local M = {
  id = "aht2020",
  title = "AHT 2020 landscape study: reproduction report",
  out = "out/aht2020",
  -- the report's opening words, Markdown and HTML
  intro = {
    markdown = "This report is computed from a **synthetic reconstruction** of the study data " ..
      "(`datasets/aht2020/`), built to reproduce the published figures; it is not the " ..
      "study's raw data. Each percentage is a count over its base, rounded half up, " ..
      "with a 95% Wilson interval.\n",
    html = "<p>Computed from a <strong>synthetic reconstruction</strong> of the study data, " ..
      "built to reproduce the published figures; not the study's raw data. Bars show the " ..
      "computed percentage; the red tick the published one.</p>",
  },
}

--- every table of the study (dir: the data folder, default
--- $CODA_AHT_DATA or datasets/aht2020); published and published_counts are
--- the publication's figures and printed counts
function M.load(dir, opts)
  local d = data.load(dir)
  d.project = opts and opts.project
  return d
end

--- the analyses in the order of the Insights Overview: { module, params,
--- title, question } where module names a file under analyses/
function M.plan()
  local plan = {
    { "analyses.forms" }, { "analyses.archetypes" }, { "analyses.approach" },
  }
  for _, s in ipairs(require("analyses.area").AREAS) do
    plan[#plan + 1] = { "analyses.area", { area = s.area }, s.title }
  end
  plan[#plan + 1] = { "analyses.intersection" }
  plan[#plan + 1] = { "analyses.services" }
  local themes = require("analyses.themes")
  for _, theme in ipairs({ "challenges", "strategies", "leadership" }) do
    local title, question = themes.describe(theme)
    plan[#plan + 1] = { "analyses.themes", { theme = theme }, title, question }
  end
  return plan
end

--- the publication's contradictions the data shows: { kind, text }
function M.consistency(rows, d)
  return consistency.check(rows, d.published_counts)
end

return M
