-- test_plain_tables.lua - every table argument coda reads element by element
-- (arrays of columns, values, paths, codes, labels, rows, sort keys,
-- conditions, summaries, multi values, option maps) is refused when it has
-- a metatable: its __index or __len would run Lua code in the middle of a
-- C operation (here: closing the Dataset it works on, or a length that
-- lies), as a callback could before that was fixed.  Each kind once.
local coda = require("coda")
local h = require("helper")
local eq, err = h.assert_eq, h.assert_error

local T = {}

local PLAIN = "must be a plain table (without a metatable)"

local function data()
    return coda.dataset({ { x = 1, s = "a" }, { x = 2, s = "b" }, { x = 3, s = "a" } },
                        { "x", "s" })
end

-- A table whose every read closes d and whose length lies.
local function trap(d, content)
    return setmetatable(content or {}, {
        __index = function() d:close() return "x" end,
        __len = function() d:close() return -1 end,
    })
end

-- fn(d, trap) must fail naming what (and PLAIN), leaving d open and whole.
local function refused(what, fn)
    local d = data()
    err(function() return fn(d, function(c) return trap(d, c) end) end,
        what .. " " .. PLAIN, true)
    eq(d:nrow(), 3, what)
end

function T.dataset_method_arrays()
    refused("select: the list of columns", function(d, t) return d:select(t()) end)
    refused("group_by: the list of columns", function(d, t) return d:group_by(t()) end)
    refused("sort: the list of sort keys", function(d, t) return d:sort(t()) end)
    refused("sort: a sort key", function(d, t) return d:sort({ t({ "x" }) }) end)
    refused("rename: the table of names", function(d, t) return d:rename(t({ x = "y" })) end)
    refused("a list of values", function(d, t) return d:filter("x", "in", t({ 1 })) end)
    refused("frequency: option within", function(d, t)
        return d:frequency("x", { within = t({ "s", "==", "a" }) })
    end)
    refused("join: option on", function(d, t) return d:join(data(), { on = t({ "x" }) }) end)
end

function T.summaries()
    refused("summarise: the summaries", function(d, t)
        return d:group_by("s"):summarise(t())
    end)
    refused("summarise: a summary", function(d, t)
        return d:group_by("s"):summarise({ n = t({ "count" }) })
    end)
    refused("summarise: a summary", function(d, t)
        return d:group_by("s"):summarise({ t({ "n", "count" }) })
    end)
end

function T.conditions()
    refused("the conditions", function(d, t) return d:where(t({ all = {} })) end)
    refused("all", function(d, t) return d:where({ all = t() }) end)
    refused("a condition", function(d, t) return d:count_if({ any = { t({ "x", ">", 1 }) } }) end)
end

function T.rows_names_and_multi_values()
    refused("dataset: the rows", function(_, t) return coda.dataset(t(), { "x" }) end)
    refused("dataset: a row", function(_, t) return coda.dataset({ t({ x = 1 }) }, { "x" }) end)
    refused("dataset: the names", function(_, t) return coda.dataset({ { x = 1 } }, t()) end)
    refused("a multi value", function(_, t) return coda.dataset({ { m = t({ "a" }) } }, { "m" }) end)
    refused("a multi value", function(d, t)
        return d:mutate("m", function() return t({ "a" }) end)
    end)
end

function T.read_csv_options()
    local path = h.write("t.csv", "x,s\n1,a\n")
    refused("read_csv: options", function(_, t) return coda.read_csv(path, t()) end)
    refused("read_csv: option na", function(_, t) return coda.read_csv(path, { na = t({ "NA" }) }) end)
    refused("read_csv: option types", function(_, t)
        return coda.read_csv(path, { types = t({ x = "string" }) })
    end)
    refused("read_csv: option multi", function(_, t)
        return coda.read_csv(path, { multi = t({ s = ";" }) })
    end)
end

function T.corpus_and_codebook_lists()
    local FIX = "tests/fixtures/coding/"
    local cb = coda.read_codebook(FIX .. "codebook.csv")
    refused("read_corpus: the list of paths", function(_, t)
        return coda.read_corpus(t({ FIX .. "fgd/fgd01.txt" }))
    end)
    local c = coda.read_corpus(FIX .. "fgd")
    refused("code: codes", function(_, t) return cb:code(c, { codes = t({ "x" }) }) end)
    refused("code: option speakers", function(_, t) return cb:code(c, { speakers = t({ "R" }) }) end)
    local seg = cb:code(c)
    refused("cases: option codes", function(_, t) return seg:cases("doc", { codes = t({ "x" }) }) end)
    eq(c:nrow() > 0, true)
end

function T.agreement_labels()
    local o = { multi = { tags = ";" } }
    local a = coda.read_csv(h.write("a.csv", "unit,tags\n1,p\n2,q\n"), o)
    local b = coda.read_csv(h.write("b.csv", "unit,tags\n1,p\n2,p\n"), o)
    refused("agreement: option labels", function(_, t)
        return coda.stats.agreement(a, b, { id = "unit", labels = t({ "p" }) })
    end)
end

function T.project_lists()
    local dir = h.tmpdir() .. "/plain-project"
    os.execute("mkdir -p " .. h.quote(dir))
    local doc = h.write("d1.txt", "R: one turn\n")
    local p = coda.project(dir .. "/p.coda")
    refused("add: the list of paths", function(_, t) return p:add(t({ doc })) end)
    eq(p:add({ doc }).added, 1)
end

return T
