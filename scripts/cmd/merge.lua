-- merge.lua - `coda merge OUT PARTIAL...`: add up the partial results of
-- sharded `coda code --partial` runs (lib/merge.lua) and write them into
-- the folder OUT.  Exit status: 0 done, 1 partials that do not merge (or
-- cannot be read), 2 a usage error.
local merge = require("lib.merge")
local command = require("lib.command")

local usage = [[
usage: coda merge OUT PARTIAL...

Adds up the partial results written by `coda code --partial FILE` (one a
shard: `coda code --shard K/N`) and writes into the folder OUT:

  frequencies.csv   per code: segments, units and documents it appears in,
                    with the units and documents bases, percentages and
                    95% Wilson intervals recomputed from the merged counts
  matrix.csv        one row a document (sorted by id): segments per code
  cooccurrence.csv  code_a, code_b, units where both occur
  summary.csv       the bases, the codebook's SHA-1 and the options
  shards.csv        the partials merged: shard, documents, units

These files (all but shards.csv) are byte for byte those of one partial of
the whole corpus.  Partials of another codebook, other options or another
coda version are refused, naming the difference and the two files; so are
a shard given twice, a missing shard and a document in two partials.
Nothing is written then.

Exit status: 0 success, 1 partials that do not merge or cannot be read,
2 a usage error.
]]

local o, args = command.parse("merge", arg, {}, usage)
if #args < 2 then
    command.usage_error("merge", "needs the folder OUT and at least one PARTIAL")
end
local files = { table.unpack(args, 2) }
local ok, m = pcall(merge.merge, files)
if not ok then command.data_error("merge", m) end
command.or_die("merge", merge.write, m, args[1])
