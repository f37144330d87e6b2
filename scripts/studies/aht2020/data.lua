-- data.lua - loading the AHT 2020 study data (datasets/aht2020/) as Datasets.
local coda = require("coda")

local M = {}

local ORG_MULTI = {
  "forms", "venues_reported", "areas", "prev_activities", "prev_sub",
  "resc_activities", "resc_sub", "pros_activities", "pros_sub",
  "rehab_activities", "rehab_sub", "reint_activities", "reint_sub",
  "ra_activities", "ra_sub", "ra_network_names", "emerging_approaches",
  "effective_strategies", "ineffective_strategies",
}

local FGD_MULTI = { "services_received", "challenges", "self_perception_before",
                    "self_perception_after" }

local function multi(names)
  local m = {}
  for _, n in ipairs(names) do m[n] = ";" end
  return m
end

--- the folder of the study data: $CODA_AHT_DATA, else datasets/aht2020
--- beside the scripts folder
function M.default_dir()
  local env = os.getenv("CODA_AHT_DATA")
  if env and env ~= "" then return env end
  return (package.coda_scripts or "scripts") .. "/../datasets/aht2020"
end

-- Every row of ds (read with a "line" column) has a number in each of
-- cols (required: not empty either); else an error naming file and line.
local function check_numbers(ds, file, cols, required)
  for _, col in ipairs(cols) do
    local numeric = ds:type(col) == "integer" or ds:type(col) == "number"
    for i = 1, ds:nrow() do
      local v = ds:get(i, col)
      if v == nil and required then
        error(("%s:%d: %s is empty (a number is needed)"):format(
          file, ds:get(i, "line"), col), 0)
      elseif v ~= nil and not numeric and tonumber(v) == nil then
        error(("%s:%d: %s is not a number: %q"):format(
          file, ds:get(i, "line"), col, tostring(v)), 0)
      end
    end
  end
end

--- every table of the study, by name
function M.load(dir)
  dir = dir or M.default_dir()
  local function csv(name, opts) return coda.read_csv(dir .. "/" .. name, opts) end
  local data = {
    dir = dir,
    organisations = csv("organisations.csv", { multi = multi(ORG_MULTI) }),
    fgd_groups = csv("fgd_groups.csv", { multi = multi(FGD_MULTI) }),
    eum_responses = csv("eum_responses.csv", { multi = { leadership_themes = ";" } }),
    stakeholders = csv("stakeholders.csv"),
    published = csv("published_figures.csv", { line_column = "line" }),
    published_counts = csv("published_counts.csv", { line_column = "line" }),
  }
  check_numbers(data.published, dir .. "/published_figures.csv",
                { "published_pct", "base_n" }, true)
  check_numbers(data.published_counts, dir .. "/published_counts.csv",
                { "value", "base_n" }, false)
  return data
end

--- the same data restricted to organisations (and focus groups) matching
--- a filter, e.g. subset(data, "state", "==", "RJ"); bases shrink with it
function M.subset(data, col, op, value)
  local s = {}
  for k, v in pairs(data) do s[k] = v end
  s.organisations = data.organisations:filter(col, op, value)
  if data.fgd_groups:ncol() > 0 and pcall(data.fgd_groups.type, data.fgd_groups, col) then
    s.fgd_groups = data.fgd_groups:filter(col, op, value)
  end
  return s
end

return M
