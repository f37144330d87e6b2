-- talk_other.lua - the short stakeholder interviews and EUM free-text
-- answers.  Stakeholders raise the themes of people.lua; EUM "I" answers
-- carry the leadership themes of eum_responses.csv; "O" answers carry none.

local P = require("phrases_org")
local S = require("sets")
local talk = require("talk")

local M = {}

local TYPE_LINES = {
    lawyer = { "Most trafficking trials here take four to five years.",
               "The survivor turns hostile when the family is pressured." },
    dlsa_slsa_lawyer = { "We get the panel list from the legal services authority, but payment is delayed.",
                         "Victim compensation applications come to us through the DLSA." },
    cwc_member = { "The CWC sits three days a week, mostly children from the railway station.",
                   "Home verification takes time because the district staff is small." },
    cpc_member = { "The village child protection committee meets when the NGO calls the meeting.",
                   "We keep a list of children who have migrated for work." },
    police = { "The AHTU has four people for the whole district.",
               "Most cases come to us from the railway police." },
    govt_official = { "The scheme money comes late; by the time it reaches, the year is over.",
                      "We depend on NGOs for the ground information." },
    funder = { "We fund six partners in this state.",
               "We ask for outcomes, but we know the work is slow." },
    network_representative = { "The network has forty members in three states.",
                               "We meet twice a year and share case updates." },
    other = { "I teach in the government school, I see which children stop coming.",
              "In the panchayat office we see the migration every season." },
}

local TYPE_NAME = {
    lawyer = "a lawyer", dlsa_slsa_lawyer = "a legal services panel lawyer",
    cwc_member = "a CWC member", cpc_member = "a child protection committee member",
    police = "a police officer", govt_official = "a government official", funder = "a funder",
    network_representative = "a network representative", other = "another stakeholder",
}

function M.stakeholder(rng, s, state_name)
    local t = talk.new("stakeholder_interview", s.stakeholder_id)
    t:say("Note", string.format("SYNTHETIC transcript for the coda AHT 2020 reconstruction, "
        .. "not a real interview. %s, %s, %s.", s.stakeholder_id, TYPE_NAME[s.type], state_name))
    t:say("Interviewer", "Thank you for your time. How do trafficking cases come to you?")
    local lines = rng:shuffled(TYPE_LINES[s.type])
    t:say("Respondent", lines[1])
    t:say("Interviewer", "What are the main gaps, in your view?")
    for _, code in ipairs(s.themes) do
        t:say("Respondent", rng:pick(P.theme[code].pos), { code })
    end
    t:say("Respondent", lines[2])
    t:say("Interviewer", "Thank you.")
    return t
end

local O_ITEMS = {
    { "Item 1. What change does the organisation want to see in ten years?", "eum_school_of_thought", {
        mature = "An ecosystem where the community itself stops trafficking and the state responds on time.",
        evolving = "Fewer girls going out, more coming back safely and staying home.",
        nascent = "To rescue as many as we can, that is our aim." } },
    { "Item 2. How does the organisation engage with survivors?", "eum_survivor_relationship", {
        strong = "Survivors sit on our board and run two of our programmes.",
        moderate = "We stay in touch with the girls after they go home, mostly by phone.",
        weak = "We meet survivors mostly during rescue and in the home." } },
}

local I_HARD = {
    "The travel, honestly, and the reports for every funder in a different format.",
    "Saying no to families who come for help we cannot give.",
}

local I_NEUTRAL = {
    "I grew up near the border, I saw it happen as a child.",
    "My family thought this work would pass, it did not. (laughs)",
    "Some days are good, some days are very long.",
}

function M.eum(rng, r, state_name)
    local o = r.org
    local t = talk.new(r.instrument == "I" and "eum_i" or "eum_o", r.response_id)
    t:say("Note", string.format("SYNTHETIC EUM %s free-text answers for the coda AHT 2020 "
        .. "reconstruction. %s, %s, %s.", r.instrument, r.response_id, o.org_id, state_name))
    if r.instrument == "O" then
        for _, item in ipairs(O_ITEMS) do
            t:say("Interviewer", item[1])
            t:say("Respondent", item[3][o[item[2]]])
        end
        t:say("Interviewer", "Item 3. Where does the organisation stand towards the wider system?")
        t:say("Respondent", o.system_strengthening
            and "We work with the district so that the committees actually function."
            or "We focus on the girls, the larger work is for the government.")
    else
        -- ideology answers the energy item; the other themes the difficulties
        local energy = "leadership.energy_ideology"
        t:say("Interviewer", "Item 1. What gives you energy in this work?")
        if S.has(r.leadership_themes, energy) then
            t:say("Respondent", rng:pick(P.theme[energy].pos), { energy })
        else
            t:say("Respondent", rng:pick(I_NEUTRAL))
        end
        t:say("Interviewer", "Item 2. What is difficult for you, personally?")
        local said = false
        for _, code in ipairs(r.leadership_themes) do
            if code ~= energy then
                t:say("Respondent", rng:pick(P.theme[code].pos), { code })
                said = true
            end
        end
        if not said then
            t:say("Respondent", rng:pick(I_HARD))
        end
    end
    return t
end

return M
