-- new-study.lua - `coda new-study PATH [--title TEXT]`: write the skeleton
-- of a study into the new folder PATH: a manifest, one analysis, a small
-- synthetic dataset with the figures it should give, a README and a test,
-- all of which run as written (`coda suite PATH`, `coda run PATH/test.lua`).
local coda = require("coda")
local command = require("lib.command")

local USAGE = [[
usage: coda new-study PATH [--title TEXT]

Writes a working study into the new folder PATH (it must not exist):
study.lua (the manifest), analyses/example.lua, data/answers.csv (ten
synthetic answers), data/published_figures.csv, README.md and test.lua.
Then `coda suite PATH` runs it and `coda run PATH/test.lua` tests it.
]]

local opts, operands = command.parse("new-study", { ... }, { ["--title"] = "title" }, USAGE)
if #operands ~= 1 then command.usage_error("new-study", "one PATH, please") end
local dir = operands[1]:gsub("/+$", "")
local id = dir:match("([^/]+)$") or ""
if not id:match("^[%a_][%w_%-]*$") then
  command.usage_error("new-study", ("the study's folder name %q is not a plain name " ..
                      "(letters, digits, _ and -)"):format(id))
end
local existing = io.open(dir, "r")
if existing then existing:close() end
if existing or pcall(coda.list_dir, dir) then
  command.data_error("new-study", dir .. ": already there; new-study writes a new folder only")
end
local title = opts.title or ("Study " .. id)

local FILES = {}

FILES["study.lua"] = ([=[
-- study.lua - the manifest of the study %q: what `coda suite` needs to
-- run it (see docs/new-study.md).
local coda = require("coda")

-- this folder, wherever the study is
local here = debug.getinfo(1, "S").source:match("^@(.*)/[^/]*$") or "."

local M = {
  id = %q,
  title = %q,
  out = "out/" .. %q,
  intro = {
    markdown = "Computed from the synthetic example data in `data/`.\n",
    html = "<p>Computed from the synthetic example data in <code>data/</code>.</p>",
  },
}

--- the study's Datasets; published: the figures the study prints
function M.load(dir)
  dir = dir or (here .. "/data")
  return {
    dir = dir,
    answers = coda.read_csv(dir .. "/answers.csv"),
    published = coda.read_csv(dir .. "/published_figures.csv"),
  }
end

--- the analyses, in the report's order: { module, params, title }
function M.plan()
  return { { "analyses.example" } }
end

return M
]=]):format(id, id, title, id)

FILES["analyses/example.lua"] = [=[
-- example.lua - one analysis: the share of respondents giving each answer.
local A = require("lib.analysis")

local M = {
  id = "example",
  title = "Answers",
  question = "What % of respondents give each answer?",
  inputs = { "answers.csv" },       -- what it reads, in the data folder
}

function M.run(data)
  local res = A.result()
  local freq = data.answers:frequency("answer")
  A.figures_from(res, freq, "answer.")   -- answer.yes, answer.no, ...
  A.table(res, "answers", freq)           -- written as answers.csv
  return res
end

return M
]=]

FILES["data/answers.csv"] = [=[
id,answer
R01,yes
R02,no
R03,yes
R04,yes
R05,unsure
R06,no
R07,yes
R08,yes
R09,no
R10,yes
]=]

FILES["data/published_figures.csv"] = [=[
figure_id,section,label,published_pct,base_n,question
answer.yes,Answers,Yes,60,10,What % of respondents give each answer?
answer.no,Answers,No,30,10,What % of respondents give each answer?
answer.unsure,Answers,Unsure,10,10,What % of respondents give each answer?
]=]

FILES["test.lua"] = [=[
-- test.lua - `coda run THIS_FOLDER/test.lua`: the study's figures against
-- counts made by hand from data/answers.csv (6 yes, 3 no, 1 unsure of 10).
local suite = require("lib.suite")
local here = arg[0]:match("^(.*)/[^/]*$") or "."
local study = suite.open(here)
local run = suite.run(study.load(), study.plan(), here)
local want = { ["answer.yes"] = 6, ["answer.no"] = 3, ["answer.unsure"] = 1 }
local failed = 0
for _, r in ipairs(run.rows) do
  if r.count ~= want[r.figure_id] or r.base ~= 10 or r.status ~= "exact" then
    print(("FAIL %s: %d/%d, %s"):format(r.figure_id, r.count, r.base, r.status))
    failed = failed + 1
  end
end
print(run.summary)
os.exit(failed == 0 and #run.rows == 3 and 0 or 1)
]=]

FILES["README.md"] = ([=[
# %s

A coda study (made by `coda new-study`). The data in `data/` is a
synthetic example: replace it with the study's own.

- `study.lua`: the manifest (title, how the data loads, the plan of analyses)
- `analyses/`: one file per question
- `data/published_figures.csv`: the percentages the study prints, with their bases
- `test.lua`: checks the figures against counts made by hand

Run it with `coda suite %s`, test it with `coda run %s/test.lua`.
See docs/new-study.md in coda's documentation.
]=]):format(title, dir, dir)

local order = { "study.lua", "analyses/example.lua", "data/answers.csv",
                "data/published_figures.csv", "test.lua", "README.md" }
command.or_die("new-study", function()
  coda.mkdir(dir .. "/analyses")
  coda.mkdir(dir .. "/data")
  for _, name in ipairs(order) do coda.write_file(dir .. "/" .. name, FILES[name]) end
end)
for _, name in ipairs(order) do print(dir .. "/" .. name) end
