-- gen_memory.lua - the inputs of the peak-RSS benchmark (run_memory.sh),
-- deterministic: ./coda run bench/gen_memory.lua KIND N OUT
--   wide N OUT     a CSV of N columns (c1..cN) and 2 rows: integers, short
--                  words and decimals in turn
--   tall N OUT     a CSV of N rows of 5 columns: id, group, score, flag, note
--   corpus N OUT   a folder of N transcripts of 3 speaker turns each
local kind, n, out = arg[1], tonumber(arg[2]), arg[3]
assert(kind and n and out, "usage: gen_memory.lua wide|tall|corpus N OUT")

local function wide(f)
    local row = {}
    for k = 1, n do row[k] = "c" .. k end
    f:write(table.concat(row, ","), "\n")
    for r = 1, 2 do
        for k = 1, n do
            local m = k % 3
            row[k] = m == 0 and tostring(k * r) or m == 1 and ("v" .. (k + r) % 97)
                     or string.format("%d.%d", k, r)
        end
        f:write(table.concat(row, ","), "\n")
    end
end

local GROUPS = { "Assam", "Bihar", "Delhi", "Goa", "Kerala", "Odisha", "Punjab", "Sikkim" }

local function tall(f)
    f:write("id,group,score,flag,note\n")
    local buf = {}
    for i = 1, n do
        buf[#buf + 1] = string.format("%d,%s,%.2f,%s,w%d\n", i, GROUPS[i % 8 + 1],
                                      (i % 1000) / 8, i % 3 == 0 and "true" or "false",
                                      i % 100)
        if #buf == 10000 then f:write(table.concat(buf)); buf = {} end
    end
    f:write(table.concat(buf))
end

local TURNS = {
    "R1: We reached the village after the rains and met the families.\n",
    "R2: Two girls had gone to the city for work and did not come back.\n",
    "R3: The panchayat now keeps a register of everyone who migrates.\n",
}

local function corpus()
    assert(os.execute("mkdir -p '" .. out .. "'"))
    for i = 1, n do
        local f = assert(io.open(string.format("%s/d%07d.txt", out, i), "w"))
        f:write(TURNS[1], TURNS[i % 2 + 2], TURNS[(i + 1) % 2 + 2])
        f:close()
    end
end

if kind == "corpus" then
    corpus()
else
    local f = assert(io.open(out, "w"))
    if kind == "wide" then wide(f) elseif kind == "tall" then tall(f)
    else error("unknown kind " .. kind) end
    assert(f:close())
end
