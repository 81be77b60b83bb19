-- wrk script: like post.lua, but offers a fixed total rate instead of sending each next request
-- as soon as the last is answered. RATE (requests/s, all threads together) comes from the
-- environment; each wrk thread paces its connections to RATE / THREADS. A request is sent at its
-- slot or, when all the thread's connections were busy at that moment, as soon as one is free: the
-- schedule catches up after a stall (a GC pause, say) by sending the missed slots back to back, up
-- to BACKLOG_MS of them; only a longer stall drops slots, and then the achieved rate says so.
--
-- Latencies are from send to answer, as with post.lua (a slot sent late is timed from its sending,
-- not from its slot). The point of this run is SPEC §8's latency at the target throughput: with 8
-- clients that never pause, 8 calls are always in flight and the time in the system is
-- 8 / throughput whatever the service does (Little's law).
local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
  int clock_gettime(int clock_id, bench_timespec *tp);
]]
local CLOCK_MONOTONIC = 1
local now_ts = ffi.new("bench_timespec")
local function now_ms()
  ffi.C.clock_gettime(CLOCK_MONOTONIC, now_ts)
  return tonumber(now_ts.tv_sec) * 1000 + tonumber(now_ts.tv_nsec) / 1e6
end

-- the body, headers and the RESULT line are post.lua's (wrk runs scripts from the repository root)
dofile("bench/post.lua")
local rate = tonumber(os.getenv("RATE") or "1500")
local threads = tonumber(os.getenv("WRK_THREADS") or "2")

local interval_ms = 1000 * threads / rate
local BACKLOG_MS = 100
local due = nil

function delay()
  local now = now_ms()
  if due == nil or due < now - BACKLOG_MS then
    due = now
  end
  local wait = math.max(0, due - now)
  due = due + interval_ms
  return wait
end
