-- wrk script: paced.lua's fixed rate, but each call sends the next of many bodies in turn: the
-- request files listed one per line in $BODIES_LIST (VARIED=1 in bench/load.sh and bench/reload.sh
-- writes them from the order-sign scenarios of rules/). A load of varied requests, as an EHR sends,
-- instead of one request repeated. Each wrk thread starts at another place in the list.
dofile("bench/paced.lua")
local bodies = {}
local next_body = 1
function init(args)
  for path in io.lines(os.getenv("BODIES_LIST")) do
    local f = assert(io.open(path, "rb"))
    bodies[#bodies + 1] = f:read("*a")
    f:close()
  end
  next_body = (tid * 37) % #bodies + 1
end

function request()
  local body = bodies[next_body]
  next_body = next_body % #bodies + 1
  return wrk.format("POST", nil, { ["Content-Type"] = "application/json" }, body)
end
