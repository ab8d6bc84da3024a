"""Turns bench/run's measurements into the results table (Markdown), with the issue's goals.

Usage: python3 bench/report.py WORK_DIR FILES
"""

import json
import pathlib
import platform
import re
import statistics
import subprocess
import sys


def mean(path: pathlib.Path, name: str | None = None) -> float:
    results = json.loads(path.read_text())["results"]
    for result in results:
        if name is None or result["command"] == name:
            return result["mean"]
    raise KeyError(name)


def rounds(work: pathlib.Path) -> list[dict[str, tuple[float, float]]]:
    """Each command's wall and CPU (user + system) time in each round of the main comparison."""
    paths = sorted(work.glob("main-*.json"), key=lambda p: int(p.stem.split("-")[1]))
    return [
        {r["command"]: (r["mean"], r["user"] + r["system"]) for r in json.loads(p.read_text())["results"]}
        for p in paths
    ]


def relint_ms(text: str) -> float:
    """criterion's middle estimate: `time:   [19.9 ms 20.0 ms 20.1 ms]`."""
    match = re.search(r"time:\s+\[\S+ \S+ (\S+) (\S+) \S+ \S+\]", text)
    if match is None:
        raise ValueError("no criterion estimate in relint.txt")
    value, unit = float(match.group(1)), match.group(2)
    return value * {"ns": 1e-6, "µs": 1e-3, "us": 1e-3, "ms": 1.0, "s": 1e3}[unit]


def verdict(ok: bool) -> str:
    return "met" if ok else "**not met**"


def main() -> None:
    work, files = pathlib.Path(sys.argv[1]), int(sys.argv[2])
    # Medians over the rounds; each ratio is the median of the ratios within a round, so that
    # the two sides of a ratio were timed under the same load.
    times = rounds(work)
    commands = ("gimlint", "floor", "rg", "python")
    wall = {c: statistics.median(t[c][0] for t in times) for c in commands}
    cpu = {c: statistics.median(t[c][1] for t in times) for c in commands}
    ratio = lambda a, b, k=0: statistics.median(t[a][k] / t[b][k] for t in times)
    gimlint_floor, gimlint_rg = ratio("gimlint", "floor"), ratio("gimlint", "rg")
    python_gimlint = ratio("python", "gimlint")
    timed = lambda c: f"{wall[c]:.3f} s (CPU {cpu[c]:.3f} s)"
    findings = len((work / "python.txt").read_text().splitlines())
    agree = (work / "python.txt").read_bytes() == (work / "floor.txt").read_bytes()
    rss_mb = int((work / "rss-main").read_text().split()[-1]) / 1024
    single_ms = mean(work / "single.json") * 1e3
    relint = relint_ms((work / "relint.txt").read_text())
    lsp = json.loads((work / "lsp.json").read_text())
    scaling = []
    for line in (work / "scaling.tsv").read_text().splitlines():
        n, path, rss_kb, size = line.split("\t")
        scaling.append((int(n), mean(pathlib.Path(path)), int(rss_kb) / 1024, int(size) / 1e6))

    cores = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
    print(f"Machine: {platform.machine()}, {cores} cores, Linux {platform.release()}; "
          f"corpus: bench/corpus.py seed 8.\n")
    # Peak RSS at 10k and 50k files when the scaling run has both, else its last two sizes.
    by_size = {n: rss for n, _, rss, _ in scaling}
    pair = (10000, 50000) if {10000, 50000} <= by_size.keys() else tuple(n for n, *_ in scaling[-2:])

    print(f"| measure ({files:,} files; medians of {len(times)} interleaved rounds) | value | goal | |")
    print("|---|---|---|---|")
    print(f"| gimlint `check --format json` | {timed('gimlint')} | | |")
    print(f"| floor: the 3 checks in Rust (bench/floor) | {timed('floor')} | | |")
    print(f"| ripgrep `rg -c =` (I/O floor) | {timed('rg')} | | |")
    print(f"| Python configparser, 3 checks | {timed('python')} | | |")
    print(f"| gimlint / floor | {gimlint_floor:.2f} × | ≤ 2.5 × | {verdict(gimlint_floor <= 2.5)} |")
    print(f"| gimlint / rg | {gimlint_rg:.2f} × | ≤ 2.5 × | {verdict(gimlint_rg <= 2.5)} |")
    print(f"| python / gimlint | {python_gimlint:.1f} × | ≥ 30 × | {verdict(python_gimlint >= 30)} |")
    print(f"| the same in CPU time: gimlint / floor, gimlint / rg, python / gimlint | "
          f"{ratio('gimlint', 'floor', 1):.2f} ×, {ratio('gimlint', 'rg', 1):.2f} ×, "
          f"{ratio('python', 'gimlint', 1):.1f} × | | |")
    print(f"| gimlint peak RSS | {rss_mb:.0f} MB | | |")
    if len(pair) == 2:
        small, large = pair
        growth = by_size[large] / by_size[small]
        print(f"| peak RSS at {large:,} / at {small:,} files | {growth:.2f} × "
              f"({by_size[large]:.0f} / {by_size[small]:.0f} MB) | ≤ 1.5 × | {verdict(growth <= 1.5)} |")
    print(f"| one small file, end to end | {single_ms:.2f} ms | ≤ 5 ms | {verdict(single_ms <= 5)} |")
    print(f"| re-lint of a 1 MB export (library) | {relint:.2f} ms | ≤ 20 ms | {verdict(relint <= 20)} |")
    print(f"| language server re-lint of a 1 MB export ({lsp['findings']:,} findings) "
          f"| {lsp['relint_ms']:.1f} ms | | |")
    print(f"| `check --format json` of the same file | {lsp['check_ms']:.1f} ms | | |")
    print(f"| server re-lint / CLI check | {lsp['ratio']:.2f} × | ≤ 3 × "
          f"| {verdict(lsp['ratio'] <= 3)} |")
    print()
    print("| files | corpus | wall | per file | peak RSS |")
    print("|---|---|---|---|---|")
    for n, seconds, rss, size in scaling:
        print(f"| {n:,} | {size:.0f} MB | {seconds:.3f} s | {seconds / n * 1e6:.0f} µs | {rss:.0f} MB |")
    print(f"\nThe floor and the Python script printed the same {findings:,} lines: "
          f"{'yes' if agree else '**no**'}.")


if __name__ == "__main__":
    main()
