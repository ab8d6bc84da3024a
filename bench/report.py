"""Turns bench/run's measurements into the results table (Markdown), with the issue's goals.

Usage: python3 bench/report.py WORK_DIR FILES
"""

import json
import pathlib
import platform
import re
import subprocess
import sys


def mean(path: pathlib.Path, name: str | None = None) -> float:
    results = json.loads(path.read_text())["results"]
    for result in results:
        if name is None or result["command"] == name:
            return result["mean"]
    raise KeyError(name)


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
    gimlint = mean(work / "main.json", "gimlint")
    rg = mean(work / "main.json", "rg")
    python = mean(work / "main.json", "python")
    rss_mb = int((work / "rss-main").read_text().split()[-1]) / 1024
    single_ms = mean(work / "single.json") * 1e3
    relint = relint_ms((work / "relint.txt").read_text())
    lsp = json.loads((work / "lsp.json").read_text())
    scaling = []
    for line in (work / "scaling.tsv").read_text().splitlines():
        n, path, rss_kb, size = line.split("\t")
        scaling.append((int(n), mean(pathlib.Path(path)), int(rss_kb) / 1024, int(size) / 1e6))

    cpu = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
    print(f"Machine: {platform.machine()}, {cpu} cores, Linux {platform.release()}; "
          f"corpus: bench/corpus.py seed 8.\n")
    print(f"| measure ({files:,} files) | value | goal | |")
    print("|---|---|---|---|")
    print(f"| gimlint `check --format json` | {gimlint:.3f} s | | |")
    print(f"| ripgrep `rg -c =` (I/O floor) | {rg:.3f} s | | |")
    print(f"| Python configparser, 3 checks | {python:.3f} s | | |")
    print(f"| gimlint / rg | {gimlint / rg:.2f} × | ≤ 2.0 × | {verdict(gimlint / rg <= 2.0)} |")
    print(f"| python / gimlint | {python / gimlint:.1f} × | ≥ 30 × | {verdict(python / gimlint >= 30)} |")
    print(f"| gimlint peak RSS | {rss_mb:.0f} MB | ≤ 150 MB | {verdict(rss_mb <= 150)} |")
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
    if len(scaling) >= 2:
        (n0, _, r0, _), (n1, _, r1, _) = scaling[-2], scaling[-1]
        print(f"\nRSS at {n1:,} files / RSS at {n0:,} files: {r1 / r0:.2f} × (goal ≤ 1.5 × from 10k to 50k)")


if __name__ == "__main__":
    main()
