-- test_pivot.lua - pivot_wider and pivot_longer against tables worked out
-- by hand (synthetic data), and their errors.
local h = require("helper")
local coda = require("coda")
local eq = h.assert_eq

local T = {}

-- Sales of three shops over two years; shop 2 has no 2021 row, shop 3 no
-- 2020 row, shop 4 a 2020 row whose sales are missing.
local function sales()
    return coda.dataset({
        { shop = 1, year = 2020, sales = 10, units = 1 },
        { shop = 1, year = 2021, sales = 12, units = 2 },
        { shop = 2, year = 2020, sales = 7, units = 3 },
        { shop = 3, year = 2021, sales = 5, units = 4 },
        { shop = 4, year = 2020, units = 5 },
    }, { "shop", "year", "sales", "units" })
end

function T.wider_one_values_column()
    local w = sales():select("shop", "year", "sales")
                     :pivot_wider{ names_from = "year", values_from = "sales" }
    eq(w:names(), { "shop", "2020", "2021" })
    eq(w:type("2020"), "integer")
    eq(h.values(w, "shop"), { 1, 2, 3, 4, n = 4 })
    eq(h.values(w, "2020"), { 10, 7, nil, nil, n = 4 })
    eq(h.values(w, "2021"), { 12, nil, 5, nil, n = 4 })
end

function T.wider_fill_is_for_absent_rows_only()
    local w = sales():select("shop", "year", "sales")
                     :pivot_wider{ names_from = "year", values_from = "sales",
                                   values_fill = 0 }
    eq(h.values(w, "2020"), { 10, 7, 0, nil, n = 4 }) -- shop 4's own row: missing
    eq(h.values(w, "2021"), { 12, 0, 5, 0, n = 4 })
end

function T.wider_several_values_columns()
    local w = sales():pivot_wider{ names_from = "year",
                                   values_from = { "sales", "units" } }
    eq(w:names(), { "shop", "sales_2020", "sales_2021", "units_2020",
                    "units_2021" })
    eq(h.values(w, "units_2020"), { 1, 3, nil, 5, n = 4 })
    eq(h.values(w, "units_2021"), { 2, nil, 4, nil, n = 4 })
    local s = sales():pivot_wider{ names_from = "year", names_sep = ".",
                                   values_from = { "sales", "units" } }
    eq(s:names()[2], "sales.2020")
end

function T.wider_with_id_cols_and_names_in_order_of_appearance()
    local d = coda.dataset({
        { g = "b", k = "y", v = 1.5 }, { g = "a", k = "x", v = 2 },
        { g = "b", k = "x", v = 3 },
    }, { "g", "k", "v" })
    local w = d:pivot_wider{ names_from = "k", values_from = "v", id_cols = "g" }
    eq(w:names(), { "g", "y", "x" })
    eq(h.values(w, "g"), { "b", "a", n = 2 })
    eq(h.values(w, "x"), { 3.0, 2.0, n = 2 })
    eq(h.values(w, "y"), { 1.5, nil, n = 2 })
end

function T.wider_refuses_duplicates_naming_the_rows()
    local d = coda.dataset({ { id = 1, k = "x", v = 1 }, { id = 1, k = "x", v = 2 } },
                           { "id", "k", "v" })
    h.assert_error(function()
        d:pivot_wider{ names_from = "k", values_from = "v" }
    end, 'rows 1 and 2 have the same id columns and k "x"', true)
end

function T.wider_errors()
    local d = sales()
    h.assert_error(function() d:pivot_wider{ names_from = "yeer", values_from = "sales" } end,
                   "yeer", true)
    h.assert_error(function() d:pivot_wider{ values_from = "sales" } end,
                   "names_from must name", true)
    h.assert_error(function()
        d:pivot_wider{ names_from = "year", values_from = "sales", values_fill = "none" }
    end, "values_fill is string but \"sales\" holds integer values", true)
    h.assert_error(function()
        d:pivot_wider{ names_from = "year", values_from = "year" }
    end, "is also a values or id column", true)
    h.assert_error(function()
        d:pivot_wider{ names_from = "year", values_from = "sales", fill = 0 }
    end, "unknown option", true)
    local clash = coda.dataset({ { a = "b", b = 1 } }, { "a", "b" })
    h.assert_error(function()
        clash:pivot_wider{ names_from = "a", values_from = "b", id_cols = { "a" } }
    end, "is also a values or id column", true)
    local multi = coda.dataset({ { id = 1, k = "x", m = { "a", "b" } } }, { "id", "k", "m" })
    h.assert_error(function()
        multi:pivot_wider{ names_from = "k", values_from = "m" }
    end, 'values_from "m" is multi: unnest it first', true)
    h.assert_error(function()
        multi:pivot_wider{ names_from = "m", values_from = "id" }
    end, 'names_from "m" is multi: unnest it first', true)
    local taken = coda.dataset({ { id = "x", k = "id", v = 1 } }, { "id", "k", "v" })
    h.assert_error(function()
        taken:pivot_wider{ names_from = "k", values_from = "v" }
    end, 'a new column would be called "id"', true)
end

function T.longer_is_the_inverse_of_wider()
    local w = sales():select("shop", "year", "sales")
                     :pivot_wider{ names_from = "year", values_from = "sales" }
    local l = w:pivot_longer{ cols = { "2020", "2021" }, names_to = "year",
                              values_to = "sales" }
    eq(l:names(), { "shop", "year", "sales" })
    eq(h.values(l, "shop"), { 1, 1, 2, 2, 3, 3, 4, 4, n = 8 })
    eq(h.values(l, "year"), { "2020", "2021", "2020", "2021", "2020", "2021",
                              "2020", "2021", n = 8 })
    eq(h.values(l, "sales"), { 10, 12, 7, nil, nil, 5, nil, nil, n = 8 })
    local d = w:pivot_longer{ cols = { "2020", "2021" }, values_drop_na = true }
    eq(d:names(), { "shop", "name", "value" })
    eq(h.values(d, "shop"), { 1, 1, 2, 3, n = 4 })
    eq(h.values(d, "value"), { 10, 12, 7, 5, n = 4 })
end

function T.longer_mixes_integers_and_numbers_and_keeps_strings()
    local d = coda.dataset({ { id = "a", x = 1, y = 2.5, s = "p", t = "q" } },
                           { "id", "x", "y", "s", "t" })
    local l = d:pivot_longer{ cols = { "y", "x" } }
    eq(l:type("value"), "number")
    eq(h.values(l, "name"), { "y", "x", n = 2 })
    eq(h.values(l, "value"), { 2.5, 1.0, n = 2 })
    eq(h.values(l, "s"), { "p", "p", n = 2 })
    local s = d:pivot_longer{ cols = { "s", "t" }, values_to = "letter" }
    eq(h.values(s, "letter"), { "p", "q", n = 2 })
end

function T.longer_errors()
    local d = coda.dataset({ { id = "a", x = 1, s = "p" } }, { "id", "x", "s" })
    h.assert_error(function() d:pivot_longer{ cols = { "x", "s" } } end,
                   '"x" holds integer values and "s" string', true)
    h.assert_error(function() d:pivot_longer{ cols = {} } end, "empty list", true)
    h.assert_error(function() d:pivot_longer{ cols = { "x" }, names_to = "id" } end,
                   'names_to "id" is the name of a column kept', true)
    h.assert_error(function() d:pivot_longer{ cols = "x", names_to = "v", values_to = "v" } end,
                   'names_to and values_to are both "v"', true)
    h.assert_error(function() d:pivot_longer{ cols = { "nope" } } end, "nope", true)
end

-- 8000 ids by 8000 names is 64 million cells: refused before any is made.
function T.wider_refuses_too_many_cells()
    local rows = {}
    for i = 1, 8000 do
        rows[i] = { id = i, k = "k" .. i, v = i }
    end
    local d = coda.dataset(rows, { "id", "k", "v" })
    h.assert_error(function() d:pivot_wider{ names_from = "k", values_from = "v" } end,
                   "pivot_wider: 8000 ids by 8000 values of k is too many cells", true)
end

function T.pivots_of_empty_datasets()
    local d = coda.dataset({}, { "id", "k", "v" })
    local w = d:pivot_wider{ names_from = "k", values_from = "v" }
    eq(w:nrow(), 0)
    eq(w:names(), { "id" })
    local l = d:pivot_longer{ cols = { "k", "v" } }
    eq(l:nrow(), 0)
    eq(l:names(), { "id", "name", "value" })
end

return T
