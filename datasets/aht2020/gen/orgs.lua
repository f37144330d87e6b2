-- orgs.lua - the 59 synthetic organisations of organisations.csv.
--
-- Built in the order the constraints of dataset_design.md section 5 need:
-- areas, then activities and sub-activities per area, then flags, EUM
-- classes, forms of trafficking, qualitative themes and, last, states (so a
-- theme that names a state can pin its organisation there).

local assign = require("assign")
local Q = require("query")
local S = require("sets")
local T = require("targets")

local has, in_area = S.has, Q.in_area

local M = {}

M.does = Q.does
M.THEMES = require("org_themes")

-- The sub-activities whose orgs may come from outside the parent activity:
-- the two hierarchy violations the report itself prints (I-1: research is
-- smaller than each of its three subs; I-2: counselling exceeds its parent).
M.OVERFLOW = {
    ["ra.research.action_research"] = true, ["ra.research.data_on_flows"] = true,
    ["ra.research.commons"] = true, ["rehab.activities.counselling"] = true,
}

-- The 16 states: the five the study names, then eleven assumed ones, with
-- how many organisations each gets (unknown in the report; >= 1 each).
M.STATES = {
    { "RJ", 5, false }, { "BR", 6, false }, { "UP", 6, false },
    { "TN", 5, false }, { "KA", 5, false },
    { "WB", 5, true }, { "MH", 4, true }, { "AP", 3, true }, { "TG", 3, true },
    { "JH", 3, true }, { "OD", 3, true }, { "AS", 3, true }, { "DL", 2, true },
    { "MP", 2, true }, { "GA", 2, true }, { "CG", 2, true },
}

M.LABOUR_FORMS = {
    "labour.bonded_labour", "labour.child_labour", "labour.domestic_servitude",
    "labour.forced_begging", "labour.forced_labour",
}

local function orgs_where(orgs, pred)
    return S.where(S.range(#orgs), function(i) return pred(orgs[i], i) end)
end

-- Areas.  Two orgs do no service delivery (N1: a research and advocacy
-- network; N2: a technical resource org that also works on legal systems);
-- every other org is in rescue, rehabilitation or reintegration.
local function build_areas(rng, t, orgs)
    local all = S.range(#orgs)
    local n1, n2 = table.unpack(rng:sample(all, 2))
    local sd = S.where(all, function(i) return i ~= n1 and i ~= n2 end)
    local reint = S.of(rng:sample(sd, t.area_n.reint))
    local not_reint = S.where(sd, function(i) return not reint[i] end)
    local sets = assign.assign(rng, all, {
        { code = "rehabilitation", count = t.area_n.rehab, pool = S.of(sd), must = not_reint },
        { code = "rescue", count = t.area_n.resc, pool = S.of(sd) },
        { code = "prevention", count = t.count["ia.prevention"], must = { n1, n2 } },
        { code = "research_advocacy", count = t.count["ia.research_advocacy"], must = { n1, n2 } },
        { code = "prosecution", count = t.count["ia.prosecution"], must = { n2 }, forbid = S.of({ n1 }) },
    })
    sets[#sets + 1] = reint
    local names = { "rehabilitation", "rescue", "prevention", "research_advocacy",
                    "prosecution", "reintegration" }
    for i, o in ipairs(orgs) do
        o.areas = {}
        for k, name in ipairs(names) do
            if sets[k][i] then
                table.insert(o.areas, name)
            end
        end
    end
    return n1, n2
end

-- Activities of area p for the orgs in base; rules add must/forbid/cover.
local function build_activities(rng, t, orgs, p, base, rules)
    local specs = {}
    for _, a in ipairs(t.acts[p]) do
        local r = rules[a] or {}
        specs[#specs + 1] = { code = a, count = t.count[p .. "." .. a .. ".total"],
                              must = r.must, forbid = r.forbid and S.of(r.forbid) }
    end
    local sets = assign.assign(rng, base, specs, rules.cover or base)
    for _, i in ipairs(base) do
        local acts = {}
        for k, a in ipairs(t.acts[p]) do
            if sets[k][i] then
                acts[#acts + 1] = a
            end
        end
        orgs[i][p .. "_activities"] = acts
    end
end

-- Sub-activities of each activity; a sub's members come from its parent,
-- except for the overflow subs, which come from the whole area.
local function build_subs(rng, t, orgs, p, base, must)
    for _, i in ipairs(base) do
        orgs[i][p .. "_sub"] = {}
    end
    for _, a in ipairs(t.acts[p]) do
        local parent = S.where(base, function(i) return M.does(orgs[i], p, a) end)
        local specs = {}
        for _, s in ipairs(t.subs[p][a]) do
            local code = a .. "." .. s
            local overflow = M.OVERFLOW[p .. "." .. code]
            specs[#specs + 1] = { code = code, count = t.count[p .. "." .. code],
                                  pool = S.of(overflow and base or parent), must = must[code] }
        end
        local sets = assign.assign(rng, base, specs, parent)
        for _, i in ipairs(base) do
            for k, sp in ipairs(specs) do
                if sets[k][i] then
                    table.insert(orgs[i][p .. "_sub"], sp.code)
                end
            end
        end
    end
end

local function build_area_work(rng, t, orgs, n1, n2)
    local base = {}
    for _, p in ipairs(T.PREFIXES) do
        base[p] = orgs_where(orgs, function(o) return in_area(o, p) end)
    end
    -- Rescue: the two orgs that ceased rescue (I-14) no longer run rescue
    -- operations; one still keeps its helpline/system work, one does nothing.
    local ceased = rng:sample(base.resc, 2)
    for _, i in ipairs(ceased) do
        orgs[i].resc_ceased = true
    end
    local rules = {
        prev = {},
        resc = { ops = { forbid = ceased },
                 system = { must = { ceased[1] }, forbid = { ceased[2] } },
                 post = { forbid = { ceased[2] } },
                 cover = S.where(base.resc, function(i) return i ~= ceased[2] end) },
        pros = { legal_support = { forbid = { n2 } }, legal_systems = { must = { n2 } } },
        rehab = {},
        reint = {},
        ra = { research = { must = { n1 } } },
    }
    local must_sub = { ["legal_systems.legal_reform_advocacy"] = { n2 } }
    for _, p in ipairs(T.PREFIXES) do
        build_activities(rng, t, orgs, p, base[p], rules[p])
        build_subs(rng, t, orgs, p, base[p], must_sub)
    end
    return base
end

-- Flags of section 3.1 that hang off an area.
local function build_flags(rng, t, orgs, base, n1, n2)
    for _, i in ipairs(base.resc) do
        local o = orgs[i]
        o.resc_reports_retrafficking = true
        o.resc_ceased = o.resc_ceased or false
    end
    local lawyer_orgs = S.where(base.pros, function(i)
        return M.does(orgs[i], "pros", "legal_support.lawyer_access") end)
    local inhouse = S.of(rng:sample(lawyer_orgs, 3))
    for _, i in ipairs(base.pros) do
        orgs[i].pros_resource_constraints = true
        orgs[i].pros_inhouse_lawyer = inhouse[i] or false
    end
    local advocacy = S.where(base.ra, function(i)
        return i ~= n1 and M.does(orgs[i], "ra", "advocacy") end)
    local nets = S.of(rng:sample(advocacy, t.count["ra.text.networks"] - 1))
    nets[n1] = true
    for _, i in ipairs(base.ra) do
        orgs[i].ra_networks = nets[i] or false
    end
    for i, o in ipairs(orgs) do
        o.service_delivery = i ~= n1 and i ~= n2
    end
    -- System strengthening is its own judgement (I-12), drawn among orgs
    -- that do some system-facing work.
    local systemic = orgs_where(orgs, function(o, i)
        return o.service_delivery and (M.does(o, "prev", "systems")
            or M.does(o, "resc", "system") or M.does(o, "pros", "legal_systems")
            or M.does(o, "ra", "advocacy.bolster_govt_systems"))
    end)
    local ss = S.of(rng:sample(systemic, t.count["approach.system_strengthening"] - 2))
    for i, o in ipairs(orgs) do
        o.system_strengthening = ss[i] or i == n1 or i == n2
    end
end

-- EUM classes: exactly eum.intersection orgs are mature + strong + service
-- delivery + system strengthening; other orgs may be mature and strong but
-- then lack one of the two approaches.
local function build_eum(rng, t, orgs)
    local both = orgs_where(orgs, function(o)
        return o.service_delivery and o.system_strengthening end)
    local top = S.of(rng:sample(both, t.count["eum.intersection"]))
    local schools = { "mature", "evolving", "nascent" }
    local rels = { "strong", "moderate", "weak" }
    for i, o in ipairs(orgs) do
        if top[i] then
            o.eum_school_of_thought, o.eum_survivor_relationship = "mature", "strong"
        else
            repeat
                o.eum_school_of_thought = schools[rng:weighted({ 3, 4, 2 })]
                o.eum_survivor_relationship = rels[rng:weighted({ 3, 4, 2 })]
            until not (o.service_delivery and o.system_strengthening
                       and o.eum_school_of_thought == "mature"
                       and o.eum_survivor_relationship == "strong")
        end
    end
end

-- Forms of trafficking.  Orgs working with sex workers' children or on
-- HIV/AIDS with sex workers are sexual or both (constraint 8).
local function build_forms(rng, t, orgs)
    local scopes = { "labour", "sexual", "both" }
    for _, o in ipairs(orgs) do
        local sexual = M.does(o, "prev", "second_gen") or M.does(o, "prev", "awareness.hiv_aids")
        o.forms_scope = sexual and scopes[rng:weighted({ 0, 1, 2 })]
            or scopes[rng:weighted({ 4, 2, 3 })]
        local forms = {}
        if o.forms_scope ~= "sexual" then
            forms = rng:sample(M.LABOUR_FORMS, rng:int(1, 3))
        end
        if o.forms_scope ~= "labour" then
            forms[#forms + 1] = "sexual.commercial_sexual_exploitation"
        end
        o.forms = forms
        o.venues_reported = {}
        o.organ_trafficking_reported_in_region = false
    end
    local emerging = { "emerging.forced_marriage_bride_trafficking", "emerging.sex_tourism" }
    local picks = rng:sample(S.range(#orgs), t.count["forms.emerging.total"])
    for k, i in ipairs(picks) do
        table.insert(orgs[i].forms, emerging[(k - 1) % 2 + 1])
    end
    table.insert(orgs[picks[1]].forms, emerging[2])
    for _, i in ipairs(rng:sample(S.range(#orgs), 4)) do
        orgs[i].organ_trafficking_reported_in_region = true
    end
    local venues = { "bar", "hotel", "mobile_van", "spa" }
    local sexual = orgs_where(orgs, function(o) return o.forms_scope ~= "labour" end)
    for _, i in ipairs(rng:sample(sexual, 7)) do
        orgs[i].venues_reported = rng:sample(venues, rng:int(1, 2))
    end
end

local function build_types(rng, orgs, n1, n2)
    for _, o in ipairs(orgs) do
        o.org_type = "grassroots_ngo"
    end
    orgs[n1].org_type, orgs[n2].org_type = "network", "technical_resource_org"
    local rest = orgs_where(orgs, function(o, i) return i ~= n1 and i ~= n2 end)
    local cbo = S.where(rest, function(i) return M.does(orgs[i], "reint", "social.changemakers") end)
    for _, i in ipairs(rng:sample(cbo, 4)) do
        orgs[i].org_type = "survivor_collective_cbo"
    end
    local others = S.where(rest, function(i) return orgs[i].org_type == "grassroots_ngo" end)
    local picked = rng:sample(others, 4)
    for k, i in ipairs(picked) do
        orgs[i].org_type = k <= 2 and "technical_resource_org" or "network"
    end
end

-- Network names for the orgs with ra_networks.  The codes are the report's
-- examples; the transcripts never name a real organisation.
local function build_networks(rng, orgs)
    local names = { "freedom_fund_hotspot", "hln", "other", "rajasthan_cross_state_forum" }
    for _, o in ipairs(orgs) do
        if o.ra_networks ~= nil then
            o.ra_network_names = {}
        end
        if o.ra_networks then
            o.ra_network_names = rng:sample(names, rng:weighted({ 6, 3, 1 }))
        end
    end
end

local function build_themes(rng, orgs)
    for _, o in ipairs(orgs) do
        o.themes = {}
    end
    local members = {}
    for _, th in ipairs(M.THEMES) do
        local picked
        if th.same_as then
            picked = members[th.same_as]
        else
            local first = th.include and members[th.include][1]
            local cands = orgs_where(orgs, function(o, i) return th.where(o) and i ~= first end)
            local n = th.n == "all" and #cands or th.n - (first and 1 or 0)
            picked = rng:shuffled(rng:sample(cands, n))
            if first then
                table.insert(picked, 1, first)
            end
        end
        if th.pin_first then
            orgs[picked[1]].pin_state = th.pin_first
        end
        members[th.code] = picked
        for _, i in ipairs(picked) do
            table.insert(orgs[i].themes, th.code)
        end
    end
    for _, o in ipairs(orgs) do
        local function pick(prefix)
            return S.where(o.themes, function(c) return c:sub(1, #prefix) == prefix end)
        end
        o.emerging_approaches = pick("emerging.")
        o.effective_strategies = pick("effective.")
        o.ineffective_strategies = pick("ineffective.")
    end
end

-- States: a quota per state; some themes pin their org to a state (the
-- Karnataka skilling partnership; hotspot programmes in BR, UP and TN; the
-- Rajasthan cross-state forum has at least one member in Rajasthan).
local function build_states(rng, orgs)
    local slots = {}
    for _, st in ipairs(M.STATES) do
        for _ = 1, st[2] do
            slots[#slots + 1] = st[1]
        end
    end
    assert(#slots == #orgs, "state quotas must add up to the number of orgs")
    local function take(state)
        for k, s in ipairs(slots) do
            if s == state then
                return table.remove(slots, k)
            end
        end
        error("no slot left for state " .. state)
    end
    local rj_done = false
    for _, o in ipairs(orgs) do
        if o.pin_state then
            o.state = take(o.pin_state)
        elseif has(o.ra_network_names, "freedom_fund_hotspot") then
            local open = S.where({ "BR", "UP", "TN" }, function(st) return has(slots, st) end)
            o.state = take(rng:pick(open))
        elseif has(o.ra_network_names, "rajasthan_cross_state_forum") and not rj_done then
            o.state, rj_done = take("RJ"), true
        end
    end
    slots = rng:shuffled(slots)
    for _, o in ipairs(orgs) do
        o.state = o.state or table.remove(slots)
    end
    local assumed = {}
    for _, st in ipairs(M.STATES) do
        assumed[st[1]] = st[3]
    end
    for _, o in ipairs(orgs) do
        o.state_assumed = assumed[o.state]
    end
end

function M.build(rng, t)
    local orgs = {}
    for i = 1, 59 do
        orgs[i] = { index = i, org_id = string.format("ORG%02d", i),
                    org_name = string.format("Org %02d", i),
                    transcript_path = string.format("transcripts/org/ORG%02d.txt", i) }
    end
    local n1, n2 = build_areas(rng, t, orgs)
    local base = build_area_work(rng, t, orgs, n1, n2)
    build_flags(rng, t, orgs, base, n1, n2)
    build_eum(rng, t, orgs)
    build_forms(rng, t, orgs)
    build_types(rng, orgs, n1, n2)
    build_networks(rng, orgs)
    build_themes(rng, orgs)
    build_states(rng, orgs)
    return orgs
end

M.COLUMNS = {
    "org_id", "org_name", "state", "state_assumed", "org_type", "forms_scope", "forms",
    "organ_trafficking_reported_in_region", "venues_reported", "areas",
    "service_delivery", "system_strengthening",
    "prev_activities", "prev_sub", "resc_activities", "resc_sub",
    "resc_reports_retrafficking", "resc_ceased", "pros_activities", "pros_sub",
    "pros_resource_constraints", "pros_inhouse_lawyer", "rehab_activities", "rehab_sub",
    "reint_activities", "reint_sub", "ra_activities", "ra_sub", "ra_networks",
    "ra_network_names", "eum_school_of_thought", "eum_survivor_relationship",
    "emerging_approaches", "effective_strategies", "ineffective_strategies",
    "transcript_path",
}

return M
