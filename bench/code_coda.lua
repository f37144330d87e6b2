-- code_coda.lua - coda's side of the coding benchmark: load the corpus and the codebook, then
-- time the coding in-process. Run as: ./coda run bench/code_coda.lua CORPUS_DIR CODEBOOK
-- CODE_UNIT units (default turn; paragraph, document), default threads (one per core).
-- CODE_RUNS (default 1) timed runs, best kept.
-- The timed part is cb:code(corpus) plus seg:matrix("doc"): from text to per-(document, code)
-- counts, as the peers report them. stdout: "doc<TAB>code<TAB>count" for every non-zero count;
-- stderr: one "code: tool=coda ..." line with the load, compile and coding seconds.
local coda = require("coda")
local clock = coda.clock
local dir, book = assert(arg[1], "usage: code_coda.lua DIR CODEBOOK"), assert(arg[2])
local runs = tonumber(os.getenv("CODE_RUNS") or "1")
local unit = os.getenv("CODE_UNIT") or "turn"

local t0 = clock()
local corpus = coda.read_corpus(dir, { unit = unit })
local load_s = clock() - t0
t0 = clock()
local cb = coda.read_codebook(book) -- parses, compiles and JIT-compiles every pattern
local compile_s = clock() - t0

local best, best_seg, m, nseg = math.huge, 0, nil, 0
for _ = 1, runs do
    m = nil
    collectgarbage()
    local s = clock()
    local seg = cb:code(corpus)
    local s2 = clock()
    m = seg:matrix("doc", { codes = cb })
    local e = clock()
    if e - s < best then best, best_seg = e - s, s2 - s end
    nseg = seg:nrow()
end

-- the counts, column by column (doc ids first)
local docs, out = m:column("doc"), {}
for _, code in ipairs(cb:names()) do
    local col = m:column(code)
    for i = 1, docs.n do
        if col[i] > 0 then out[#out + 1] = docs[i] .. "\t" .. code .. "\t" .. col[i] end
    end
end
io.write(table.concat(out, "\n"), #out > 0 and "\n" or "")
io.stderr:write(string.format(
    "code: tool=coda unit=%s version=%s load_s=%.3f compile_s=%.3f code_s=%.3f segments_s=%.3f " ..
    "segments=%d units=%d\n", unit, coda.version, load_s, compile_s, best, best_seg, nseg, corpus:nrow()))
