"""Prints the ratio tables of BENCHMARKS.md from criterion's estimates of the last run of
`cargo bench -p hookverify-interop --bench peers` (medians, in one run)."""
import json
import pathlib
import sys

root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "target/criterion")


def median(group, bench, size):
    p = root / group / bench / str(size) / "new" / "estimates.json"
    if not p.exists():
        return None
    return json.loads(p.read_text())["median"]["point_estimate"]


def fmt_ns(ns):
    return f"{ns / 1000:.2f} µs" if ns >= 1000 else f"{ns:.0f} ns"


SIZES = [64, 1024, 16384, 1048576]
for group in ["timestamped", "sha256= hex", "standard webhooks"]:
    gdir = root / group
    if not gdir.exists():
        continue
    benches = sorted(p.name for p in gdir.iterdir() if p.is_dir() and p.name != "report")
    order = [b for b in ["floor", "hookverify", "hookverify clock", "one-shot hmac", "naive",
                         "webhook-verify", "webhook-verify clock", "standardwebhooks", "svix"]
             if b in benches]
    print(f"\n### {group}\n")
    print("| size | " + " | ".join(order) + " |")
    print("|---|" + "---|" * len(order))
    for size in SIZES:
        floor = median(group, "floor", size)
        cells = []
        for b in order:
            m = median(group, b, size)
            cells.append("–" if m is None else f"{fmt_ns(m)} ({m / floor:.3f}×)")
        print(f"| {size} B | " + " | ".join(cells) + " |")
