"""Reads the segment lines of SEGMENTS=n bench/ab.sh (builds A and B loaded in turns, A B B A in each
block of four) and prints, per block, what B differs from A: the mean of B's two segments minus the
mean of A's two, for the client p50 and p99 and the service's CPU per call. A drift of the VM's
speed that is linear over a block cancels; the median over the blocks is the estimate, and the
spread of the blocks shows how far to trust it. Errors are summed: a block with errors is flagged.

    python3 bench/ab-segments.py target/ab-segments.txt
"""
import re
import statistics
import sys


def segments(path):
    out = []
    for line in open(path):
        fields = dict(re.findall(r"(\w+)=([0-9.]+)", line))
        if "segment" not in fields or "p50_ms" not in fields:
            continue
        requests = int(fields["requests"])
        out.append({
            "build": int(fields["build"]),
            "p50": float(fields["p50_ms"]),
            "p99": float(fields["p99_ms"]),
            "cpu": int(fields["cpu_ms"]) / requests if requests else float("nan"),
            "jit": int(fields["jit_ms"]),
            "errors": int(fields["errors"]),
        })
    return out


def main(path):
    rows = segments(path)
    blocks = [rows[k:k + 4] for k in range(0, len(rows) - len(rows) % 4, 4)]
    if not blocks:
        print("no complete block of four segments in " + path)
        return
    print("block  A p50 / B p50 (ms)   B-A p50   B-A p99   B-A CPU per call   JIT ms A / B   errors")
    diffs = {"p50": [], "p99": [], "cpu": []}
    for n, block in enumerate(blocks, 1):
        side = {b: [s for s in block if s["build"] == b] for b in (0, 1)}
        mean = {b: {key: statistics.fmean(s[key] for s in side[b]) for key in ("p50", "p99", "cpu")} for b in (0, 1)}
        for key in diffs:
            diffs[key].append(mean[1][key] - mean[0][key])
        errors = sum(s["errors"] for s in block)
        print("%5d  %6.3f / %6.3f      %+7.3f   %+7.3f   %+8.3f           %5d / %-5d  %d%s" % (
            n, mean[0]["p50"], mean[1]["p50"], diffs["p50"][-1], diffs["p99"][-1], diffs["cpu"][-1],
            sum(s["jit"] for s in side[0]), sum(s["jit"] for s in side[1]), errors, "  <- errors" if errors else ""))
    a = [s["p50"] for s in rows if s["build"] == 0]
    b = [s["p50"] for s in rows if s["build"] == 1]
    print("segments' p50, median: A %.3f ms, B %.3f ms (%d and %d segments)" % (
        statistics.median(a), statistics.median(b), len(a), len(b)))
    for key, label in (("p50", "p50"), ("p99", "p99"), ("cpu", "CPU per call")):
        d = sorted(diffs[key])
        print("B - A, %s: median %+.3f ms over %d blocks (from %+.3f to %+.3f)" % (
            label, statistics.median(d), len(d), d[0], d[-1]))


if __name__ == "__main__":
    main(sys.argv[1])
