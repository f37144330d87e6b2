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

--- the options and operands of a command's arguments: valued maps an
--- option ("--port") to its key in the options ("port"); "--opt value" and
--- "--opt=value" both work, "-h"/"--help" prints usage and exits 0, "--"
--- ends the options, "-" is an operand (standard input), flags maps an
--- option without a value ("--verbose") to its key, set to true; any other
--- "-..." is a usage error; returns the options (starting from defaults)
--- and the operands
function M.parse(name, args, valued, usage, defaults, flags)
    local o, paths, i = defaults or {}, {}, 1
    while i <= #args do
        local a = args[i]
        local key, inline = a:match("^(%-%-[%w-]+)=(.*)$")
        key = key or a
        if a == "-h" or a == "--help" then
            io.stdout:write(usage)
            os.exit(0)
        elseif valued[key] then
            local v = inline
            if not v then
                i = i + 1
                v = args[i]
            end
            if not v then M.usage_error(name, key .. " needs a value") end
            o[valued[key]] = v
        elseif flags and flags[a] then
            o[flags[a]] = true
        elseif a == "--" then
            for j = i + 1, #args do paths[#paths + 1] = args[j] end
            break
        elseif a:sub(1, 1) == "-" and a ~= "-" then
            M.usage_error(name, "unknown option " .. a)
        else
            paths[#paths + 1] = a
        end
        i = i + 1
    end
    return o, paths
end

--- the bytes of a size as --max-memory takes it ("512K", "64M", "1.5G",
--- "4096"; a B may follow), or nil when s is not one
function M.size(s)
    local num, unit = tostring(s):match("^(%d+%.?%d*)([kKmMgG]?)[bB]?$")
    local v = tonumber(num)
    if not v or v <= 0 then return nil end
    local scale = { [""] = 1, k = 2^10, m = 2^20, g = 2^30 }
    v = math.floor(v * scale[unit:lower()])
    return v >= 1 and v <= 1e18 and v or nil
end

--- fn(...), or a data error with what it raised
function M.or_die(name, fn, ...)
    local ok, res = pcall(fn, ...)
    if not ok then M.data_error(name, res) end
    return res
end

return M
