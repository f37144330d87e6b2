-- merge.lua - partial results of `coda code --partial` (lib/partial.lua)
-- checked against one another and added up exactly: the same codebook,
-- options and coda version, shards 0..N-1 each once, no document twice.
local coda = require("coda")
local partial = require("lib.partial")

local M = {}

--- true when v is a whole number >= 0
local function count(v)
    return math.type(v) == "integer" and v >= 0
end

--- true when v is an array (a JSON array, or {} for an empty one) of
--- values each passing is(value)
local function array_of(v, is)
    if type(v) ~= "table" then return false end
    local n = 0
    for _ in pairs(v) do n = n + 1 end
    for i = 1, n do
        if v[i] == nil or not is(v[i]) then return false end
    end
    return true
end

local function is_string(v) return type(v) == "string" end

--- the name of the first of p's fields that say what it is and what it
--- covers that is not as lib/partial.lua writes it, or nil
local function malformed_head(p)
    if not array_of(p.codes, is_string) then return "codes" end
    if type(p.shard) ~= "table" or not count(p.shard.k) or not count(p.shard.n)
        or p.shard.k >= p.shard.n then return "shard" end
    if not array_of(p.documents, is_string) then return "documents" end
    if not count(p.units) then return "units" end
    if type(p.fingerprint) ~= "table" or type(p.fingerprint.options) ~= "table" then
        return "fingerprint"
    end
end

--- the same for its counts (per code, matrix, co-occurrence)
local function malformed_counts(p)
    local known = {}
    for i, c in ipairs(p.codes) do known[c] = i end
    for _, c in ipairs(p.codes) do
        local t = type(p.per_code) == "table" and p.per_code[c]
        if type(t) ~= "table" or not (count(t.segments) and count(t.units)
            and count(t.documents)) then return "per_code " .. c end
    end
    if type(p.matrix) ~= "table" then return "matrix" end
    for d, row in pairs(p.matrix) do
        if not array_of(row, count) or #row ~= #p.codes then return "matrix " .. d end
    end
    local function pair(r)
        return type(r) == "table" and known[r[1]] and known[r[2]] and count(r[3])
    end
    if not array_of(p.cooccurrence, pair) then return "cooccurrence" end
end

--- the partial in file (an input: no output replaces it), or an error
--- naming it
local function load(file)
    local p = coda.read_json(file)
    if type(p) ~= "table" or p.format ~= partial.FORMAT then
        error(file .. ": not a partial result of coda code --partial (no "
              .. "\"format\": \"" .. partial.FORMAT .. "\")", 0)
    end
    local bad = malformed_head(p) or malformed_counts(p)
    if bad then
        error(file .. ": a partial result whose " .. bad .. " is not as coda "
              .. "code --partial writes it", 0)
    end
    p.file = file
    return p
end

--- an error naming what differs between partials a and b, if anything
local function same_fingerprint(a, b)
    local function differ(what, x, y)
        error(("%s and %s differ in %s (%q and %q): partials merge only from "
               .. "one codebook, one set of options and one coda version")
              :format(a.file, b.file, what, tostring(x), tostring(y)), 0)
    end
    local fa, fb = a.fingerprint, b.fingerprint
    if fa.codebook_sha1 ~= fb.codebook_sha1 then
        differ("the codebook (SHA-1)", fa.codebook_sha1, fb.codebook_sha1)
    end
    for _, k in ipairs(partial.OPTIONS) do
        if fa.options[k] ~= fb.options[k] then
            differ("option --" .. k:gsub("_", "-"), fa.options[k], fb.options[k])
        end
    end
    if fa.coda ~= fb.coda then differ("coda version", fa.coda, fb.coda) end
    if a.shard.n ~= b.shard.n then
        differ("the number of shards", a.shard.n, b.shard.n)
    end
end

--- an error for a shard given twice or missing, or a document in two
--- partials
local function whole_cover(parts)
    local by_k, by_doc, n = {}, {}, parts[1].shard.n
    for _, p in ipairs(parts) do
        local k = p.shard.k
        if by_k[k] then
            error(("%s and %s are both shard %d/%d"):format(by_k[k], p.file, k, n), 0)
        end
        by_k[k] = p.file
        for _, d in ipairs(p.documents) do
            if by_doc[d] then
                error(("document %q is in both %s and %s"):format(d, by_doc[d], p.file), 0)
            end
            by_doc[d] = p.file
        end
    end
    local missing = {}
    for k = 0, n - 1 do
        if not by_k[k] then missing[#missing + 1] = k end
    end
    if #missing > 0 then
        error(("missing shard%s %s of %d (have %d partial%s)"):format(
            #missing == 1 and "" or "s", table.concat(missing, ", "), n,
            #parts, #parts == 1 and "" or "s"), 0)
    end
end

--- the merged partials of files (an array of paths): checked, added up
function M.merge(files)
    local parts = {}
    for i, f in ipairs(files) do
        parts[i] = load(f)
        same_fingerprint(parts[1], parts[i])
    end
    whole_cover(parts)
    local s = partial.sum(parts[1])
    for _, p in ipairs(parts) do partial.add(s, p) end
    local m = partial.total(s)
    m.parts = parts
    return m
end

--- a share of base: pct and its interval as ds:frequency gives them
local function share(x, base)
    if base == 0 then return nil end
    local low, high = coda.stats.ci(x, base)
    return 100 * x / base, low, high
end

local function frequencies(m, ndoc)
    local rows = {}
    for _, c in ipairs(m.codes) do
        local t = m.per_code[c]
        local r = { code = c, segments = t.segments, units = t.units,
                    unit_base = m.units, documents = t.documents,
                    doc_base = ndoc }
        r.unit_pct, r.unit_ci_low, r.unit_ci_high = share(t.units, m.units)
        r.doc_pct, r.doc_ci_low, r.doc_ci_high = share(t.documents, ndoc)
        rows[#rows + 1] = r
    end
    return coda.dataset(rows, { "code", "segments", "units", "unit_base",
        "unit_pct", "unit_ci_low", "unit_ci_high", "documents", "doc_base",
        "doc_pct", "doc_ci_low", "doc_ci_high" })
end

--- one row a document (sorted by id), segments per code
local function matrix(m)
    local rows, names = {}, { "doc" }
    for i, c in ipairs(m.codes) do names[i + 1] = c end
    for _, d in ipairs(m.documents) do
        local r, counts = { doc = d }, m.matrix[d]
        for i, c in ipairs(m.codes) do r[c] = counts and counts[i] or 0 end
        rows[#rows + 1] = r
    end
    return coda.dataset(rows, names)
end

local function cooccurrence(m)
    local rows = {}
    for i, r in ipairs(m.cooccurrence) do
        rows[i] = { code_a = r[1], code_b = r[2], units = r[3] }
    end
    return coda.dataset(rows, { "code_a", "code_b", "units" })
end

local function summary(m)
    local segments = 0
    for _, t in pairs(m.per_code) do segments = segments + t.segments end
    local fp = m.parts[1].fingerprint
    local rows = {
        { item = "documents", value = tostring(#m.documents) },
        { item = "units", value = tostring(m.units) },
        { item = "segments", value = tostring(segments) },
        { item = "documents_sha1", value = m.documents_sha1 },
        { item = "codebook_sha1", value = fp.codebook_sha1 },
        { item = "coda", value = fp.coda },
    }
    for _, k in ipairs(partial.OPTIONS) do
        rows[#rows + 1] = { item = "option " .. k, value = fp.options[k] }
    end
    return coda.dataset(rows, { "item", "value" })
end

--- one row a partial, in shard order: what was merged
local function shards(m)
    local rows = {}
    for _, p in ipairs(m.parts) do
        rows[#rows + 1] = { shard = p.shard.k, of = p.shard.n, file = p.file,
                            documents = p.ndocuments, units = p.units,
                            documents_sha1 = p.documents_sha1 }
    end
    table.sort(rows, function(a, b) return a.shard < b.shard end)
    return coda.dataset(rows, { "shard", "of", "file", "documents", "units",
                                "documents_sha1" })
end

--- write the merged m into the folder out: frequencies.csv, matrix.csv,
--- cooccurrence.csv, summary.csv (the same for any split of one corpus)
--- and shards.csv (the partials merged)
function M.write(m, out)
    local files = { frequencies = frequencies(m, #m.documents),
                    matrix = matrix(m), cooccurrence = cooccurrence(m),
                    summary = summary(m), shards = shards(m) }
    for name in pairs(files) do coda.check_output(out .. "/" .. name .. ".csv") end
    coda.mkdir(out)
    for name, ds in pairs(files) do ds:write_csv(out .. "/" .. name .. ".csv") end
end

return M
