-- wrk script: like post.lua, but the connections together offer a fixed rate instead of each
-- sending its next request as soon as the last is answered. RATE (requests/s, all threads) and
-- WRK_THREADS (must equal wrk's -t; bench/load.sh sets both) come from the environment; each wrk
-- thread schedules its share, one slot every 1000 * WRK_THREADS / RATE ms, against the monotonic
-- clock (LuaJIT's FFI; Debian's wrk is built on LuaJIT). wrk's delay() takes whole milliseconds,
-- so a request may go up to 1 ms before its slot; the average rate holds because slots are counted
-- from the clock, not from the last send. A request whose slot found every connection of its
-- thread busy goes as soon as one is free; after a stall, at most BACKLOG_MS of missed slots are
-- caught up back to back and older ones dropped (the achieved rate then shows it). Why this run
-- exists and how it is read: docs/adr/0006-latency-judged-at-the-target-rate.md.
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

-- The body, headers and RESULT line are post.lua's (the path is relative to the repository root,
-- where bench/lib.sh runs wrk).
dofile("bench/post.lua")
local rate = tonumber(os.getenv("RATE") or "1500")
local threads = tonumber(os.getenv("WRK_THREADS") or "2")

local interval_ms = 1000 * threads / rate

-- Each thread's index, 0, 1, ... (the global `tid` in its init and request), for scripts built on
-- this one that read a file per thread (auth.lua) or start at another place (varied.lua).
local next_thread = 0
function setup(thread)
  thread:set("tid", next_thread)
  next_thread = next_thread + 1
end
local BACKLOG_MS = 100
local due = nil

function delay()
  local now = now_ms()
  if due == nil then
    due = now
  elseif due < now - BACKLOG_MS then
    due = now - BACKLOG_MS
  end
  local wait = math.max(0, due - now)
  due = due + interval_ms
  return wait
end
