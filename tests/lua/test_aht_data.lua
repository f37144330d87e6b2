-- test_aht_data.lua - the synthetic AHT 2020 dataset (datasets/aht2020):
-- every published count, read back through coda's own verbs, and the joint
-- constraints of its data dictionary (README.md there).
--
-- One test per row of published_figures.csv ("figure <id>"), then the
-- constraints.  The figure id picks the data (README.md, "Figures"):
--   ia.<area>                areas has <area>             base: all orgs
--   approach.<flag>          <flag> == 1                  base: all orgs
--   forms.emerging.total     forms has any emerging.*     base: all orgs
--   eum.intersection         mature, strong, both flags   base: all orgs
--   <p>.<act>.total          <p>_activities has <act>     base: orgs in the area
--   <p>.<act>.<sub>          <p>_sub has <act>.<sub>      base: orgs in the area
--   surv.<group>.<item>      services_received has it     base: all groups
local coda = require("coda")
local h = require("helper")
local eq = h.assert_eq

local src = debug.getinfo(1, "S").source:match("^@(.*)$") or ""
local root = (src:match("^(.*)/tests/lua/[^/]*$") or ".")
local DATA = root .. "/datasets/aht2020/"

local AREA = {
    prev = "prevention", resc = "rescue", pros = "prosecution",
    rehab = "rehabilitation", reint = "reintegration", ra = "research_advocacy",
}
local PREFIXES = { "prev", "resc", "pros", "rehab", "reint", "ra" }

local function org_multi()
    local m = { forms = ";", venues_reported = ";", areas = ";", ra_network_names = ";",
                emerging_approaches = ";", effective_strategies = ";",
                ineffective_strategies = ";" }
    for _, p in ipairs(PREFIXES) do
        m[p .. "_activities"], m[p .. "_sub"] = ";", ";"
    end
    return m
end

-- Loaded once, on first use.
local cache = {}
local function load(name)
    if not cache[name] then
        local opts = {
            organisations = { multi = org_multi() },
            fgd_groups = { multi = { services_received = ";", challenges = ";",
                                     self_perception_before = ";", self_perception_after = ";" } },
            eum_responses = { multi = { leadership_themes = ";" } },
        }
        cache[name] = coda.read_csv(DATA .. name .. ".csv", opts[name])
    end
    return cache[name]
end

local function orgs() return load("organisations") end
local function groups() return load("fgd_groups") end

local function in_area(p)
    return orgs():filter("areas", "has", AREA[p])
end

-- The codes of a multi column that start with a prefix (from frequency()).
local function codes_like(ds, col, prefix)
    local f, out = ds:frequency(col), {}
    for r = 1, f:nrow() do
        local v = f:get(r, "value")
        if v:sub(1, #prefix) == prefix then
            out[#out + 1] = v
        end
    end
    return out
end

-- Text bullets that repeat a table row (I-3: "safe reintegration" is 65%,
-- the Social reintegration row).
local ALIAS = { ["pros.text.legal_systems"] = "legal_systems", ["reint.text.economic"] = "economic",
                ["reint.text.safe_reintegration"] = "social" }
local FLAG = { ["resc.retrafficking_reported"] = "resc_reports_retrafficking",
               ["resc.ceased_rescue"] = "resc_ceased", ["ra.text.networks"] = "ra_networks" }

-- count, base for one figure id, computed with coda.
local function figure(id)
    local p, rest = id:match("^(%a+)%.(.+)$")
    if p == "surv" then
        return groups():filter("services_received", "has", rest):nrow(), groups():nrow()
    elseif p == "ia" then
        return orgs():filter("areas", "has", rest):nrow(), orgs():nrow()
    elseif p == "approach" then
        return orgs():filter(rest, "==", 1):nrow(), orgs():nrow()
    elseif p == "forms" then
        local emerging = codes_like(orgs(), "forms", "emerging.")
        return orgs():filter("forms", "in", emerging):nrow(), orgs():nrow()
    elseif p == "eum" then
        return orgs():filter("eum_school_of_thought", "==", "mature")
            :filter("eum_survivor_relationship", "==", "strong")
            :filter("service_delivery", "==", 1):filter("system_strengthening", "==", 1):nrow(),
            orgs():nrow()
    end
    local base = in_area(p)
    if FLAG[id] then
        return base:filter(FLAG[id], "==", 1):nrow(), base:nrow()
    end
    local code = ALIAS[id] or rest:gsub("%.total$", "")
    local col = code:find("%.") and p .. "_sub" or p .. "_activities"
    return base:filter(col, "has", code):nrow(), base:nrow()
end

local function half_up(k, n)
    return (200 * k + n) // (2 * n)
end

local T = {}

-- One test per published figure: the data gives count/base exactly; where
-- the row is exact, half-up rounding gives the printed percentage; where it
-- is not, half-up does NOT (the deviation is real and documented).
local figs = coda.read_csv(DATA .. "published_figures.csv")
for r = 1, figs:nrow() do
    local id, want_k, want_n = figs:get(r, "figure_id"), figs:get(r, "count"), figs:get(r, "base_n")
    local pct, exact = figs:get(r, "published_pct"), figs:get(r, "exact")
    T["figure " .. id] = function()
        local k, n = figure(id)
        eq({ k, n }, { want_k, want_n }, id .. " count/base")
        eq(half_up(k, n) == pct, exact == 1, id .. ": half-up " .. half_up(k, n) .. "% vs printed " .. pct .. "%")
    end
end

function T.figures_are_the_83_rows_of_the_design()
    eq(figs:nrow(), 83)
    eq(figs:filter("exact", "==", 0):nrow(), 12, "non-exact under half-up")
end

-- frequency() bases: an area's activity column is missing outside the area
-- and an (empty) set inside it, so the base of a frequency is the area.
function T.activity_columns_are_missing_exactly_outside_their_area()
    for _, p in ipairs(PREFIXES) do
        local n = in_area(p):nrow()
        for _, col in ipairs({ p .. "_activities", p .. "_sub" }) do
            eq(orgs():filter(col, "present"):nrow(), n, col .. " present")
            eq(in_area(p):filter(col, "missing"):nrow(), 0, col .. " missing inside " .. p)
            local f = orgs():frequency(col)
            eq(f:get(1, "base"), n, col .. " frequency base")
        end
    end
    -- the org that ceased rescue and kept no rescue activity: an empty set
    local empty = in_area("resc"):filter(function(r) return #r.resc_activities == 0 end)
    eq(empty:nrow(), 1, "rescue orgs with no activity left")
    eq(empty:get(1, "resc_ceased"), 1)
end

function T.every_org_has_an_area_and_the_study_sizes()
    eq(orgs():nrow(), 59)
    eq(orgs():filter(function(r) return #r.areas == 0 end):nrow(), 0)
    eq(groups():nrow(), 52)
    eq(load("stakeholders"):nrow(), 120)
    eq(load("eum_responses"):nrow(), 118)
    eq(orgs():frequency("state"):nrow(), 16)
    eq(in_area("resc"):nrow(), 25)
    eq(in_area("rehab"):nrow(), 50)
    eq(in_area("reint"):nrow(), 54)
end

function T.ids_are_complete_and_in_order()
    for i = 1, 59 do
        eq(orgs():get(i, "org_id"), string.format("ORG%02d", i))
        eq(orgs():get(i, "org_name"), string.format("Org %02d", i))
    end
    for i = 1, 52 do
        eq(groups():get(i, "fgd_id"), string.format("FGD%02d", i))
    end
end

function T.named_and_assumed_states()
    local named = { BR = true, KA = true, RJ = true, TN = true, UP = true }
    local seen = {}
    for r = 1, orgs():nrow() do
        local st, assumed = orgs():get(r, "state"), orgs():get(r, "state_assumed")
        eq(assumed, named[st] and 0 or 1, st .. " state_assumed")
        seen[st] = true
    end
    for st in pairs(named) do
        h.assert_true(seen[st], "named state " .. st .. " used")
    end
    eq(orgs():filter("state_assumed", "==", 1):frequency("state"):nrow(), 11)
end

-- For each activity: orgs with one of its subs but not the activity.
local function orphans(p, a)
    local subs = codes_like(orgs(), p .. "_sub", a .. ".")
    return in_area(p):filter(p .. "_sub", "in", subs):filter(function(r)
        for _, x in ipairs(r[p .. "_activities"]) do
            if x == a then return false end
        end
        return true
    end):nrow()
end

function T.child_implies_parent_except_the_two_printed_violations()
    local found = {}
    for _, p in ipairs(PREFIXES) do
        for _, a in ipairs(codes_like(orgs(), p .. "_activities", "")) do
            if orphans(p, a) > 0 then
                found[#found + 1] = p .. "." .. a
            end
        end
    end
    table.sort(found)
    eq(found, { "ra.research", "rehab.activities" }, "I-1 and I-2 only")
    local flows = in_area("ra"):filter("ra_sub", "has", "research.data_on_flows")
    h.assert_true(flows:filter(function(r)
        for _, x in ipairs(r.ra_activities) do
            if x == "research" then return false end
        end
        return true
    end):nrow() >= 27, "at least 27 orgs build data on flows without 'research'")
    h.assert_true(orphans("rehab", "activities") >= 3, "counselling without the parent")
end

function T.every_org_in_an_activity_does_a_listed_sub_activity()
    for _, p in ipairs(PREFIXES) do
        for _, a in ipairs(codes_like(orgs(), p .. "_activities", "")) do
            local subs = codes_like(orgs(), p .. "_sub", a .. ".")
            local without = in_area(p):filter(p .. "_activities", "has", a)
                :filter(function(r)
                    for _, s in ipairs(r[p .. "_sub"]) do
                        if s:sub(1, #a + 1) == a .. "." then return false end
                    end
                    return true
                end)
            eq(without:nrow(), 0, p .. "." .. a .. " without a sub-activity")
            h.assert_true(#subs > 0, p .. "." .. a .. " has subs")
        end
    end
end

local function ids(ds)
    local t = {}
    for r = 1, ds:nrow() do
        t[#t + 1] = ds:get(r, "org_id")
    end
    return t
end

function T.tight_sets()
    local resc = in_area("resc")
    local h1 = resc:filter("resc_sub", "has", "system.helplines")
    eq(h1:filter("resc_sub", "has", "system.crisis_response"):nrow(), 0, "helplines and crisis response disjoint")
    eq(ids(resc:filter("resc_sub", "in", { "system.helplines", "system.crisis_response" })),
       ids(resc:filter("resc_activities", "has", "system")), "their union is 'system'")
    local same = {
        { "resc", "post", "post.immediate_care" },
        { "rehab", "activities", "activities.education_skills" },
        { "reint", "safe", "safe.family_counselling" },
        { "prev", "second_gen", "second_gen.education" },
    }
    for _, s in ipairs(same) do
        local p = s[1]
        eq(ids(in_area(p):filter(p .. "_sub", "has", s[3])),
           ids(in_area(p):filter(p .. "_activities", "has", s[2])), s[3] .. " = " .. s[2])
    end
    eq(in_area("rehab"):filter("rehab_activities", "has", "provide"):nrow(), 50, "provide covers rehab")
end

function T.service_delivery_covers_direct_work()
    local direct = orgs():filter("areas", "in", { "rescue", "rehabilitation", "reintegration" })
    eq(direct:filter("service_delivery", "==", 0):nrow(), 0)
    local non = orgs():filter("service_delivery", "==", 0)
    eq(non:nrow(), 2)
end

function T.eum_intersection_inside_both_approaches()
    local both = orgs():filter("service_delivery", "==", 1):filter("system_strengthening", "==", 1)
    h.assert_true(both:nrow() >= 23 and both:nrow() <= 25, "23..25 orgs do both")
    eq(both:filter("eum_school_of_thought", "==", "mature")
        :filter("eum_survivor_relationship", "==", "strong"):nrow(), 9)
    h.assert_true(orgs():filter("eum_school_of_thought", "==", "mature")
        :filter("eum_survivor_relationship", "==", "strong"):nrow() > 9,
        "some mature+strong orgs lack one approach")
end

function T.forms_scope_matches_forms()
    for r = 1, orgs():nrow() do
        local scope, lab, sex = orgs():get(r, "forms_scope"), false, false
        for _, f in ipairs(orgs():get(r, "forms")) do
            lab = lab or f:find("^labour%.") ~= nil
            sex = sex or f:find("^sexual%.") ~= nil
        end
        local want = ({ labour = { true, false }, sexual = { false, true }, both = { true, true } })[scope]
        eq({ lab, sex }, want, orgs():get(r, "org_id") .. " forms vs " .. scope)
    end
    local sexwork = in_area("prev"):filter("prev_sub", "in",
        { "second_gen.education", "second_gen.safe_housing", "awareness.hiv_aids" })
    eq(sexwork:filter("forms_scope", "==", "labour"):nrow(), 0, "sex-work prevention is not labour-only")
    eq(orgs():filter("forms", "has", "organ"):nrow(), 0, "nobody combats organ trafficking")
    h.assert_true(orgs():filter("organ_trafficking_reported_in_region", "==", 1):nrow() >= 1)
end

function T.printed_counts_without_percentages()
    eq(in_area("pros"):filter("pros_resource_constraints", "==", 1):nrow(), 13, "all prosecution orgs")
    -- I-4: 'Four surveyed organisations' adopted community-based rehabilitation
    local four = orgs():filter("emerging_approaches", "has", "emerging.rehab.transit_plus_community")
    eq(four:nrow(), 4)
    eq(four:filter("rehab_sub", "has", "provide.community_based"):nrow(), 4)
    local karnataka = orgs():filter("emerging_approaches", "has",
        "emerging.reint.market_aligned_skills_partnership"):filter("state", "==", "KA")
    h.assert_true(karnataka:nrow() >= 1, "a Karnataka org with skilling partnerships")
end

function T.eum_one_o_and_one_i_per_org()
    local eum = load("eum_responses")
    local seen = {}
    for r = 1, eum:nrow() do
        local key = eum:get(r, "org_id") .. eum:get(r, "instrument")
        h.assert_true(not seen[key], "duplicate " .. key)
        seen[key] = true
        local themes = eum:get(r, "leadership_themes")
        eq(#themes > 0, eum:get(r, "instrument") == "I", key .. " leadership themes")
    end
    eq(eum:frequency("instrument"):nrow(), 2)
end

function T.every_org_has_a_leader_interview()
    local iv = load("interviews"):filter("role", "==", "senior_leadership")
    eq(iv:nrow(), 59)
    eq(iv:frequency("org_id"):nrow(), 59)
end

function T.planted_disagreements_are_balanced()
    local d = load("fgd_disagreements")
    eq(d:frequency("fgd_id"):nrow(), 3, "three groups")
    local by = {}
    for r = 1, d:nrow() do
        local code = d:get(r, "code")
        by[code] = (by[code] or 0) + (d:get(r, "human") - d:get(r, "text"))
        local g = groups():filter("fgd_id", "==", d:get(r, "fgd_id"))
        eq(g:filter("services_received", "has", code):nrow(), d:get(r, "human"), "human cell")
    end
    for code, net in pairs(by) do
        eq(net, 0, code .. ": text and human totals agree")
    end
end

local function lines_of(path)
    local t = {}
    for l in io.lines(path) do
        t[#t + 1] = l
    end
    return t
end

-- Every coded excerpt is the text of its turn, at its unit, by its speaker.
function T.qual_codes_point_at_their_turns()
    local q = load("qual_codes")
    local dir = { org_interview = "org", stakeholder_interview = "stakeholder", eum_i = "eum", fgd = "fgd" }
    local files = {}
    for r = 1, q:nrow() do
        local path = DATA .. "transcripts/" .. dir[q:get(r, "source_type")] .. "/" .. q:get(r, "source_id") .. ".txt"
        files[path] = files[path] or lines_of(path)
        eq(files[path][q:get(r, "unit")], q:get(r, "speaker") .. ": " .. q:get(r, "excerpt"), q:get(r, "segment_id"))
    end
end

-- Each qualitative code of the codebooks (bar the counted services) is
-- carried by at least one excerpt.
function T.every_qualitative_code_has_an_excerpt()
    local q = load("qual_codes")
    for _, cb in ipairs({ "org", "fgd" }) do
        local book = coda.read_csv(DATA .. "codebooks/" .. cb .. ".csv", { infer = false })
        eq(book:names(), { "code", "pattern", "description", "parent", "flags", "exclude",
                           "example", "counterexample" })
        for _, code in ipairs(h.values(book:frequency("code"), "value")) do
            if not code:find("^social%.") and not code:find("^socio_economic%.") then
                h.assert_true(q:filter("theme_code", "==", code):nrow() > 0, code .. " has an excerpt")
            end
        end
    end
end

-- Coding the transcripts with coda's own coder (turn units, facilitator and
-- interviewer left out) gives what the data says.
local SKIP = { exclude_speakers = { "Facilitator", "Interviewer" } }

local function coded_pairs(book, dir)
    local cb = coda.read_codebook(DATA .. "codebooks/" .. book .. ".csv")
    local seg = cb:code(coda.read_corpus(DATA .. "transcripts/" .. dir), SKIP)
    local set = {}
    for r = 1, seg:nrow() do
        set[seg:get(r, "doc") .. " " .. seg:get(r, "code")] = true
    end
    return set
end

local function sorted_keys(t)
    local k = {}
    for x in pairs(t) do
        k[#k + 1] = x
    end
    table.sort(k)
    return k
end

function T.codebooks_pass_coda_check()
    for _, book in ipairs({ "fgd", "org" }) do
        local ck = coda.read_codebook(DATA .. "codebooks/" .. book .. ".csv"):check()
        eq(ck:filter("status", "~=", "ok"):nrow(), 0, book .. ".csv: failed or warned checks")
    end
end

function T.coder_gives_published_services_and_the_planted_disagreements()
    local text = coded_pairs("fgd", "fgd")
    local human = {}
    for r = 1, groups():nrow() do
        local id = groups():get(r, "fgd_id")
        for _, c in ipairs(groups():get(r, "services_received")) do human[id .. " " .. c] = true end
        for _, c in ipairs(groups():get(r, "challenges")) do human[id .. " " .. c] = true end
        for _, side in ipairs({ "before", "after" }) do
            for _, v in ipairs(groups():get(r, "self_perception_" .. side)) do
                human[id .. " self_perception." .. side .. "." .. v] = true
            end
        end
    end
    local per = {}
    for _, k in ipairs(sorted_keys(text)) do
        local code = k:match(" (.*)$")
        per[code] = (per[code] or 0) + 1
    end
    for r = 1, figs:nrow() do
        local code = figs:get(r, "figure_id"):match("^surv%.(.+)$")
        if code then
            eq(per[code], figs:get(r, "count"), code .. " coded from the transcripts")
        end
    end
    local diffs = {}
    for _, k in ipairs(sorted_keys(human)) do
        if not text[k] then diffs[#diffs + 1] = k .. " human" end
    end
    for _, k in ipairs(sorted_keys(text)) do
        if not human[k] then diffs[#diffs + 1] = k .. " text" end
    end
    table.sort(diffs)
    local d, want = load("fgd_disagreements"), {}
    for r = 1, d:nrow() do
        want[#want + 1] = d:get(r, "fgd_id") .. " " .. d:get(r, "code") .. " "
            .. (d:get(r, "human") == 1 and "human" or "text")
    end
    table.sort(want)
    eq(diffs, want, "text vs human coding")
end

function T.coder_gives_qual_codes()
    local q = load("qual_codes")
    for _, src in ipairs({ { "org", "org_interview" }, { "stakeholder", "stakeholder_interview" },
                           { "eum", "eum_i" } }) do
        local want = {}
        local rows = q:filter("source_type", "==", src[2])
        for r = 1, rows:nrow() do
            want[rows:get(r, "source_id") .. " " .. rows:get(r, "theme_code")] = true
        end
        eq(sorted_keys(coded_pairs("org", src[1])), sorted_keys(want), src[1] .. " transcripts")
    end
end

-- The data dictionary names rows by id; it must stay in step with the data.
function T.readme_names_the_special_rows()
    local readme = h.read(DATA .. "README.md")
    local d = load("fgd_disagreements")
    for r = 1, d:nrow() do
        h.assert_match(readme, "| " .. d:get(r, "fgd_id") .. " | `" .. d:get(r, "code") .. "` | "
            .. d:get(r, "human") .. " | " .. d:get(r, "text") .. " |", true, "planted cell")
    end
    local ceased = ids(orgs():filter("resc_ceased", "==", 1))
    h.assert_match(readme, "(" .. table.concat(ceased, ", ") .. ")", true, "ceased orgs")
    for _, id in ipairs(ids(orgs():filter("service_delivery", "==", 0))) do
        h.assert_match(readme, id .. " (a `", true, "non-service-delivery org")
    end
    for _, name in ipairs({ "organisations", "fgd_groups", "fgd_disagreements", "eum_responses",
                            "stakeholders", "interviews", "qual_codes" }) do
        h.assert_match(readme, "| `" .. name .. ".csv` | " .. load(name):nrow() .. " |", true, "files table")
    end
    local q = load("qual_codes"):frequency("source_type")
    for r = 1, q:nrow() do
        h.assert_match(readme, "`" .. q:get(r, "value") .. "` (" .. q:get(r, "count") .. ")", true, "qual_codes sources")
    end
    local testimony = load("qual_codes"):filter(function(r)
        return r.excerpt:find("came out of sex work", 1, true) ~= nil end)
    eq(testimony:frequency("source_id"):nrow(), 1, "one testimony group")
    h.assert_match(readme, "paraphrased in " .. testimony:get(1, "source_id"), true, "testimony group")
end

function T.every_transcript_path_exists()
    for _, t in ipairs({ { "organisations", 59 }, { "fgd_groups", 52 }, { "stakeholders", 120 },
                         { "eum_responses", 118 }, { "interviews" } }) do
        local ds = load(t[1])
        for r = 1, ds:nrow() do
            h.assert_true(h.exists(DATA .. ds:get(r, "transcript_path")), ds:get(r, "transcript_path"))
        end
    end
end

-- Transcripts are "Speaker: text" turns, UTF-8, and say they are synthetic.
function T.transcripts_are_turns()
    for _, path in ipairs({ "transcripts/org/ORG01.txt", "transcripts/fgd/FGD01.txt",
                            "transcripts/stakeholder/STK001.txt", "transcripts/eum/EUM001.txt" }) do
        local lines = lines_of(DATA .. path)
        h.assert_match(lines[1], "^Note: SYNTHETIC ")
        for i, l in ipairs(lines) do
            h.assert_true(l:match("^[%w ]+: %S"), path .. ":" .. i .. " is a turn")
            h.assert_true(utf8.len(l), path .. ":" .. i .. " is UTF-8")
        end
    end
end

return T
