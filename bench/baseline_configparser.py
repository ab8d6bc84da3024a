"""What an administrator would script instead of gimlint: Python's configparser doing only
three of gimlint's checks over every export under a folder.

- CAL001: `date-time-start-year` in `[date-time]`/`[date-time-*]` is not an absolute year;
- GIM001: `[schedule] run-scheduler` is true (pre-migration);
- ICN001: an ICON (`[callconcentrator]`) that records voice details (`role` unset, `all` or
  with `gcc`) and whose `cseq-adjustment` is not 2.

It tries UTF-8 and falls back to Windows-1252, as gimlint does, and prints one line per
finding. It is the comparison point of bench/run, not a tool: no spans, no other rules, no
UTF-16, and configparser's own dialect (it lowercases names, it rejects duplicates).

Usage: python3 bench/baseline_configparser.py FOLDER
"""

import configparser
import pathlib
import sys


def read(path: pathlib.Path) -> configparser.ConfigParser | None:
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    try:
        parser.read_string(text)
    except configparser.Error as error:
        print(f"{path}: cannot parse: {error.__class__.__name__}")
        return None
    return parser


def check(path: pathlib.Path, parser: configparser.ConfigParser) -> None:
    for section in parser.sections():
        if section == "date-time" or section.startswith("date-time-"):
            year = parser[section].get("date-time-start-year")
            if year is not None and not (year.isdigit() and len(year) == 4):
                print(f"{path}: CAL001 [{section}] date-time-start-year={year}")
    if parser.has_section("schedule"):
        if parser["schedule"].get("run-scheduler", "false").strip().lower() == "true":
            print(f"{path}: GIM001 run-scheduler is true")
    if parser.has_section("callconcentrator"):
        icon = parser["callconcentrator"]
        roles = {r.strip() for r in icon.get("role", "all").split(",")}
        voice = bool(roles & {"all", "gcc"})
        if voice and icon.get("cseq-adjustment", "0").strip() != "2":
            print(f"{path}: ICN001 cseq-adjustment is not 2")


def main() -> None:
    for path in sorted(pathlib.Path(sys.argv[1]).rglob("*")):
        if path.suffix.lower() in (".cfg", ".conf", ".ini") and path.is_file():
            parser = read(path)
            if parser is not None:
                check(path, parser)


if __name__ == "__main__":
    main()
