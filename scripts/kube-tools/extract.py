"""Extracts the named members of a zip file (python3's zipfile: no unzip package needed)."""
import sys
import zipfile

archive, destination, *members = sys.argv[1:]
with zipfile.ZipFile(archive) as zf:
    names = set(zf.namelist())
    missing = [m for m in members if m not in names]
    if missing:
        sys.exit(f"extract.py: {archive} has no {', '.join(missing)}")
    for member in members:
        zf.extract(member, destination)
