-- wrk script: a fixed offered load instead of a closed loop (wrk2 is not packaged on Debian).
-- Each wrk thread sends PACE_RPS_PER_THREAD requests per second on a fixed schedule, spread over
-- its connections: delay() returns the time until the thread's next slot (LuaJIT's FFI reads the
-- monotonic clock; plain Lua has no millisecond clock). Latency is measured by wrk from send to
-- answer, so it is not corrected for coordinated omission: keep the rate well below saturation
-- and check that the achieved rate equals the offered one.
local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } hexsnap_timespec;
int clock_gettime(int clock, hexsnap_timespec *tp);
]]
local CLOCK_MONOTONIC = 1
local ts = ffi.new("hexsnap_timespec")

local function now_ms()
  ffi.C.clock_gettime(CLOCK_MONOTONIC, ts)
  return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
end

local interval = 1000 / tonumber(os.getenv("PACE_RPS_PER_THREAD") or "1000")
local next_at = nil

wrk.headers["Accept-Encoding"] = "gzip"

function delay()
  local now = now_ms()
  if next_at == nil then next_at = now end
  next_at = next_at + interval
  -- Far behind (the server stalled): restart the schedule rather than burst to catch up.
  if next_at < now - 1000 then next_at = now end
  local wait = next_at - now
  if wait < 1 then return 0 end
  return math.floor(wait)
end
