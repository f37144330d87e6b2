-- test_random_agg.lua - every aggregation verb against a naive pure-Lua
-- version of it, on generated data: integer, number, string, boolean and
-- multi columns with missing values, empty sets, empty strings, repeated
-- labels (within a row too) and empty tables, written to CSV and read
-- back with coda.read_csv.
--
-- SEEDS seeds (300; 25 when CODA_VALGRIND is set, CODA_RANDOM_SEEDS to
-- choose).  A failure names the seed; CODA_RANDOM_FIRST=seed starts there.
local coda = require("coda")
local h = require("helper")

local T = {}

local SEEDS = tonumber(os.getenv("CODA_RANDOM_SEEDS") or "")
    or (os.getenv("CODA_VALGRIND") and 25 or 300)
local FIRST = tonumber(os.getenv("CODA_RANDOM_FIRST") or "") or 1

-- --- a deterministic PRNG (splitmix64 on Lua's wrapping integers) -----------

local function prng(seed)
    local s = seed * 0x2545F4914F6CDD1D + 0x632BE59BD9B4E019
    local function next()
        s = s + 0x9E3779B97F4A7C15
        local z = s
        z = (z ~ (z >> 30)) * 0xBF58476D1CE4E5B9
        z = (z ~ (z >> 27)) * 0x94D049BB133111EB
        return z ~ (z >> 31)
    end
    local r = {}
    function r.int(n) -- 1..n
        return (next() >> 1) % n + 1
    end
    function r.pick(t)
        return t[r.int(#t)]
    end
    function r.chance(p)
        return r.int(1000000) <= p * 1000000
    end
    return r
end

-- --- values: order, equality, keys ------------------------------------------

local MULTI = { m = true, m2 = true }

local function bytecmp(a, b)
    if a == b then
        return 0
    end
    for i = 1, math.min(#a, #b) do
        local x, y = a:byte(i), b:byte(i)
        if x ~= y then
            return x < y and -1 or 1
        end
    end
    return #a < #b and -1 or 1
end

-- A multi value's labels in byte order (a copy): multi values are sets.
local function sorted(labels)
    local s = table.move(labels, 1, #labels, 1, {})
    table.sort(s, function(x, y) return bytecmp(x, y) < 0 end)
    return s
end

-- Compare two present values of one column (multi: as sets, their labels
-- in byte order).
local function vcmp(a, b)
    local t = type(a)
    if t == "string" then
        return bytecmp(a, b)
    elseif t == "boolean" then
        return (a and 1 or 0) - (b and 1 or 0)
    elseif t == "table" then
        a, b = sorted(a), sorted(b)
        for i = 1, math.min(#a, #b) do
            local c = bytecmp(a[i], b[i])
            if c ~= 0 then
                return c
            end
        end
        return #a < #b and -1 or #a > #b and 1 or 0
    end
    return a < b and -1 or a > b and 1 or 0
end

-- Missing (nil) last.
local function mcmp(a, b)
    if a == nil or b == nil then
        return (a == nil and 1 or 0) - (b == nil and 1 or 0)
    end
    return vcmp(a, b)
end

local function key(v)
    if v == nil then
        return "\0NA"
    elseif type(v) == "table" then
        return "\0M" .. table.concat(sorted(v), "\1")
    elseif type(v) == "number" then
        return string.format("n%.17g", v)
    end
    return type(v):sub(1, 1) .. tostring(v)
end

local function show(v)
    return h.show(v)
end

-- Same value and, for numbers, same subtype.
local function same(a, b)
    if type(a) == "number" and type(b) == "number" then
        return math.type(a) == math.type(b) and a == b
    end
    return h.equal(a, b)
end

local function close(a, b)
    if a == nil or b == nil then
        return a == nil and b == nil
    end
    if type(a) ~= "number" or type(b) ~= "number" then
        return false
    end
    if a ~= a or b ~= b then
        return a ~= a and b ~= b
    end
    return math.abs(a - b) <= 1e-9 * math.max(1, math.abs(a), math.abs(b))
end

local function fail(case, what, got, want)
    error(string.format("seed %d: %s: got %s, expected %s", case.seed, what,
                        show(got), show(want)), 3)
end

local function check(case, ok, what, got, want)
    if not ok then
        fail(case, what, got, want)
    end
end

-- --- generated data -----------------------------------------------------------

local KI = { -2, -1, 0, 1, 2, 3, 10 }
local KN = { -1.5, 0.25, 0.5, 2.0, 1000.0, 3.75 }
local KS = { "a", "b", "B", "ab", "", "\xC3\xA9", "x y", "c,d", 'q"t' }
local LABELS = { "a", "b", "c", "d e", "\xC3\xA9" }
local LABELS2 = { "p", "q", "r" }
local NAMES = { "id", "ki", "kn", "ks", "kb", "m", "m2", "v", "x" }
local TYPES = { id = "integer", ki = "integer", kn = "number", ks = "string",
                kb = "boolean", v = "integer", x = "number" }

local function quote(s)
    return '"' .. s:gsub('"', '""') .. '"'
end

-- A multi value as written (labels may repeat) and as stored (first
-- occurrences, in order).
local function gen_multi(r, labels, pmiss)
    if r.chance(pmiss) then
        return nil, ""
    end
    local n = r.pick({ 0, 1, 1, 2, 2, 3, 4 })
    local written, stored, seen = {}, {}, {}
    for i = 1, n do
        local l = r.pick(labels)
        written[i] = l
        if not seen[l] then
            seen[l] = true
            stored[#stored + 1] = l
        end
    end
    return stored, quote(table.concat(written, ";"))
end

local function cell(v, ty)
    if v == nil then
        return ""
    elseif ty == "string" then
        return quote(v)
    elseif ty == "number" then
        return string.format("%.17g", v)
    end
    return tostring(v)
end

local function gen_rows(r)
    local n = r.chance(0.08) and 0 or r.chance(0.2) and r.int(60) or r.int(20)
    local pmiss = r.pick({ 0, 0.1, 0.2, 0.4, 1 })
    local function maybe(v)
        if r.chance(pmiss) then
            return nil
        end
        return v
    end
    local rows, lines = {}, { table.concat(NAMES, ",") }
    for i = 1, n do
        local row = {
            id = i, ki = maybe(r.pick(KI)), kn = maybe(r.pick(KN)),
            ks = maybe(r.pick(KS)), kb = maybe(r.chance(0.5)),
            v = maybe(r.int(101) - 51), x = maybe((r.int(321) - 161) / 8),
        }
        local mw, m2w
        row.m, mw = gen_multi(r, LABELS, pmiss)
        row.m2, m2w = gen_multi(r, LABELS2, pmiss / 2)
        rows[i] = row
        local fields = {}
        for j, name in ipairs(NAMES) do
            fields[j] = name == "m" and mw or name == "m2" and m2w
                or cell(row[name], TYPES[name])
        end
        lines[#lines + 1] = table.concat(fields, ",")
    end
    return rows, table.concat(lines, "\n") .. "\n"
end

-- The right side of the joins: rid, ks, rk (an integer key), x, tag.
local function gen_right(r)
    local n = r.chance(0.1) and 0 or r.int(12)
    local rows, lines = {}, { "rid,ks,rk,x,tag" }
    for i = 1, n do
        local row = {
            rid = i, ks = not r.chance(0.15) and r.pick(KS) or nil,
            rk = not r.chance(0.15) and r.pick(KI) or nil,
            x = (r.int(81) - 41) / 4, tag = "t" .. i,
        }
        rows[i] = row
        lines[i + 1] = table.concat({ i, cell(row.ks, "string"), cell(row.rk, "integer"),
                                      cell(row.x, "number"), quote(row.tag) }, ",")
    end
    return rows, table.concat(lines, "\n") .. "\n"
end

local cases
local left_path, right_path

local function load(path, text, opts)
    local f = assert(io.open(path, "wb"))
    assert(f:write(text))
    assert(f:close())
    return coda.read_csv(path, opts)
end

-- Every seed's data, made once for all the tests of this file.
local function all_cases()
    if cases then
        return cases
    end
    left_path, right_path = h.path("random.csv"), h.path("right.csv")
    cases = {}
    for seed = FIRST, FIRST + SEEDS - 1 do
        local r = prng(seed)
        local rows, text = gen_rows(r)
        local right, rtext = gen_right(r)
        local case = { seed = seed, rows = rows, right = right }
        case.ds = load(left_path, text, { types = TYPES, multi = { m = ";", m2 = ";" } })
        case.rds = load(right_path, rtext, {
            types = { rid = "integer", ks = "string", rk = "integer", x = "number",
                      tag = "string" } })
        cases[#cases + 1] = case
    end
    return cases
end

-- A PRNG for one test's choices on one seed's data.
local function rand(case, salt)
    return prng(case.seed * 1000003 + salt)
end

-- The id column of a Dataset.
local function ids(ds, col)
    local t = {}
    for i = 1, ds:nrow() do
        t[i] = ds:get(i, col or "id")
    end
    return t
end

-- --- the loader gives back what was written ----------------------------------

function T.random_data_reads_back()
    for _, case in ipairs(all_cases()) do
        local ds = case.ds
        check(case, ds:nrow() == #case.rows, "rows", ds:nrow(), #case.rows)
        for i, row in ipairs(case.rows) do
            for _, name in ipairs(NAMES) do
                local got = ds:get(i, name)
                check(case, same(got, row[name]), "row " .. i .. " " .. name, got, row[name])
            end
        end
        for _, name in ipairs(NAMES) do
            local want = MULTI[name] and "multi" or TYPES[name]
            check(case, ds:type(name) == want, "type of " .. name, ds:type(name), want)
        end
    end
end

-- --- frequency ----------------------------------------------------------------

local function values_of(v, col)
    if v == nil then
        return {}
    end
    return MULTI[col] and v or { v }
end

local function naive_frequency(rows, col, opts, vocab)
    local count, vals, cases_, responses = {}, {}, 0, 0
    for _, row in ipairs(rows) do
        if row[col] ~= nil then
            cases_ = cases_ + 1
            for _, v in ipairs(values_of(row[col], col)) do
                local k = key(v)
                if not count[k] then
                    count[k] = 0
                    vals[#vals + 1] = v
                end
                count[k] = count[k] + 1
                responses = responses + 1
            end
        end
    end
    -- declared labels (an order given, or all_labels = { ... }) are listed
    -- even when they never occur; all_labels = true lists the vocabulary
    local declared = type(opts.order) == "table" and opts.order
        or type(opts.all_labels) == "table" and opts.all_labels
        or opts.all_labels and vocab or {}
    local rank = {}
    for i, l in ipairs(declared) do
        if not count[key(l)] then
            count[key(l)] = 0
            vals[#vals + 1] = l
        end
        rank[key(l)] = rank[key(l)] or i
    end
    local base = type(opts.base) == "number" and opts.base
        or opts.base == "responses" and responses or cases_
    local given = type(opts.order) == "table"
    table.sort(vals, function(a, b)
        local ra, rb = rank[key(a)] or math.huge, rank[key(b)] or math.huge
        if given and ra ~= rb then
            return ra < rb
        end
        if opts.order ~= "value" and count[key(a)] ~= count[key(b)] then
            return count[key(a)] > count[key(b)]
        end
        return vcmp(a, b) < 0
    end)
    local out = {}
    for i, v in ipairs(vals) do
        local n = count[key(v)]
        local lo, hi
        if base > 0 and n <= base then
            lo, hi = coda.stats.ci(n, base)
        end
        out[i] = { value = v, count = n, base = base,
                   pct = base > 0 and 100 * n / base or nil, lo = lo, hi = hi }
    end
    return out
end

local function compare_frequency(case, f, want, what)
    check(case, f:nrow() == #want, what .. ": rows", f:nrow(), #want)
    for i, w in ipairs(want) do
        local row = what .. " row " .. i
        check(case, same(f:get(i, "value"), w.value), row .. " value", f:get(i, "value"), w.value)
        check(case, f:get(i, "count") == w.count, row .. " count", f:get(i, "count"), w.count)
        check(case, f:get(i, "base") == w.base, row .. " base", f:get(i, "base"), w.base)
        check(case, close(f:get(i, "pct"), w.pct), row .. " pct", f:get(i, "pct"), w.pct)
        check(case, close(f:get(i, "ci_low"), w.lo), row .. " ci_low", f:get(i, "ci_low"), w.lo)
        check(case, close(f:get(i, "ci_high"), w.hi), row .. " ci_high", f:get(i, "ci_high"), w.hi)
    end
end

-- The labels of a multi column in order of first appearance.
local function vocabulary(rows, col)
    local seen, out = {}, {}
    for _, row in ipairs(rows) do
        for _, l in ipairs(row[col] or {}) do
            if not seen[l] then
                seen[l] = true
                out[#out + 1] = l
            end
        end
    end
    return out
end

-- Labels to declare for a column: its own kind of value, some that never
-- occur, repeats.
local DECLARE = {
    ki = { -2, 0, 3, 10, 99, -7 }, kn = { -1.5, 2.0, 1000.0, 7.5 },
    ks = { "a", "B", "", "zz", "0" }, kb = { true, false },
    m = { "a", "d e", "zz", "0", "\xC3\xA9" }, m2 = { "p", "r", "s", "0" },
}

function T.random_frequency()
    for _, case in ipairs(all_cases()) do
        local r = rand(case, 1)
        for _, col in ipairs({ "ki", "kn", "ks", "kb", "m", "m2" }) do
            local opts = {
                base = r.pick({ "cases", "responses", r.int(30) }),
                order = r.pick({ "count", "value" }),
            }
            local what = "frequency(" .. col .. ", " .. show(opts) .. ")"
            compare_frequency(case, case.ds:frequency(col, opts),
                              naive_frequency(case.rows, col, opts), what)
        end
        for _, col in ipairs({ "ki", "kn", "ks", "kb", "m", "m2" }) do
            local labels = {}
            for i = 1, r.int(4) do
                labels[i] = r.pick(DECLARE[col])
            end
            local opts = r.chance(0.5) and { order = labels }
                or { all_labels = labels, order = r.pick({ "count", "value" }) }
            local what = "frequency(" .. col .. ", " .. show(opts) .. ")"
            compare_frequency(case, case.ds:frequency(col, opts),
                              naive_frequency(case.rows, col, opts), what)
        end
        -- within a subset: the base and counts from it; all_labels lists a
        -- multi column's whole vocabulary
        local b = r.chance(0.5)
        local sub = {}
        for _, row in ipairs(case.rows) do
            if row.kb == b then
                sub[#sub + 1] = row
            end
        end
        local opts = { within = { "kb", "==", b }, all_labels = true,
                       order = r.pick({ "count", "value" }) }
        compare_frequency(case, case.ds:frequency("m", opts),
                          naive_frequency(sub, "m", opts, vocabulary(case.rows, "m")),
                          "frequency(m, " .. show(opts) .. ")")
    end
end

-- --- crosstab -------------------------------------------------------------------

local function naive_crosstab(rows, a, b)
    local rb, cb, cell_, total = {}, {}, {}, 0
    local avals, bvals = {}, {}
    for _, row in ipairs(rows) do
        if row[a] ~= nil and row[b] ~= nil then
            total = total + 1
            local la, lb = values_of(row[a], a), values_of(row[b], b)
            for _, x in ipairs(la) do
                if not rb[key(x)] then
                    rb[key(x)] = 0
                    avals[#avals + 1] = x
                end
                rb[key(x)] = rb[key(x)] + 1
            end
            for _, y in ipairs(lb) do
                if not cb[key(y)] then
                    cb[key(y)] = 0
                    bvals[#bvals + 1] = y
                end
                cb[key(y)] = cb[key(y)] + 1
            end
            for _, x in ipairs(la) do
                for _, y in ipairs(lb) do
                    local k = key(x) .. "\2" .. key(y)
                    cell_[k] = (cell_[k] or 0) + 1
                end
            end
        end
    end
    local function by_value(p, q)
        return vcmp(p, q) < 0
    end
    table.sort(avals, by_value)
    table.sort(bvals, by_value)
    local out = {}
    for _, x in ipairs(avals) do
        for _, y in ipairs(bvals) do
            local n = cell_[key(x) .. "\2" .. key(y)] or 0
            local ra, cbn = rb[key(x)], cb[key(y)]
            local lo, hi = coda.stats.ci(n, ra)
            out[#out + 1] = { row = x, col = y, count = n, row_base = ra,
                              row_pct = 100 * n / ra, col_base = cbn,
                              col_pct = 100 * n / cbn, total_pct = 100 * n / total,
                              ci_low = lo, ci_high = hi }
        end
    end
    return out
end

local PAIRS = { { "ks", "m" }, { "m", "ki" }, { "kb", "ks" }, { "m", "m2" },
                { "kn", "kb" }, { "ki", "ki" }, { "m", "m" } }

function T.random_crosstab()
    for _, case in ipairs(all_cases()) do
        for _, p in ipairs(PAIRS) do
            local a, b = p[1], p[2]
            local x = case.ds:crosstab(a, b)
            local want = naive_crosstab(case.rows, a, b)
            local what = "crosstab(" .. a .. ", " .. b .. ")"
            check(case, x:nrow() == #want, what .. ": rows", x:nrow(), #want)
            for i, w in ipairs(want) do
                for _, c in ipairs({ "row", "col", "count", "row_base", "col_base" }) do
                    check(case, same(x:get(i, c), w[c]), what .. " row " .. i .. " " .. c,
                          x:get(i, c), w[c])
                end
                for _, c in ipairs({ "row_pct", "col_pct", "total_pct", "ci_low", "ci_high" }) do
                    check(case, close(x:get(i, c), w[c]), what .. " row " .. i .. " " .. c,
                          x:get(i, c), w[c])
                end
            end
        end
    end
end

-- --- group_by and summarise ---------------------------------------------------

local SPECS = {
    { "s_n", "count" }, { "s_nv", "count", "v" }, { "s_sumv", "sum", "v" },
    { "s_sumx", "sum", "x" }, { "s_meanx", "mean", "x" }, { "s_medx", "median", "x" },
    { "s_medv", "median", "v" }, { "s_minv", "min", "v" }, { "s_maxv", "max", "v" },
    { "s_minks", "min", "ks" }, { "s_maxks", "max", "ks" }, { "s_maxkb", "max", "kb" },
    { "s_sdx", "sd", "x" }, { "s_ndki", "n_distinct", "ki" },
    { "s_ndm", "n_distinct", "m" }, { "s_minx", "min", "x" },
}

local function present(rows, col)
    local t = {}
    for _, row in ipairs(rows) do
        if row[col] ~= nil then
            t[#t + 1] = row[col]
        end
    end
    return t
end

local function summary(rows, fn, col)
    if fn == "count" then
        return col and #present(rows, col) or #rows
    end
    local vals = present(rows, col)
    if fn == "sum" then
        local s = TYPES[col] == "integer" and 0 or 0.0
        for _, v in ipairs(vals) do
            s = s + v
        end
        return s
    elseif fn == "n_distinct" then
        local seen, n = {}, 0
        for _, v in ipairs(vals) do
            if not seen[key(v)] then
                seen[key(v)] = true
                n = n + 1
            end
        end
        return n
    elseif #vals == 0 then
        return nil
    elseif fn == "mean" then
        local s = 0.0
        for _, v in ipairs(vals) do
            s = s + v
        end
        return s / #vals
    elseif fn == "median" then
        table.sort(vals)
        local k = #vals
        return k % 2 == 1 and vals[(k + 1) // 2] + 0.0 or (vals[k // 2] + vals[k // 2 + 1]) / 2
    elseif fn == "min" or fn == "max" then
        local best = vals[1]
        for _, v in ipairs(vals) do
            local c = vcmp(v, best)
            if (fn == "min" and c < 0) or (fn == "max" and c > 0) then
                best = v
            end
        end
        return best
    elseif fn == "sd" then
        if #vals < 2 then
            return nil
        end
        local m = 0.0
        for _, v in ipairs(vals) do
            m = m + v
        end
        m = m / #vals
        local ss = 0.0
        for _, v in ipairs(vals) do
            ss = ss + (v - m) ^ 2
        end
        return math.sqrt(ss / (#vals - 1))
    end
end

local function naive_groups(rows, keys)
    local groups, order = {}, {}
    for _, row in ipairs(rows) do
        local parts = {}
        for j, k in ipairs(keys) do
            parts[j] = key(row[k])
        end
        local gk = table.concat(parts, "\3")
        if not groups[gk] then
            groups[gk] = { first = row, rows = {} }
            order[#order + 1] = groups[gk]
        end
        local g = groups[gk].rows
        g[#g + 1] = row
    end
    table.sort(order, function(p, q)
        for _, k in ipairs(keys) do
            local c = mcmp(p.first[k], q.first[k])
            if c ~= 0 then
                return c < 0
            end
        end
        return false
    end)
    if #keys == 0 then
        order = { { first = {}, rows = rows } }
    end
    return order
end

local KEYSETS = { { "ks" }, { "kb", "ki" }, { "m" }, {}, { "kn", "m2", "kb" } }

-- ds summarised by keys (none: the whole Dataset) against the naive
-- summaries of rows
local function check_summarise(case, ds, rows, keys, what)
    local s = #keys == 0 and ds:summarise(SPECS) or ds:group_by(keys):summarise(SPECS)
    local want = naive_groups(rows, keys)
    what = what .. "group_by(" .. table.concat(keys, ", ") .. ")"
    check(case, s:nrow() == #want, what .. ": groups", s:nrow(), #want)
    check(case, s:ncol() == #keys + #SPECS, what .. ": columns", s:ncol(), #keys + #SPECS)
    for i, g in ipairs(want) do
        for _, k in ipairs(keys) do
            check(case, same(s:get(i, k), g.first[k]), what .. " group " .. i .. " key " .. k,
                  s:get(i, k), g.first[k])
        end
        for _, sp in ipairs(SPECS) do
            local w = summary(g.rows, sp[2], sp[3])
            local got = s:get(i, sp[1])
            local ok = type(w) == "number" and math.type(w) == "float"
                and close(got, w) and math.type(got) == "float" or same(got, w)
            check(case, ok, what .. " group " .. i .. " " .. sp[1], got, w)
        end
    end
end

function T.random_group_by_summarise()
    for _, case in ipairs(all_cases()) do
        for _, keys in ipairs(KEYSETS) do
            check_summarise(case, case.ds, case.rows, keys, "")
        end
    end
end

-- --- sort -----------------------------------------------------------------------

local SORTABLE = { "ki", "kn", "ks", "kb", "v", "x", "m", "id" }

function T.random_sort()
    for _, case in ipairs(all_cases()) do
        local r = rand(case, 2)
        for _ = 1, 3 do
            local keys, spec = {}, {}
            for j = 1, r.int(3) do
                local col, desc = r.pick(SORTABLE), r.chance(0.5)
                keys[j] = { col = col, desc = desc }
                spec[j] = r.chance(0.5) and (desc and "-" .. col or col)
                    or { col, desc and "desc" or "asc" }
            end
            local order = {}
            for i = 1, #case.rows do
                order[i] = i
            end
            table.sort(order, function(p, q)
                local a, b = case.rows[p], case.rows[q]
                for _, k in ipairs(keys) do
                    local c = mcmp(a[k.col], b[k.col])
                    if c ~= 0 then -- missing last either way
                        local missing = a[k.col] == nil or b[k.col] == nil
                        if k.desc and not missing then
                            return c > 0
                        end
                        return c < 0
                    end
                end
                return p < q
            end)
            local got = ids(case.ds:sort(spec))
            check(case, h.equal(got, order), "sort " .. show(spec), got, order)
        end
    end
end

-- --- join -----------------------------------------------------------------------

-- Pairs (left id, right rid or nil) of a join on lk[j] = rk[j].
local function naive_join(left, right, lk, rk, how)
    local out = {}
    for _, a in ipairs(left) do
        local found = false
        for _, b in ipairs(right) do
            local ok = true
            for j = 1, #lk do
                local x, y = a[lk[j]], b[rk[j]]
                if x == nil or y == nil or x ~= y then
                    ok = false
                    break
                end
            end
            if ok then
                found = true
                out[#out + 1] = { a.id, b.rid }
            end
        end
        if not found and how == "left" then
            out[#out + 1] = { a.id }
        end
    end
    return out
end

-- The first key seen twice (scanning in order) and how often it occurs.
local function first_duplicate(rows, cols)
    local seen, count, first = {}, {}, nil
    for _, row in ipairs(rows) do
        local parts, missing = {}, false
        for j, c in ipairs(cols) do
            missing = missing or row[c] == nil
            parts[j] = key(row[c])
        end
        if not missing then
            local k = table.concat(parts, "\3")
            count[k] = (count[k] or 0) + 1
            if seen[k] and not first then
                first = k
            end
            seen[k] = true
        end
    end
    return first and count[first]
end

local JOINS = {
    { on = "ks", lk = { "ks" }, rk = { "ks" } },
    { on = { "ks" }, lk = { "ks" }, rk = { "ks" } },
    { on = { ki = "rk" }, lk = { "ki" }, rk = { "rk" } },
    { on = { ks = "ks", ki = "rk" }, lk = { "ks", "ki" }, rk = { "ks", "rk" } },
}

function T.random_join()
    for _, case in ipairs(all_cases()) do
        local r = rand(case, 3)
        for _, j in ipairs(JOINS) do
            local how = r.pick({ "inner", "left" })
            local validate = r.pick({ "many_to_many", "many_to_one", "one_to_many",
                                      "one_to_one" })
            local suffix = r.pick({ "_y", "_r" })
            local opts = { on = j.on, how = how, validate = validate,
                           suffix = suffix ~= "_y" and suffix or nil }
            local what = "join " .. show(opts)
            local ldup = first_duplicate(case.rows, j.lk)
            local rdup = first_duplicate(case.right, j.rk)
            local need_l = validate == "one_to_one" or validate == "one_to_many"
            local need_r = validate == "one_to_one" or validate == "many_to_one"
            local ok, res = pcall(case.ds.join, case.ds, case.rds, opts)
            if need_l and ldup then
                check(case, not ok and res:find(ldup .. " times in the left table", 1, true),
                      what .. " (left repeats a key)", res, ldup .. " times in the left table")
            elseif need_r and rdup then
                check(case, not ok and res:find(rdup .. " times in the right table", 1, true),
                      what .. " (right repeats a key)", res, rdup .. " times in the right table")
            else
                check(case, ok, what, res, "a Dataset")
                local want = naive_join(case.rows, case.right, j.lk, j.rk, how)
                local got = {}
                for i = 1, res:nrow() do
                    got[i] = { res:get(i, "id"), res:get(i, "rid") }
                end
                check(case, h.equal(got, want), what .. ": pairs", got, want)
                for i, p in ipairs(want) do
                    local b = p[2] and case.right[p[2]]
                    check(case, same(res:get(i, "x" .. suffix), b and b.x), what .. " row " .. i,
                          res:get(i, "x" .. suffix), b and b.x)
                    check(case, same(res:get(i, "tag"), b and b.tag), what .. " row " .. i .. " tag",
                          res:get(i, "tag"), b and b.tag)
                    check(case, same(res:get(i, "m"), case.rows[p[1]].m), what .. " row " .. i .. " m",
                          res:get(i, "m"), case.rows[p[1]].m)
                end
                check(case, res:ncol() == #NAMES + 5 - #j.rk, what .. ": columns",
                      res:ncol(), #NAMES + 5 - #j.rk)
            end
        end
    end
end

-- --- unnest and nest ------------------------------------------------------------

function T.random_unnest_nest()
    for _, case in ipairs(all_cases()) do
        for _, keep in ipairs({ false, true }) do
            local u = case.ds:unnest("m", { keep_empty = keep })
            local want = {}
            for _, row in ipairs(case.rows) do
                if row.m and #row.m > 0 then
                    for _, l in ipairs(row.m) do
                        want[#want + 1] = { row.id, l }
                    end
                elseif keep then
                    want[#want + 1] = { row.id }
                end
            end
            local got = {}
            for i = 1, u:nrow() do
                got[i] = { u:get(i, "id"), u:get(i, "m") }
            end
            check(case, h.equal(got, want), "unnest(keep_empty = " .. tostring(keep) .. ")",
                  got, want)
            check(case, u:type("m") == "string", "unnest type", u:type("m"), "string")
            -- nest gives the rows back: labels in order; no label, an empty set
            local n = u:nest("m")
            local back, wantback = {}, {}
            for i = 1, n:nrow() do
                back[i] = { n:get(i, "id"), n:get(i, "m"), n:get(i, "m2"), n:get(i, "x") }
            end
            for _, row in ipairs(case.rows) do
                if (row.m and #row.m > 0) or keep then
                    wantback[#wantback + 1] = { row.id, row.m and #row.m > 0 and row.m or {},
                                                row.m2, row.x }
                end
            end
            check(case, h.equal(back, wantback), "nest(unnest)", back, wantback)
        end
    end
end

-- --- filter, where, count_if ------------------------------------------------------

-- A random condition { col, op, value } on a column of the data.
local function random_condition(r)
    local col = r.pick({ "ki", "kn", "ks", "kb", "m", "m2", "v", "x" })
    if r.chance(0.1) then
        return { col, r.pick({ "missing", "present" }) }
    end
    if MULTI[col] then
        local labels = col == "m" and LABELS or LABELS2
        local op = r.pick({ "has", "in" })
        if r.chance(0.5) then
            return { col, op, r.pick(labels) }
        end
        return { col, op, { r.pick(labels), r.pick(labels) } }
    end
    local domain = col == "ki" and KI or col == "kn" and KN or col == "ks" and KS
        or col == "kb" and { true, false } or col == "v" and { -40, -3, 0, 7, 25 }
        or { -2.5, 0.0, 0.125, 3.0, 10.5 }
    local ops = col == "kb" and { "==", "~=", "in" } or { "==", "~=", "<", "<=", ">", ">=", "in" }
    local op = r.pick(ops)
    if op == "in" then
        return { col, op, { r.pick(domain), r.pick(domain), r.pick(domain) } }
    end
    local v = r.pick(domain)
    if col == "ki" and r.chance(0.2) then
        v = v + 0.5 -- integers compare with numbers
    end
    return { col, op, v }
end

local function holds(row, c)
    local v, op, arg = row[c[1]], c[2], c[3]
    if op == "missing" then
        return v == nil
    elseif op == "present" then
        return v ~= nil
    elseif v == nil then
        return false
    end
    if MULTI[c[1]] then
        local has = {}
        for _, l in ipairs(v) do
            has[l] = true
        end
        local list = type(arg) == "table" and arg or { arg }
        for _, l in ipairs(list) do
            if op == "has" and not has[l] then
                return false
            elseif op == "in" and has[l] then
                return true
            end
        end
        return op == "has"
    end
    if op == "in" then
        for _, x in ipairs(arg) do
            if v == x then
                return true
            end
        end
        return false
    end
    local cmp = vcmp(v, arg)
    return op == "==" and cmp == 0 or op == "~=" and cmp ~= 0 or op == "<" and cmp < 0
        or op == "<=" and cmp <= 0 or op == ">" and cmp > 0 or op == ">=" and cmp >= 0
end

-- A filter's (or where's) result is summarised from its rows without
-- copying the other columns; a filter of it chooses rows of the same
-- source.  Summaries of one or two filters, or of a where of all of two
-- conditions, then a filter, by every key set, against the naive summaries
-- of the rows the conditions hold on; then the filtered Dataset, used
-- whole, has those rows.
-- the rows of rows on which condition c holds
local function kept(rows, c)
    local out = {}
    for _, row in ipairs(rows) do
        if holds(row, c) then
            out[#out + 1] = row
        end
    end
    return out
end

function T.random_filter_then_summarise()
    for _, case in ipairs(all_cases()) do
        local r = rand(case, 5)
        for _ = 1, 3 do
            local conds = { random_condition(r) }
            if r.chance(0.5) then
                conds[2] = random_condition(r)
            end
            local by_where = #conds == 2 and r.chance(0.5)
            local ds, rows = case.ds, case.rows
            if by_where then
                ds = ds:where{ all = { conds[1], conds[2] } }
            end
            for _, c in ipairs(conds) do
                if not by_where then
                    ds = ds:filter(c[1], c[2], c[3])
                end
                rows = kept(rows, c)
            end
            if by_where and r.chance(0.5) then
                conds[3] = random_condition(r)
                ds = ds:filter(conds[3][1], conds[3][2], conds[3][3])
                rows = kept(rows, conds[3])
            end
            local what = (by_where and "where " or "filter ") .. show(conds) .. " then "
            check(case, ds:nrow() == #rows, what .. "nrow", ds:nrow(), #rows)
            for _, keys in ipairs(KEYSETS) do
                check_summarise(case, ds, rows, keys, what)
            end
            local want = {}
            for i, row in ipairs(rows) do
                want[i] = row.id
            end
            check(case, h.equal(ids(ds), want), what .. "rows", ids(ds), want)
        end
    end
end

function T.random_filter_where_count_if()
    for _, case in ipairs(all_cases()) do
        local r = rand(case, 4)
        for _ = 1, 6 do
            local c = random_condition(r)
            local want = {}
            for _, row in ipairs(case.rows) do
                if holds(row, c) then
                    want[#want + 1] = row.id
                end
            end
            local got = ids(case.ds:filter(c[1], c[2], c[3]))
            check(case, h.equal(got, want), "filter " .. show(c), got, want)
        end
        for _ = 1, 4 do
            local spec = {}
            for _, part in ipairs({ "all", "any", "none" }) do
                if r.chance(0.6) then
                    spec[part] = {}
                    for j = 1, r.int(3) - (part == "any" and 0 or 1) do
                        spec[part][j] = random_condition(r)
                    end
                end
            end
            local want = {}
            for _, row in ipairs(case.rows) do
                local ok = true
                for _, c in ipairs(spec.all or {}) do
                    ok = ok and holds(row, c)
                end
                if spec.any then
                    local any = false
                    for _, c in ipairs(spec.any) do
                        any = any or holds(row, c)
                    end
                    ok = ok and any
                end
                for _, c in ipairs(spec.none or {}) do
                    ok = ok and not holds(row, c)
                end
                if ok then
                    want[#want + 1] = row.id
                end
            end
            local got = ids(case.ds:where(spec))
            check(case, h.equal(got, want), "where " .. show(spec), got, want)
            local n, base = case.ds:count_if(spec)
            check(case, n == #want and base == #case.rows, "count_if " .. show(spec),
                  { n, base }, { #want, #case.rows })
        end
    end
end

return T
