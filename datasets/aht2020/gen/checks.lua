-- checks.lua - the generator checks its own tables before writing them:
-- every published count (figure id -> data, dataset_design.md section 4)
-- and the joint constraints of section 5.  A failure stops the run.

local Q = require("query")
local S = require("sets")
local T = require("targets")

local M = {}

-- Count of orgs (or groups) for one figure id; returns count, base.
function M.figure(id, orgs, groups)
    local function count(list, pred)
        local n = 0
        for _, x in ipairs(list) do
            if pred(x) then
                n = n + 1
            end
        end
        return n
    end
    local function base_of(p)
        return S.where(orgs, function(o) return Q.in_area(o, p) end)
    end
    local p, rest = id:match("^(%a+)%.(.+)$")
    if p == "surv" then
        return count(groups, function(g) return S.has(g.services_received, rest) end), #groups
    elseif p == "forms" then
        return count(orgs, Q.has_emerging_form), #orgs
    elseif p == "ia" then
        return count(orgs, function(o) return S.has(o.areas, rest) end), #orgs
    elseif p == "approach" then
        return count(orgs, function(o) return o[rest] end), #orgs
    elseif p == "eum" then
        return count(orgs, function(o)
            return o.eum_school_of_thought == "mature" and o.eum_survivor_relationship == "strong"
                and o.service_delivery and o.system_strengthening end), #orgs
    end
    local b = base_of(p)
    local flags = { ["resc.retrafficking_reported"] = "resc_reports_retrafficking",
                    ["resc.ceased_rescue"] = "resc_ceased", ["ra.text.networks"] = "ra_networks" }
    -- text bullets that repeat a table row (reint safe_reintegration: I-3)
    local alias = { ["pros.text.legal_systems"] = "legal_systems",
                    ["reint.text.economic"] = "economic",
                    ["reint.text.safe_reintegration"] = "social" }
    if flags[id] then
        return count(b, function(o) return o[flags[id]] end), #b
    end
    local code = alias[id] or rest:gsub("%.total$", "")
    return count(b, function(o) return Q.does(o, p, code) end), #b
end

local function check_figures(t, orgs, groups, fail)
    for _, id in ipairs(t.ids) do
        local k, n = M.figure(id, orgs, groups)
        if k ~= t.count[id] or n ~= t.base[id] then
            fail(string.format("%s: %d/%d, want %d/%d", id, k, n, t.count[id], t.base[id]))
        end
    end
end

-- Child => parent everywhere except the two printed violations; every org in
-- an activity does a listed sub-activity; area columns only inside the area.
local function check_hierarchy(t, orgs, fail)
    local violations = {}
    for _, o in ipairs(orgs) do
        for _, p in ipairs(T.PREFIXES) do
            local inside = Q.in_area(o, p)
            if (o[p .. "_activities"] ~= nil) ~= inside or (o[p .. "_sub"] ~= nil) ~= inside then
                fail(o.org_id .. ": " .. p .. " columns must be present exactly inside the area")
            end
            for _, sub in ipairs(o[p .. "_sub"] or {}) do
                local a = sub:match("^([^.]+)")
                if not Q.does(o, p, a) then
                    violations[p .. "." .. a] = true
                end
            end
            for _, a in ipairs(o[p .. "_activities"] or {}) do
                local any = S.where(o[p .. "_sub"], function(s) return s:match("^([^.]+)") == a end)
                if #any == 0 then
                    fail(o.org_id .. ": " .. p .. "." .. a .. " without any sub-activity")
                end
            end
        end
    end
    for _, key in ipairs({ "prev.awareness", "prev.econ_empowerment", "prev.second_gen",
                           "prev.systems", "resc.system", "resc.ops", "resc.post",
                           "pros.legal_systems", "pros.legal_support", "rehab.provide",
                           "rehab.activities", "reint.safe", "reint.economic", "reint.social",
                           "ra.research", "ra.advocacy" }) do
        local want = key == "ra.research" or key == "rehab.activities"
        if (violations[key] or false) ~= want then
            fail(key .. ": hierarchy violation " .. (want and "missing" or "unexpected"))
        end
    end
end

local function check_joint(orgs, groups, fail)
    for _, o in ipairs(orgs) do
        if #o.areas == 0 then
            fail(o.org_id .. ": no area")
        end
        local direct = Q.in_area(o, "resc") or Q.in_area(o, "rehab") or Q.in_area(o, "reint")
        if direct and not o.service_delivery then
            fail(o.org_id .. ": direct service work without service delivery")
        end
        local helplines = Q.does(o, "resc", "system.helplines")
        if helplines and Q.does(o, "resc", "system.crisis_response") then
            fail(o.org_id .. ": helplines and crisis response must be disjoint")
        end
        local pairs_equal = { { "resc", "post", "post.immediate_care" },
                              { "rehab", "activities", "activities.education_skills" },
                              { "reint", "safe", "safe.family_counselling" },
                              { "prev", "second_gen", "second_gen.education" } }
        for _, e in ipairs(pairs_equal) do
            if Q.does(o, e[1], e[2]) ~= Q.does(o, e[1], e[3]) then
                fail(o.org_id .. ": " .. e[3] .. " must equal " .. e[2])
            end
        end
        if Q.in_area(o, "rehab") and not Q.does(o, "rehab", "provide") then
            fail(o.org_id .. ": rehab org without provide")
        end
        local sexual = Q.does(o, "prev", "second_gen") or Q.does(o, "prev", "awareness.hiv_aids")
        if sexual and o.forms_scope == "labour" then
            fail(o.org_id .. ": sex-work related prevention in a labour-only org")
        end
        local lab = #S.where(o.forms, function(f) return f:find("^labour%.") end) > 0
        local sex = #S.where(o.forms, function(f) return f:find("^sexual%.") end) > 0
        local want = { labour = { true, false }, sexual = { false, true }, both = { true, true } }
        if want[o.forms_scope][1] ~= lab or want[o.forms_scope][2] ~= sex then
            fail(o.org_id .. ": forms do not match forms_scope")
        end
    end
    for _, g in ipairs(groups) do
        if #g.services_text ~= #g.services_received and not g.plant then
            fail(g.fgd_id .. ": text and human coding differ outside the planted groups")
        end
    end
end

function M.run(t, orgs, groups)
    local problems = {}
    local function fail(msg)
        problems[#problems + 1] = msg
    end
    check_figures(t, orgs, groups, fail)
    check_hierarchy(t, orgs, fail)
    check_joint(orgs, groups, fail)
    -- The text coding must give the same per-code totals as the human one.
    local text_groups = {}
    for i, g in ipairs(groups) do
        text_groups[i] = { services_received = g.services_text }
    end
    for _, id in ipairs(t.ids) do
        if id:find("^surv%.") then
            local k = M.figure(id, orgs, text_groups)
            if k ~= t.count[id] then
                fail(id .. ": text coding gives " .. k .. ", want " .. t.count[id])
            end
        end
    end
    if #problems > 0 then
        error("generated data fails its checks:\n  " .. table.concat(problems, "\n  "), 0)
    end
end

return M
