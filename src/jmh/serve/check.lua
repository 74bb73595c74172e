-- wrk script of serve-bench.sh for the swap run: every 200's body must be version A or version B
-- whole (the files given after --), never a torn or mixed one; anything but 200 counts as torn.
dofile("src/jmh/serve/report.lua")

local versions
torn, checked = 0, 0

local function slurp(path)
  local f = assert(io.open(path, "rb"))
  local s = f:read("*a")
  f:close()
  return s
end

function init(args)
  versions = { slurp(args[1]), slurp(args[2]) }
end

function response(status, headers, body)
  checked = checked + 1
  if status ~= 200 or (body ~= versions[1] and body ~= versions[2]) then
    torn = torn + 1
  end
end
