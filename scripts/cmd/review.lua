-- review.lua - `coda review PROJECT`: serve a coding project to the
-- browser on 127.0.0.1 so coders can review segments, code by hand and
-- write memos.  Exit status: 0 stopped by Ctrl-C, 1 a data error, 2 a
-- usage error.
local coda = require("coda")
local command = require("lib.command")

local usage = [[
usage: coda review PROJECT [options]

Serves the coding project PROJECT (a file made with coda.project) on
http://127.0.0.1 and prints the address to open, token included.  Every
decision, coding and memo is saved in PROJECT when the page shows it.
Stop with Ctrl-C.

  --port N         listen on port N (default: any free port)
  --coder NAME     the coder name the page proposes
  --token T        the secret the address carries (default: a random one;
                   16-128 characters of A-Z a-z 0-9 _ -)
  -h, --help       this text

Exit status: 0 stopped, 1 a data error (no such project ...), 2 a usage
error.
]]

local function usage_error(msg) command.usage_error("review", msg) end

local valued = { ["--port"] = "port", ["--coder"] = "coder",
                 ["--token"] = "token" }

local function parse(args)
    local o, paths = command.parse("review", args, valued, usage)
    if #paths ~= 1 then usage_error("give one PROJECT") end
    if o.port then
        local n = o.port:match("^%d+$") and tonumber(o.port)
        if not n or n > 65535 then usage_error("--port needs a number 0-65535") end
        o.port = n
    end
    return o, paths[1]
end

local o, path = parse(arg)
local f = io.open(path, "rb")
if not f then command.data_error("review", path .. ": no such project file") end
f:close()
local p = command.or_die("review", coda.project, path, { create = false })
command.or_die("review", p.serve, p, {
    port = o.port, coder = o.coder, token = o.token,
    on_ready = function(url)
        io.stdout:write("coda review: serving ", path, " at ", url, "\n")
        io.stdout:flush()
    end,
})
p:close()
