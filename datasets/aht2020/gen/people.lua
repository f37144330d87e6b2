-- people.lua - the other respondents: EUM O/I responses (118 = one of each
-- per org), institutional stakeholders (120) and the interview register.
-- None of these carries a published percentage; their sizes are printed.

local S = require("sets")

local M = {}

M.STAKEHOLDER_TYPES = {
    { "lawyer", 20 }, { "dlsa_slsa_lawyer", 12 }, { "cwc_member", 18 }, { "cpc_member", 14 },
    { "police", 16 }, { "govt_official", 16 }, { "funder", 8 },
    { "network_representative", 8 }, { "other", 8 },
}

-- Themes stakeholders raise (codebooks/org.csv), by type, and how many.
M.STAKEHOLDER_THEMES = {
    { "challenge.pros.interstate_info_gap", { lawyer = true, dlsa_slsa_lawyer = true }, 6 },
    { "emerging.pros.protest_petitions_network", { lawyer = true, dlsa_slsa_lawyer = true }, 5 },
    { "finding.ra.statutory_body_engagement", { govt_official = true }, 4 },
    { "finding.ra.forums_govt_funder", { funder = true, network_representative = true }, 5 },
    { "finding.ra.macro_system_comfort", { funder = true, network_representative = true, govt_official = true }, 4 },
}

M.LEADERSHIP = { "leadership.dilemmas_ambiguity", "leadership.energy_ideology",
                 "leadership.satisfaction_self_systems", "leadership.systems_engagement" }

local RANGE = { high = { 4, 5 }, mid = { 3, 4 }, low = { 1, 3 } }

-- EUM scores follow the org's classes loosely; the report gives no rule.
local function eum_scores(rng, o)
    local function draw(level)
        return rng:int(RANGE[level][1], RANGE[level][2])
    end
    local school = ({ mature = "high", evolving = "mid", nascent = "low" })[o.eum_school_of_thought]
    local rel = ({ strong = "high", moderate = "mid", weak = "low" })[o.eum_survivor_relationship]
    return draw(school), draw(rel), draw(o.system_strengthening and "high" or "low")
end

function M.eum(rng, orgs)
    local rows = {}
    for _, o in ipairs(orgs) do
        for _, inst in ipairs({ "O", "I" }) do
            local id = string.format("EUM%03d", #rows + 1)
            local v, e, s = eum_scores(rng, o)
            local role = inst == "O" and "senior_leadership"
                or ({ "senior_leadership", "middle_management", "field_staff" })[rng:weighted({ 7, 2, 1 })]
            rows[#rows + 1] = {
                response_id = id, org_id = o.org_id, instrument = inst, respondent_role = role,
                vision_of_change = v, engagement_with_survivors = e, systemic_propensity = s,
                leadership_themes = inst == "I" and rng:sample(M.LEADERSHIP, rng:int(1, 2)) or {},
                transcript_path = "transcripts/eum/" .. id .. ".txt", org = o,
            }
        end
    end
    return rows
end

function M.stakeholders(rng, orgs)
    local types = {}
    for _, st in ipairs(M.STAKEHOLDER_TYPES) do
        for _ = 1, st[2] do
            types[#types + 1] = st[1]
        end
    end
    types = rng:shuffled(types)
    local rows = {}
    for i, ty in ipairs(types) do
        local id = string.format("STK%03d", i)
        rows[i] = { stakeholder_id = id, type = ty, state = rng:pick(orgs).state,
                    transcript_path = "transcripts/stakeholder/" .. id .. ".txt", themes = {} }
    end
    for _, th in ipairs(M.STAKEHOLDER_THEMES) do
        local cands = S.where(S.range(#rows), function(i) return th[2][rows[i].type] end)
        for _, i in ipairs(rng:sample(cands, th[3])) do
            table.insert(rows[i].themes, th[1])
        end
    end
    return rows
end

-- One leader interview per org; in some, a staff member joins (same
-- transcript, speaker "Staff").
function M.interviews(rng, orgs)
    local rows, staff = {}, {}
    local with_staff = S.of(rng:sample(S.range(#orgs), 15))
    for i, o in ipairs(orgs) do
        local month = rng:pick({ "2019-07", "2019-08", "2019-09", "2019-10", "2019-11",
                                 "2019-12", "2020-01", "2020-02" })
        rows[#rows + 1] = { org_id = o.org_id, role = "senior_leadership", speaker = "Respondent",
                            month = month, transcript_path = o.transcript_path }
        if with_staff[i] then
            staff[i] = rng:pick({ "middle_management", "field_staff" })
            rows[#rows + 1] = { org_id = o.org_id, role = staff[i], speaker = "Staff",
                                month = month, transcript_path = o.transcript_path }
        end
    end
    for k, r in ipairs(rows) do
        r.interview_id = string.format("INT%03d", k)
    end
    return rows, staff
end

M.EUM_COLUMNS = { "response_id", "org_id", "instrument", "respondent_role", "vision_of_change",
                  "engagement_with_survivors", "systemic_propensity", "leadership_themes",
                  "transcript_path" }
M.STAKEHOLDER_COLUMNS = { "stakeholder_id", "type", "state", "transcript_path" }
M.INTERVIEW_COLUMNS = { "interview_id", "org_id", "role", "speaker", "month", "transcript_path" }

return M
