-- wrk script of bench/api-outage: each request asks for a path drawn at random from PATHS_FILE
-- (one path per line), a sample of the grid's request distribution written by SeedOutage, so
-- that hot cells are asked for as often as their request counts say.
local paths = {}
local n = 0

function init(args)
  for line in io.lines(os.getenv("PATHS_FILE")) do
    n = n + 1
    paths[n] = line
  end
  -- A different sequence per thread (and per run).
  math.randomseed(os.time() + math.floor(os.clock() * 1e6) + tonumber(tostring({}):match("0x(%x+)") or "0", 16) % 100000)
end

function request()
  return wrk.format(nil, paths[math.random(n)])
end
