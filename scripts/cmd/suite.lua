-- suite.lua - `coda suite [STUDY] [--out DIR] [--data DIR] [--project FILE]`
-- and `coda suite --list`: run a study (a folder with a study.lua manifest,
-- or the name of one under scripts/studies/), write its report, exit 1 when
-- a figure is a mismatch.
local coda = require("coda")
local suite = require("lib.suite")
local report = require("lib.report")
local command = require("lib.command")

-- the study `coda suite` runs when none is named: the first one shipped
local DEFAULT_STUDY = "aht2020"

local USAGE = [[
usage: coda suite [STUDY] [--out DIR] [--data DIR] [--project FILE]
       coda suite --list

Runs every analysis of STUDY (a folder holding study.lua, or the name of a
study under scripts/studies/; default aht2020), compares each computed figure
with the published one and writes index.html, report.md, figures.csv and one
CSV per table into DIR (default: the study's own, e.g. out/aht2020).  --data
reads the study's data from another folder.  With --project, coded text comes
from the accepted coding of a reviewed coding project instead of the raw
regex hits.  Exit 1 on a mismatch.  --list lists the studies.
]]

local function or_die(fn, ...) return command.or_die("suite", fn, ...) end

local opts, operands = command.parse("suite", { ... },
  { ["--out"] = "out", ["--data"] = "data", ["--project"] = "project" },
  USAGE, {}, { ["--list"] = "list" })

if opts.list then
  for _, s in ipairs(or_die(function()
    return suite.list(coda.list_dir(suite.studies_dir()))
  end)) do
    print(("%-16s %s"):format(s.id, s.title))
  end
  os.exit(0)
end
if #operands > 1 then command.usage_error("suite", "one study at a time") end

local dir, why = suite.find(operands[1] or DEFAULT_STUDY)
if not dir then command.data_error("suite", why) end
local study = or_die(suite.open, dir)
local out = opts.out or study.out or ("out/" .. study.id)
if opts.project then      -- a file that is not a project: one line, exit 1
  or_die(function() coda.project(opts.project, { create = false }):close() end)
end
local data = or_die(study.load, opts.data, { project = opts.project })
local run = or_die(suite.run, data, study.plan())
local checks = study.consistency and study.consistency(run.rows, data) or {}
or_die(report.write, run, checks, out, study.title, study.intro)
for _, r in ipairs(run.rows) do
  if r.status == "mismatch" then
    io.stderr:write(("mismatch: %s: %s\n"):format(r.figure_id, r.note))
  end
end
print(run.summary)
print(("%d contradictions in the publication; report written to %s/"):format(#checks, out))
os.exit(run.tally.mismatch == 0 and 0 or 1)
