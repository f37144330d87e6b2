-- study.lua - the manifest of a small synthetic household survey: water,
-- sanitation and the problems households name in their own words, with a
-- stratified cluster design and weights.  `coda suite household` runs it.
-- The data and its "published" figures are invented (see
-- datasets/household/README.md).
local coda = require("coda")

local M = {
  id = "household",
  title = "Household water and sanitation survey (synthetic): reproduction report",
  out = "out/household",
  intro = {
    markdown = "This report is computed from a **synthetic** household survey " ..
      "(`datasets/household/`, 240 households in 8 strata and 24 clusters), made up " ..
      "to show a second study. Figures are unweighted counts over their bases beside " ..
      "the survey report's percentages; the tables give design-based estimates with " ..
      "standard errors (weights, strata, clusters, finite population correction).\n",
    html = "<p>Computed from a <strong>synthetic</strong> household survey (240 households, " ..
      "8 strata, 24 clusters), made up to show a second study. Bars show the computed " ..
      "percentage; the red tick the survey report's.</p>",
  },
}

--- the folder of the data: $CODA_HOUSEHOLD_DATA, else datasets/household
--- beside the scripts folder
local function default_dir()
  local env = os.getenv("CODA_HOUSEHOLD_DATA")
  if env and env ~= "" then return env end
  return (package.coda_scripts or "scripts") .. "/../datasets/household"
end

function M.load(dir)
  dir = dir or default_dir()
  local households = coda.read_csv(dir .. "/households.csv")
  return {
    dir = dir,
    households = households,
    design = coda.design(households, { weights = "weight", strata = "stratum",
                                       cluster = "cluster", fpc = "population" }),
    codebook = coda.read_codebook(dir .. "/codebook.csv"),
    published = coda.read_csv(dir .. "/published_figures.csv"),
  }
end

function M.plan()
  return { { "analyses.water" }, { "analyses.sanitation" }, { "analyses.problems" } }
end

return M
