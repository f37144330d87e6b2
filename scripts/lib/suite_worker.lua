-- suite_worker.lua - one share of a study's analyses in a process of its
-- own (lib.suite's run_parallel starts two): coda run suite_worker.lua
-- STUDY_DIR OUT DATA PROJECT INDICES, DATA and PROJECT "-" for none,
-- INDICES the plan's entries ("1,4,7").  Writes the analyses' tables into
-- OUT as the serial run does, and prints their results as Lua source
-- (lib.serial): figures, tables as their Markdown and HTML, notes, quotes;
-- or { error = message }.
local suite = require("lib.suite")
local serial = require("lib.serial")
local chart = require("lib.chart")

local dir, out, data_dir, project, list = ...

local function run()
  local study = suite.open(dir)
  local data = study.load(data_dir ~= "-" and data_dir or nil,
                          { project = project ~= "-" and project or nil })
  local plan = study.plan()
  local results = {}
  for i in list:gmatch("%d+") do
    i = tonumber(i)
    local step = plan[i]
    local res = require(step[1]).run(data, step[2] or {})
    local tables = {}
    for _, name in ipairs(res.order) do
      local ds = res.tables[name]
      ds:write_csv(out .. "/" .. name .. ".csv")
      tables[name] = { md = ds:to_markdown{ digits = 0 }, html = chart.table(ds) }
    end
    results[i] = { figures = res.figures, order = res.order, tables = tables,
                   quotes = res.quotes, notes = res.notes, quote_list = res.quote_list }
  end
  return results
end

local ok, results = pcall(run)
io.write(serial.dump(ok and results or { error = tostring(results) }))
