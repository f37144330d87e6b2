-- test_review.lua - p:serve from Lua: its options are checked, and an
-- error in on_ready stops the server and is raised by p:serve.
local coda = require("coda")
local h = require("helper")

local T = {}

local function project()
    local dir = h.mkdir("review_docs")
    coda.write_file(dir .. "/a.txt", "R1: money and family.\n")
    local cb = h.write("review_cb.csv", "code,pattern\nmoney,\\bmoney\\b\n")
    local p = coda.project(h.path("review.coda"))
    p:add(dir)
    p:code(coda.read_codebook(cb))
    return p
end

function T.bad_options_raise()
    local p = project()
    h.assert_error(function() p:serve{ bogus = 1 } end, 'unknown option "bogus"', true)
    h.assert_error(function() p:serve{ port = 70000 } end, "port must be 0-65535", true)
    h.assert_error(function() p:serve{ coder = "auto" } end, "cannot be a coder's name", true)
    h.assert_error(function() p:serve{ token = "short" } end, "a token is", true)
    h.assert_error(function() p:serve{ on_ready = 3 } end, "on_ready must be a function", true)
    p:close()
end

function T.on_ready_error_stops_the_server()
    local p = project()
    local seen
    h.assert_error(function()
        p:serve{ token = "0123456789abcdef0123", on_ready = function(url)
            seen = url
            error("stop here")
        end }
    end, "stop here", true)
    h.assert_match(seen, "^http://127%.0%.0%.1:%d+/%?token=0123456789abcdef0123$")
    -- the project is still usable afterwards
    h.assert_true(p:segments():nrow() >= 1, "segments after serve")
    p:close()
end

return T
