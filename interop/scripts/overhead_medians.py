"""Medians (and ranges) over several runs of the overhead bench's table.

    for i in 1 2 3 4 5; do
        taskset -c 1 cargo bench -p hookverify-interop --bench overhead > /tmp/overhead_$i.txt
    done
    python3 interop/scripts/overhead_medians.py /tmp/overhead_*.txt

Prints the table of BENCHMARKS.md: each cell the median of the runs' ratios, with their
range; the floor's absolute time as its median; and the ratio of `verify` to `plain`.
"""
import statistics
import sys


def rows(path):
    out = {}
    header = None
    for line in open(path, encoding="utf-8"):
        if not line.startswith("| ") or line.startswith("|---"):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if cells[0] == "scheme":
            header = cells
            continue
        out[(cells[0], cells[1])] = dict(zip(header, cells))
    return header, out


def ratio(cell):
    return float(cell.rstrip("×")) if cell.endswith("×") else None


runs = [rows(p) for p in sys.argv[1:]]
header = runs[0][0]
keys = list(runs[0][1].keys())
columns = [c for c in header if c not in ("scheme", "size")]
print("| scheme | size | " + " | ".join(columns) + " | verify ÷ plain |")
print("|---" * (len(columns) + 3) + "|")
for key in keys:
    cells = []
    for col in columns:
        values = [r[1][key][col] for r in runs if key in r[1]]
        if col == "floor":
            cells.append(sorted(values)[len(values) // 2])
            continue
        ratios = [ratio(v) for v in values]
        if any(r is None for r in ratios):
            cells.append("–")
            continue
        cells.append(f"{statistics.median(ratios):.3f}× ({min(ratios):.2f}–{max(ratios):.2f})")
    per_run = [
        ratio(r[1][key]["verify"]) / ratio(r[1][key]["plain"]) for r in runs if key in r[1]
    ]
    cells.append(f"{statistics.median(per_run):.3f} ({min(per_run):.2f}–{max(per_run):.2f})")
    print(f"| {key[0]} | {key[1]} | " + " | ".join(cells) + " |")
