-- out.lua - writes every generated file: the CSV tables, the transcripts
-- and qual_codes.csv (one row per turn a transcript was written to carry a
-- qualitative code).  Each transcript draws from its own random stream, so
-- the files do not depend on the order they are written in.

local csv = require("csvout")
local fgd = require("fgd")
local orgs_mod = require("orgs")
local people = require("people")
local talk_fgd = require("talk_fgd")
local talk_org = require("talk_org")
local talk_other = require("talk_other")
local STATE = require("phrases_fgd").state_names

local M = {}

local QUAL_COLUMNS = { "segment_id", "source_type", "source_id", "unit", "speaker",
                       "theme_code", "excerpt" }
local DIFF_COLUMNS = { "fgd_id", "code", "human", "text", "note" }

local function write_talk(dir, path, talk, segments)
    csv.write(dir .. "/" .. path, talk:text())
    for _, c in ipairs(talk.coded) do
        segments[#segments + 1] = { source_type = talk.source_type, source_id = talk.source_id,
                                    unit = c.unit, speaker = c.speaker, theme_code = c.code,
                                    excerpt = c.excerpt }
    end
    return 1
end

function M.write_all(dir, stream, orgs, groups, diffs, t)
    for _, sub in ipairs({ "", "/transcripts/org", "/transcripts/fgd", "/transcripts/stakeholder",
                           "/transcripts/eum" }) do
        csv.mkdir(dir .. sub)
    end
    local eum = people.eum(stream("eum"), orgs)
    local stakeholders = people.stakeholders(stream("stakeholders"), orgs)
    local interviews, staff = people.interviews(stream("interviews"), orgs)
    local segments, n = {}, 0
    for i, o in ipairs(orgs) do
        local tk = talk_org.write(stream("text:" .. o.org_id), o, STATE[o.state], staff[i])
        n = n + write_talk(dir, o.transcript_path, tk, segments)
    end
    for _, s in ipairs(stakeholders) do
        local tk = talk_other.stakeholder(stream("text:" .. s.stakeholder_id), s, STATE[s.state])
        n = n + write_talk(dir, s.transcript_path, tk, segments)
    end
    for _, r in ipairs(eum) do
        local tk = talk_other.eum(stream("text:" .. r.response_id), r, STATE[r.org.state])
        n = n + write_talk(dir, r.transcript_path, tk, segments)
    end
    for _, g in ipairs(groups) do
        local tk = talk_fgd.write(stream("text:" .. g.fgd_id), g, STATE[g.state], t.services)
        n = n + write_talk(dir, g.transcript_path, tk, segments)
    end
    for k, s in ipairs(segments) do
        s.segment_id = string.format("SEG%04d", k)
    end
    local tables = {
        { "organisations.csv", orgs_mod.COLUMNS, orgs },
        { "fgd_groups.csv", fgd.COLUMNS, groups },
        { "fgd_disagreements.csv", DIFF_COLUMNS, diffs },
        { "eum_responses.csv", people.EUM_COLUMNS, eum },
        { "stakeholders.csv", people.STAKEHOLDER_COLUMNS, stakeholders },
        { "interviews.csv", people.INTERVIEW_COLUMNS, interviews },
        { "qual_codes.csv", QUAL_COLUMNS, segments },
    }
    for _, tb in ipairs(tables) do
        csv.write_csv(dir .. "/" .. tb[1], tb[2], tb[3])
        n = n + 1
    end
    return n
end

return M
