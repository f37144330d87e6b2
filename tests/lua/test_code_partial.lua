-- test_code_partial.lua - a run's partial result (lib/partial.lua), counted by
-- hand from the fixture's segments (tests/e2e/coding.sh lists them), and
-- the same whether the documents come in one batch or several.
local coda = require("coda")
local h = require("helper")
local partial = require("lib.partial")
local eq = h.assert_eq

local T = {}

local FGD = "tests/fixtures/coding/fgd"
local OPTS = { codebook = "tests/fixtures/coding/codebook.csv", unit = "turn" }

--- the partial written by a collector fed the corpus read with each of
--- shards (nil: the whole corpus at once)
local function collect(name, shards)
    local cb = coda.read_codebook(OPTS.codebook)
    local o = setmetatable({ partial = h.path(name) }, { __index = OPTS })
    local c = partial.collector(cb, o)
    for _, s in ipairs(shards or { false }) do
        local corpus, _, docs = coda.read_corpus(FGD, { shard = s or nil })
        c:add(cb:code(corpus), corpus, docs)
    end
    c:write()
    return h.read(o.partial)
end

function T.counts_by_hand()
    local p = coda.json_decode(collect("whole.json"))
    eq(p.documents, { "fgd01", "fgd02", "fgd03" })
    eq(p.per_code.beating, { segments = 3, units = 3, documents = 2 })
    eq(p.per_code.debt, { segments = 2, units = 1, documents = 1 })
    eq(p.per_code.violence, { segments = 0, units = 0, documents = 0 })
    eq(p.matrix.fgd01, { 0, 1, 2, 1, 2, 0 })
    eq(p.matrix.fgd03, { 0, 0, 0, 0, 0, 1 })
    -- pairs in codebook order: forced_marriage, beating, fir, debt
    eq(p.cooccurrence, { { "forced_marriage", "beating", 1 },
                         { "forced_marriage", "debt", 1 }, { "beating", "fir", 1 } })
    eq(p.shard, { k = 0, n = 1 })
    eq(p.fingerprint.options.ids, "name")
end

function T.batches_add_up_to_one()
    eq(collect("batches.json", { "2/3", "0/3", "1/3" }), collect("one.json"))
end

return T
