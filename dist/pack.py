#!/usr/bin/env python3
"""Pack a staged release folder into a .tar.gz or a .zip whose bytes depend only on the
files: entries sorted by name, every timestamp SOURCE_DATE_EPOCH, owner root, fixed modes
(0755 for the binary, 0644 for the rest), no gzip name or time. Called by dist/build:

    pack.py tar.gz|zip ARCHIVE FOLDER

The archive holds FOLDER itself (its name is the top folder), as users expect of a release.
"""
import gzip
import io
import os
import sys
import tarfile
import time
import zipfile

EXECUTABLES = {"gimlint", "gimlint.exe"}
# The earliest time a zip entry can hold.
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


def entries(folder):
    """(name in the archive, path on disk, mode) for every file under `folder`, sorted."""
    top = os.path.basename(os.path.normpath(folder))
    found = []
    for directory, _, files in os.walk(folder):
        for name in files:
            path = os.path.join(directory, name)
            inside = os.path.relpath(path, folder).replace(os.sep, "/")
            mode = 0o755 if name in EXECUTABLES else 0o644
            found.append((f"{top}/{inside}", path, mode))
    return sorted(found)


def pack_tar_gz(archive, folder, epoch):
    with open(archive, "wb") as raw, gzip.GzipFile(
        filename="", mode="wb", fileobj=raw, mtime=epoch, compresslevel=9
    ) as compressed, tarfile.open(fileobj=compressed, mode="w", format=tarfile.GNU_FORMAT) as tar:
        for name, path, mode in entries(folder):
            data = open(path, "rb").read()
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mtime = epoch
            info.mode = mode
            info.uid = info.gid = 0
            info.uname = info.gname = "root"
            tar.addfile(info, io.BytesIO(data))


def pack_zip(archive, folder, epoch):
    date_time = max(ZIP_EPOCH, time.gmtime(epoch)[:6])
    with zipfile.ZipFile(archive, "w") as zip_file:
        for name, path, mode in entries(folder):
            info = zipfile.ZipInfo(name, date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            # Unix permissions in the entry: unzip keeps gimlint executable.
            info.create_system = 3
            info.external_attr = (0o100000 | mode) << 16
            with open(path, "rb") as source:
                zip_file.writestr(info, source.read(), compresslevel=9)


def main():
    if len(sys.argv) != 4 or sys.argv[1] not in ("tar.gz", "zip"):
        sys.exit("usage: pack.py tar.gz|zip ARCHIVE FOLDER")
    kind, archive, folder = sys.argv[1:]
    epoch = int(os.environ["SOURCE_DATE_EPOCH"])
    (pack_tar_gz if kind == "tar.gz" else pack_zip)(archive, folder, epoch)


main()
