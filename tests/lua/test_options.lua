-- test_options.lua - an unknown option names every option the function
-- accepts, and nothing it refuses; a bad string choice names the choices.
local coda = require("coda")
local h = require("helper")
local eq, err = h.assert_eq, h.assert_error

local T = {}

local function survey()
    return coda.read_csv("datasets/examples/survey.csv", { multi = { areas = ";" } })
end

-- Each function with the options its documentation gives it.
local cases = {
    { "read_csv", function(o) return coda.read_csv("datasets/examples/survey.csv", o) end,
      { "infer", "sep", "delim", "na", "types", "multi", "threads", "block",
        "min_chunk", "line_column", "decimal", "thousands" } },
    { "write_csv", function(o) return survey():write_csv(h.path("o.csv"), o) end,
      { "sep" } },
    { "join", function(o) return survey():join(survey(), o) end,
      { "on", "how", "validate", "suffix" } },
    { "unnest", function(o) return survey():unnest("areas", o) end,
      { "keep_empty" } },
    { "to_markdown", function(o) return survey():to_markdown(o) end,
      { "digits" } },
    { "read_documents", function(o) return coda.read_documents("id,text\n1,a\n", o) end,
      { "name" } },
    { "corpus_batches", function(o) return coda.corpus_batches("tests/fixtures/coding/fgd", o) end,
      { "unit", "invalid", "encoding", "meta", "meta_id", "id", "text", "format",
        "ids", "batch_kb", "shard", "max_record", "copy" } },
    { "segment_writer", function(o) return coda.segment_writer(h.path("w.csv"), "csv", o) end,
      { "context", "page_kb", "title", "codebook" } },
    { "ci", function(o) return coda.stats.ci(1, 2, o) end, { "method", "level" } },
    { "frequency", function(o) return survey():frequency("state", o) end,
      { "base", "within", "order", "all_labels", "ci", "level", "weight", "partial" } },
    { "crosstab", function(o) return survey():crosstab("state", "consent", o) end,
      { "ci", "level", "weight", "partial" } },
    { "summarise", function(o) return survey():summarise({ { "n", "count" } }, o) end,
      { "weight", "partial" } },
    { "merge", function(o)
        return coda.merge({ survey():frequency("state", { partial = true }) }, o)
      end, { "partial" } },
}

-- The options an "unknown option" error lists, in its order.
local function listed(fn, call)
    local e = err(function() call({ not_an_option = 1 }) end,
                  fn .. ': unknown option "not_an_option" (options: ', true)
    local names = {}
    for name in e:match("%(options: ([^)]*)%)"):gmatch("[^, ]+") do
        names[#names + 1] = name
    end
    return names
end

function T.unknown_option_lists_every_option()
    for _, c in ipairs(cases) do
        eq(listed(c[1], c[2]), c[3], c[1])
    end
end

-- Every option listed is accepted: giving it may be wrong in value, never
-- unknown.
function T.listed_options_are_accepted()
    for _, c in ipairs(cases) do
        for _, name in ipairs(listed(c[1], c[2])) do
            local ok, e = pcall(c[2], { [name] = 1 })
            h.assert_true(ok or not tostring(e):find("unknown option", 1, true),
                          c[1] .. " refuses its own option " .. name .. ": " .. tostring(e))
        end
    end
end

function T.bad_choice_names_the_choices()
    local ds = survey()
    err(function() ds:join(ds, { on = "id", how = "outer" }) end,
        'join: how must be "inner" or "left", not "outer"', true)
    err(function() ds:join(ds, { on = "id", validate = "1:1" }) end,
        'join: validate must be "many_to_many", "one_to_one", "many_to_one" or '
        .. '"one_to_many", not "1:1"', true)
    err(function() ds:sort{ { "age", "down" } } end,
        'sort: direction must be "asc" or "desc", not "down"', true)
    err(function() ds:sort{ { "age", true } } end,
        'sort: direction must be "asc" or "desc", not "true"', true)
    local a = coda.dataset({ { doc = "d1", codes = { "x" } } }, { "doc", "codes" })
    err(function() coda.stats.agreement(a, a, { id = "doc", unmatched = "keep" }) end,
        'agreement: unmatched must be "error" or "drop", not "keep"', true)
    err(function() coda.read_corpus("tests/fixtures", { ids = "number" }) end,
        'read_corpus: option ids must be "name" or "path", not "number"', true)
end

function T.choices_still_choose()
    local ds = survey()
    eq(ds:sort{ { "age", "desc" } }:get(1, "age"), 60)
    eq(ds:sort{ { "age", "asc" } }:get(1, "age"), 27)
    local left = ds:select("id"):join(ds:filter("state", "==", "Assam"):select("id", "state"),
                                     { on = "id", how = "left" })
    eq(left:nrow(), ds:nrow())
end

return T
