-- generate.lua - builds the synthetic AHT 2020 dataset (see README.md).
--
--   ./coda run datasets/aht2020/generate.lua [OUTDIR]
--
-- Deterministic: a fixed seed, a PRNG written in Lua, no clock, and no
-- iteration over unordered tables for anything that reaches the output, so
-- a rerun writes byte-identical files.  The target counts are read from
-- published_figures.csv beside this script; the generator checks its tables
-- against them before writing anything.

local here = (arg and arg[0] or "generate.lua"):match("^(.*)/[^/]*$") or "."
package.path = here .. "/gen/?.lua;" .. package.path

local prng = require("prng")
local targets = require("targets")
local orgs_mod = require("orgs")
local fgd_mod = require("fgd")
local checks = require("checks")
local out = require("out")

local SEED = 20192020 -- the study's fieldwork years

local outdir = arg and arg[1] or here

local function stream(name)
    return prng.stream(SEED, name)
end

local t = targets.load(here .. "/published_figures.csv")
local orgs = orgs_mod.build(stream("organisations"), t)
local groups, diffs = fgd_mod.build(stream("fgd"), t, orgs)
checks.run(t, orgs, groups)
local n = out.write_all(outdir, stream, orgs, groups, diffs, t)
print(string.format("wrote %d files to %s", n, outdir))
