-- command.lua - what the coda subcommands (scripts/cmd/) share: their error
-- exits.  A data error exits 1 with the message alone, the Lua position
-- of the call that raised it removed; a usage error exits 2 and points at
-- --help.
local M = {}

--- msg without a leading "FILE.lua:LINE: " (where in coda's scripts it
--- was raised, which says nothing to the user)
function M.message(msg)
    return (tostring(msg):gsub("^[^\n]-%.lua:%d+: ", ""))
end

--- print "coda NAME: msg" and exit 1
function M.data_error(name, msg)
    io.stderr:write("coda ", name, ": ", M.message(msg), "\n")
    os.exit(1)
end

--- print "coda NAME: msg" and the way to the help, and exit 2
function M.usage_error(name, msg)
    io.stderr:write("coda ", name, ": ", msg, "\nrun 'coda ", name,
                    " --help' for usage\n")
    os.exit(2)
end

--- fn(...), or a data error with what it raised
function M.or_die(name, fn, ...)
    local ok, res = pcall(fn, ...)
    if not ok then M.data_error(name, res) end
    return res
end

return M
