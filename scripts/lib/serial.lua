-- serial.lua - Lua values (nil, booleans, numbers, strings and tables of
-- them) as Lua source that load() gives back exactly: integers as
-- integers, floats to the last bit, strings byte for byte.
local M = {}

local function key(k)
  if type(k) == "string" and k:match("^[%a_][%w_]*$") then return k end
  return "[" .. M.dump(k) .. "]"
end

--- v as a Lua expression
function M.dump(v)
  local t = type(v)
  if t == "nil" or t == "boolean" then return tostring(v) end
  if t == "number" then
    if v == math.mininteger then return "(-9223372036854775807-1)" end  -- no literal
    if math.type(v) == "integer" then return ("%d"):format(v) end
    if v ~= v then return "0/0" end
    if v == math.huge then return "math.huge" elseif v == -math.huge then return "-math.huge" end
    return ("%a"):format(v)                      -- hexadecimal float: exact
  end
  if t == "string" then return ("%q"):format(v) end
  if t ~= "table" then error("serial: a " .. t .. " cannot be written", 2) end
  local keys = {}
  for k in pairs(v) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b)
    if type(a) == type(b) then return a < b end
    return type(a) == "number"
  end)
  local parts = {}
  for _, k in ipairs(keys) do parts[#parts + 1] = key(k) .. "=" .. M.dump(v[k]) end
  return "{" .. table.concat(parts, ",") .. "}"
end

--- the value of text written by dump (no globals reachable)
function M.load(text)
  local f, err = load("return " .. text, "=serial", "t", { math = { huge = math.huge } })
  if not f then error(err, 0) end
  return f()
end

return M
