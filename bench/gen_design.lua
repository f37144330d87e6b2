-- gen_design.lua - a survey-design benchmark file: coda run
-- bench/gen_design.lua ROWS OUT.csv writes ROWS rows of 50 strata of 40
-- clusters each (2,000 PSUs), a weight w, a number y and a group g of
-- 10 values; the same arguments give the same bytes (a fixed LCG).
local rows, out = tonumber(arg[1]), arg[2]
assert(rows and out, "usage: gen_design.lua ROWS OUT.csv")
local seed = 12345
local function rand() -- 0 <= x < 1, Numerical Recipes' 32-bit LCG
    seed = (seed * 1664525 + 1013904223) % 4294967296
    return seed / 4294967296
end
local f = assert(io.open(out .. ".tmp", "w"))
f:write("stratum,psu,w,y,g\n")
local buf = {}
for i = 1, rows do
    local h = (i - 1) % 50 + 1
    local psu = (h - 1) * 40 + math.floor(rand() * 40) + 1
    buf[#buf + 1] = string.format("s%d,%d,%.3f,%.4f,g%d\n", h, psu, 1 + 99 * rand(),
                                  100 + 15 * (rand() + rand() + rand() - 1.5) + h,
                                  math.floor(rand() * 10))
    if #buf == 10000 then
        f:write(table.concat(buf))
        buf = {}
    end
end
f:write(table.concat(buf))
f:close()
assert(os.rename(out .. ".tmp", out))
