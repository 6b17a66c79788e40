"""scripts/package-linux.sh: the tar.gz (and .deb) made from the one-folder program.

Packages the bundle the smoke test uses (built once per session, or EVALUATOR_APP_BUNDLE). The
archive must install the program under /opt/evaluator-app/, the command /usr/bin/evaluator-app, the
menu entry, the file type and the icon, and carry install.sh / uninstall.sh for machines without dpkg.
"""

from __future__ import annotations

import configparser
import os
import platform
import shutil
import stat
import struct
import subprocess
import tarfile
from pathlib import Path

import pytest

from evaluator_app import __version__

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
NAME = f"evaluator-app-{__version__}-linux-{platform.machine()}"
DESKTOP = "usr/share/applications/evaluator-app.desktop"
ICON = "usr/share/icons/hicolor/256x256/apps/evaluator-app.png"
MIME = "usr/share/mime/packages/evaluator-app.xml"
INSTALLED = ["opt/evaluator-app/evaluator-app", "usr/bin/evaluator-app", DESKTOP, ICON, MIME]


@pytest.fixture(scope="module")
def packaged(frozen_bundle, tmp_path_factory) -> Path:
    if os.name != "posix":
        pytest.skip("the Linux packages are made on Linux")
    out = tmp_path_factory.mktemp("packages")
    command = ["bash", "scripts/package-linux.sh", "--bundle", str(frozen_bundle), "--out", str(out)]
    result = subprocess.run(command, cwd=ROOT,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{NAME}.tar.gz" in result.stdout
    return out


@pytest.fixture(scope="module")
def unpacked(packaged, tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("unpacked")
    with tarfile.open(packaged / f"{NAME}.tar.gz") as archive:
        names = archive.getnames()
        assert all(name == NAME or name.startswith(f"{NAME}/") for name in names), "one top folder"
        owners = {(member.uid, member.gid) for member in archive.getmembers()}
        assert owners == {(0, 0)}
        archive.extractall(target, filter="tar")
    return target / NAME


def test_tar_gz_layout(unpacked):
    for relative in [*INSTALLED, "install.sh", "uninstall.sh"]:
        assert (unpacked / relative).is_file(), relative
    assert (unpacked / "opt/evaluator-app/_internal").is_dir()
    for executable in ("opt/evaluator-app/evaluator-app", "usr/bin/evaluator-app", "install.sh", "uninstall.sh"):
        mode = stat.S_IMODE((unpacked / executable).stat().st_mode)
        assert mode == 0o755, f"{executable}: {oct(mode)}"
    for data in (DESKTOP, ICON, MIME):
        assert stat.S_IMODE((unpacked / data).stat().st_mode) == 0o644, data


def test_launcher_starts_the_program_in_opt(unpacked):
    launcher = (unpacked / "usr/bin/evaluator-app").read_text(encoding="utf-8")
    assert launcher.startswith("#!/bin/sh\n") and 'exec /opt/evaluator-app/evaluator-app "$@"' in launcher


def test_desktop_entry(unpacked):
    entry = configparser.ConfigParser(interpolation=None, strict=True)
    entry.optionxform = str  # keys are case-sensitive
    entry.read(unpacked / DESKTOP, encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Type"] == "Application"
    assert desktop["Name"] == "试点现场考核评估" and desktop["Name[en]"]
    assert desktop["Exec"] == "evaluator-app %f"
    assert desktop["Icon"] == "evaluator-app" and desktop["Terminal"] == "false"
    assert desktop["Categories"] == "Office;"
    assert "application/x-evaluator-evaluation" in desktop["MimeType"].split(";")
    mime = (unpacked / MIME).read_text(encoding="utf-8")
    assert 'type="application/x-evaluator-evaluation"' in mime and 'value="EVAL" offset="68"' in mime


def test_desktop_entry_validates(unpacked):
    if not shutil.which("desktop-file-validate"):
        if os.geteuid() != 0 or not shutil.which("apt-get"):
            pytest.skip("desktop-file-validate is not installed (Debian package desktop-file-utils)")
        subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", "desktop-file-utils"],
                       env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"}, capture_output=True, timeout=600)
        if not shutil.which("desktop-file-validate"):
            pytest.skip("desktop-file-utils could not be installed")
    result = subprocess.run(["desktop-file-validate", str(unpacked / DESKTOP)], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout == "", result.stdout + result.stderr


def test_icon_is_the_256_px_png(unpacked):
    data = (unpacked / ICON).read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    assert struct.unpack(">II", data[16:24]) == (256, 256)
    assert data == (ROOT / "resources/icons/evaluator.png").read_bytes()


def test_bundle_is_copied_whole(unpacked, frozen_bundle):
    shipped = unpacked / "opt/evaluator-app"
    source = sorted(str(p.relative_to(frozen_bundle)) for p in frozen_bundle.rglob("*"))
    assert sorted(str(p.relative_to(shipped)) for p in shipped.rglob("*")) == source


def test_install_and_uninstall_into_a_folder(unpacked, tmp_path):
    for script in ("install.sh", "uninstall.sh"):
        assert "@VERSION@" not in (unpacked / script).read_text(encoding="utf-8")
    assert "@GLIBC@" not in (unpacked / "install.sh").read_text(encoding="utf-8")
    root = tmp_path / "root"
    result = subprocess.run([str(unpacked / "install.sh"), "--root", str(root)], capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stderr
    for relative in [*INSTALLED, "opt/evaluator-app/uninstall.sh"]:
        assert (root / relative).is_file(), relative
    version = subprocess.run([str(root / "opt/evaluator-app/evaluator-app"), "--version"], capture_output=True,
                             text=True, timeout=60, env={**os.environ, "EVALUATOR_APP_DATA_DIR": str(tmp_path)})
    assert version.stdout.strip() == f"evaluator-app {__version__}", version.stderr

    result = subprocess.run([str(root / "opt/evaluator-app/uninstall.sh"), "--root", str(root)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert [p for p in root.rglob("*") if p.is_file()] == []


def test_install_refuses_without_root_or_a_folder(unpacked):
    if os.geteuid() == 0:
        pytest.skip("runs as root")
    result = subprocess.run([str(unpacked / "install.sh")], capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and "sudo" in result.stderr


def test_deb(packaged):
    if not shutil.which("dpkg-deb"):
        pytest.skip("dpkg-deb is not installed")
    debs = list(packaged.glob("evaluator-app_*.deb"))
    assert len(debs) == 1 and debs[0].name.startswith(f"evaluator-app_{__version__}_")
    fields = subprocess.run(["dpkg-deb", "-f", str(debs[0]), "Package", "Version", "Depends"], capture_output=True,
                            text=True, check=True).stdout
    assert "Package: evaluator-app" in fields and f"Version: {__version__}" in fields
    assert "libc6 (>= 2." in fields and "libgl1" in fields
    listing = subprocess.run(["dpkg-deb", "-c", str(debs[0])], capture_output=True, text=True, check=True).stdout
    paths = {line.split()[5].removeprefix("./") for line in listing.splitlines()}
    assert set(INSTALLED) <= paths
    assert not any(path.endswith(("install.sh", "uninstall.sh")) for path in paths)
    owners = {line.split()[1] for line in listing.splitlines()}
    assert owners == {"root/root"}
