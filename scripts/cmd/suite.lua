-- suite.lua - `coda suite [STUDY] [--out DIR] [--data DIR] [--project FILE]`
-- and `coda suite --list`: run a study (a folder with a study.lua manifest,
-- or the name of one under scripts/studies/), write its report, exit 1 when
-- a figure is a mismatch.
local coda = require("coda")
local suite = require("lib.suite")
local report = require("lib.report")
local provenance = require("lib.provenance")
local compare = require("lib.compare")
local command = require("lib.command")

-- the study `coda suite` runs when none is named: the first one shipped
local DEFAULT_STUDY = "aht2020"

local USAGE = [[
usage: coda suite [STUDY] [--out DIR] [--data DIR] [--project FILE]
                  [--compare PREVIOUS_OUT] [--jobs N]
       coda suite --list

Runs every analysis of STUDY (a folder holding study.lua, or the name of a
study under scripts/studies/; default aht2020), compares each computed figure
with the published one and writes index.html, report.md, figures.csv, one
CSV per table and run.json (what produced them: versions, hashes of the data
and scripts, parameters, time, machine) into DIR (default: the study's own, e.g. out/aht2020).  --data
reads the study's data from another folder.  With --project, coded text comes
from the accepted coding of a reviewed coding project instead of the raw
regex hits.  --compare lists every figure and table cell that differs from
an earlier run's output folder (old, new, difference) on standard output, in
changes.csv and in the report.  Exit 1 on a mismatch; else, with --compare,
3 when something changed.  The analyses run in N processes at once
(--jobs, default 2; 1 runs them one after another, with the same output).
--list lists the studies.
]]

local function or_die(fn, ...) return command.or_die("suite", fn, ...) end

local opts, operands = command.parse("suite", { ... },
  { ["--out"] = "out", ["--data"] = "data", ["--project"] = "project",
    ["--compare"] = "compare", ["--jobs"] = "jobs" },
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
local function same_folder(a, b) return a:gsub("/+$", "") == b:gsub("/+$", "") end
if opts.compare then
  if same_folder(opts.compare, out) then
    command.usage_error("suite", "--compare needs an earlier output folder, not --out's own")
  end
  or_die(coda.list_dir, opts.compare)       -- missing: exit 1, named, before writing
end
local data = or_die(study.load, opts.data, { project = opts.project })
local jobs = tonumber(opts.jobs or "2")
if not jobs or jobs < 1 or jobs ~= math.floor(jobs) then
  command.usage_error("suite", "--jobs needs a whole number of 1 or more")
end
or_die(coda.mkdir, out)            -- the workers write their tables into it
local plan = study.plan()
local run = jobs > 1 and #plan > 1
  and or_die(suite.run_parallel, data, plan, dir, out, opts, math.min(jobs, #plan))
  or or_die(suite.run, data, plan, dir)
local checks = study.consistency and study.consistency(run.rows, data)  -- nil: none
or_die(report.write_tables, run, out)
local changes = opts.compare and or_die(compare.folders, opts.compare, out)
if changes then or_die(function() changes:write_csv(out .. "/changes.csv") end) end
or_die(report.write_pages, run, checks, out, study.title, study.intro, changes, opts.compare)
or_die(function()
  provenance.write(provenance.collect(study, data, run,
                   { out = out, data = opts.data, project = opts.project }), out)
end)
for _, r in ipairs(run.rows) do
  if r.status == "mismatch" then
    io.stderr:write(("mismatch: %s: %s\n"):format(r.figure_id, r.note))
  end
end
print(run.summary)
print(("%sreport written to %s/"):format(
  checks and ("%d contradictions in the publication; "):format(#checks) or "", out))
if changes then
  print(("%d changes since %s%s"):format(changes:nrow(), opts.compare,
        changes:nrow() > 0 and " (changes.csv):" or ""))
  for _, c in changes:rows() do
    print(("  %s %s %s: %s -> %s%s"):format(c.file, c.key, c.column, c.old, c.new,
          c.difference and (" (" .. coda.round(c.difference, 4) .. ")") or ""))
  end
end
if run.tally.mismatch > 0 then os.exit(1) end
os.exit(changes and changes:nrow() > 0 and 3 or 0)
