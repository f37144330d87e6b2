-- test_kept_ranks.lua - a Dataset of 65,536 rows or more keeps the ranks
-- of its key columns (docs/aggregation.md): a second group_by gives what
-- the first gave, and what is derived from the Dataset (a replaced key
-- column, a filter, levels) gets its own answers, counted here row by row.
local coda = require("coda")
local h = require("helper")

local T = {}

local NROW = 70000

-- k: "g0" .. "g9" as (i * 7) % 10; v: i % 7; the counts by k and by v
-- worked out as the rows are written.
local function make()
    local lines, by_k, by_v = { "k,v" }, {}, {}
    for i = 0, NROW - 1 do
        local k, v = "g" .. (i * 7) % 10, i % 7
        lines[#lines + 1] = k .. "," .. v
        by_k[k] = (by_k[k] or 0) + 1
        by_v[v] = (by_v[v] or 0) + 1
    end
    return coda.read_csv(h.write("kept.csv", table.concat(lines, "\n") .. "\n")), by_k, by_v
end

local function counts(r, key)
    local got = {}
    for i = 1, r:nrow() do got[r:get(i, key)] = r:get(i, "n") end
    return got
end

function T.second_group_by_same_as_first()
    local ds, by_k = make()
    local a = ds:group_by("k"):summarise{ n = { "count" }, s = { "sum", "v" } }
    local b = ds:group_by("k"):summarise{ n = { "count" }, s = { "sum", "v" } }
    h.assert_eq(h.contents(b), h.contents(a))
    h.assert_eq(counts(b, "k"), by_k)
    h.assert_eq(b:get(1, "k"), "g0")
    -- with a second key, from the kept ranks of both
    local c = ds:group_by("k", "v"):summarise{ n = { "count" } }
    h.assert_eq(c:nrow(), 70) -- 7 * i % 10 and i % 7 meet in every pair
end

function T.replaced_key_column_groups_by_its_new_values()
    local ds, by_k, by_v = make()
    ds:group_by("k"):summarise{ n = { "count" } }
    local m = ds:mutate("k", "v")
    h.assert_eq(counts(m:group_by("k"):summarise{ n = { "count" } }, "k"), by_v)
    h.assert_eq(counts(ds:group_by("k"):summarise{ n = { "count" } }, "k"), by_k)
end

function T.filter_and_levels_after_kept_ranks()
    local ds = make()
    ds:group_by("k"):summarise{ n = { "count" } }
    local want = {}
    for i = 0, NROW - 1 do
        if i % 7 >= 3 then
            local k = "g" .. (i * 7) % 10
            want[k] = (want[k] or 0) + 1
        end
    end
    local f = ds:filter("v", ">=", 3):group_by("k"):summarise{ n = { "count" } }
    h.assert_eq(counts(f, "k"), want)
    local lv = ds:levels("k", { "g9", "g8", "g7", "g6", "g5", "g4", "g3", "g2", "g1", "g0" })
    local r = lv:group_by("k"):summarise{ n = { "count" } }
    h.assert_eq(r:get(1, "k"), "g9")
    h.assert_eq(r:get(10, "k"), "g0")
    ds:close() -- what lv holds stays
    h.assert_eq(lv:group_by("k"):summarise{ n = { "count" } }:get(1, "k"), "g9")
end

return T
