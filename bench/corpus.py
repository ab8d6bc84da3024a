"""Generates a benchmark corpus of Genesys application option exports, deterministically.

The same --seed and --files always give the same bytes. The mix follows a contact-center
estate: mostly T-Server-like objects, then DAPs, ICONs, Info Mart and WFM servers, with
20-400 options each (about 10 kB a file), some long values, some CRLF and some
Windows-1252 files, and roughly one finding per file (a stopped scheduler, a relative
calendar year, an ICON without cseq-adjustment=2, trailing spaces, plaintext passwords,
duplicate options). One attached-data spec XML per 50 exports.

Usage: python3 bench/corpus.py --files 10000 --out /tmp/corpus [--seed 8]
"""

import argparse
import pathlib
import random

WORDS = [
    "alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india",
    "juliet", "kilo", "lima", "mike", "november", "oscar", "papa", "quebec", "romeo",
    "sierra", "tango", "uniform", "victor", "whiskey", "xray", "yankee", "zulu",
]
SECTION_NAMES = [
    "TServer", "backup-sync", "call-cleanup", "extrouter", "license", "log", "log-extended",
    "log-filter", "log-filter-data", "security", "sml", "agent-reservation", "timers",
    "translation", "dn-for-unexpected-calls", "udp-sync", "network", "rules", "statistics",
]
CALENDAR_YEARS = ["2016", "2018", "2020", "2021", "2022"]


def word(rng: random.Random) -> str:
    return rng.choice(WORDS)


def option_name(rng: random.Random) -> str:
    return "-".join(word(rng) for _ in range(rng.randint(1, 4)))


def value(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.3:
        return str(rng.randint(0, 100000))
    if roll < 0.5:
        return rng.choice(["true", "false", "yes", "no", "0", "1"])
    if roll < 0.99:
        return ",".join(word(rng) for _ in range(rng.randint(1, 6)))
    # a long value: a connection string, a filter expression, a script
    return ";".join(f"{word(rng)}={rng.randint(0, 10**9)}" for _ in range(rng.randint(20, 100)))


# What `[log-filter-data]` holds in real exports: a log filter type per attached-data key.
FILTER_TYPES = ["copy", "hide", "skip", "hide-first,4", "unhide-last,4", "tag()"]


def filler(rng: random.Random, sections: dict, options: int) -> None:
    """Adds `options` made-up options spread over T-Server-like sections."""
    names = rng.sample(SECTION_NAMES, rng.randint(2, 8))
    for n in range(options):
        name = rng.choice(names)
        section = sections.setdefault(name, [])
        text = rng.choice(FILTER_TYPES) if name == "log-filter-data" else value(rng)
        section.append((f"{option_name(rng)}-{n}", text))


def gim(rng: random.Random, index: int, sections: dict) -> str:
    stopped = rng.random() < 0.7
    sections["schedule"] = [
        ("run-scheduler", "false" if stopped else "true"),
        ("run-aggregates", "false"),
        ("etl-frequency", str(rng.choice([5, 10, 15]))),
    ]
    year = rng.choice(CALENDAR_YEARS) if rng.random() < 0.7 else "-1"
    sections["date-time"] = [
        ("date-time-start-year", year),
        ("date-time-min-days-ahead", "183"),
        ("date-time-max-days-ahead", "366"),
        ("date-time-tz", "America/New_York"),
    ]
    sections["gim-etl"] = [
        ("days-to-keep-gim-facts", "400"),
        ("days-to-keep-gidb-facts", "14"),
    ]
    sections["gim-etl-populate"] = [("populate-thread-facts", "true")]
    return f"gim_{index:06}"


def icon(rng: random.Random, index: int, sections: dict) -> str:
    section = [
        ("role", rng.choice(["all", "cfg,gcc,gud,gls", "gcc,gud", "gud"])),
        ("route-res-vqid-hist-enabled", "true"),
        ("pq-dbname", f"icon_{index}.pq"),
    ]
    if rng.random() < 0.7:
        section.append(("cseq-adjustment", "2"))
    sections["callconcentrator"] = section
    return f"icon_{index:06}"


def dap(rng: random.Random, index: int, sections: dict) -> str:
    sections["default"] = [
        ("dbengine", rng.choice(["oracle", "postgre", "mssql"])),
        ("dbname", f"db_{index}"),
        ("dbserver", f"db{index % 40}.example.invalid"),
        ("password", f"s3cret-{rng.randint(0, 10**6)}"),
        ("username", "genesys"),
    ]
    sections["gim-etl"] = [("role", "ICON_MM" if rng.random() < 0.1 else "ICON_CORE")]
    return f"dap_{index:06}"


def wfm(rng: random.Random, index: int, sections: dict) -> str:
    sections["Options"] = [
        ("CachePath", f"C:\\\\WFM\\\\cache{index}"),
        ("MaxThreads", str(rng.randint(4, 64))),
    ]
    return f"wfm_server_{index:06}"


def tserver(rng: random.Random, index: int, sections: dict) -> str:
    return f"tserver_{index:06}"


KINDS = [(gim, 0.05), (icon, 0.10), (dap, 0.10), (wfm, 0.05), (tserver, 0.70)]


def export(rng: random.Random, index: int) -> tuple[str, str]:
    sections: dict = {}
    make = rng.choices([k for k, _ in KINDS], weights=[w for _, w in KINDS])[0]
    name = make(rng, index, sections)
    filler(rng, sections, rng.randint(20, 400))
    # About one finding per file in all: the kinds above carry some, these the rest.
    roll = rng.random()
    last = sections[next(reversed(sections))]
    if roll < 0.25:
        last.append(("trailing-space", "value "))
    elif roll < 0.45:
        last.append(last[0])  # a duplicate option
    elif roll < 0.55:
        sections.setdefault("security", []).append(("password", "plain-text"))
    lines = []
    for section, options in sections.items():
        lines.append(f"[{section}]")
        lines.extend(f"{key}={val}" for key, val in options)
        lines.append("")
    return name, "\n".join(lines)


def spec(rng: random.Random, index: int) -> str:
    keys = []
    for n in range(rng.randint(5, 60)):
        keys.append(
            f'    <key name="{option_name(rng)}_{n}" source="userdata"'
            f' history="{rng.choice(["last", "all"])}"/>'
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<adata_spec xmlns="http://www.genesyslab.com/standards/icon/ed1">\n'
        "  <public>\n" + "\n".join(keys) + "\n  </public>\n</adata_spec>\n"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--out", type=pathlib.Path, required=True)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    total = 0
    for index in range(args.files):
        name, text = export(rng, index)
        folder = args.out / f"site{index % 20:02}"
        folder.mkdir(parents=True, exist_ok=True)
        roll = rng.random()
        if roll < 0.15:
            data = text.replace("\n", "\r\n").encode("utf-8")
        elif roll < 0.20:
            data = text.replace("=value ", "=valeur é ").encode("cp1252")
        else:
            data = text.encode("utf-8")
        (folder / f"{name}.cfg").write_bytes(data)
        total += len(data)
        if index % 50 == 0:
            xml = spec(rng, index).encode("utf-8")
            (folder / f"ccon_adata_spec_{index:06}.xml").write_bytes(xml)
            total += len(xml)
    print(f"{args.files} exports and {(args.files + 49) // 50} specs, {total / 1e6:.1f} MB in {args.out}")


if __name__ == "__main__":
    main()
