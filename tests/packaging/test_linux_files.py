"""The Linux desktop files (packaging/linux/) validate with Debian's tools, name the icon and the
program that exist, and carry pyproject.toml's version; the icons exist at every usual size."""

from __future__ import annotations

import configparser
import shutil
import struct
import subprocess
import tomllib
import xml.etree.ElementTree as ET

import pytest

from desktop.config import load_configuration
from tests.conftest import ROOT

LINUX = ROOT / "packaging" / "linux"
APP_ID = "fr.hopital.creneau"
DESKTOP_FILE = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"
ICONS = ROOT / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def pyproject_version() -> str:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "version"
    ]


def tool(name: str, package: str) -> str:
    found = shutil.which(name)
    if found is None:
        pytest.skip(f"{name} is missing: install Debian's {package} (.ci/run does)")
    return found


def problems(output: str, prefixes: tuple[str, ...]) -> list[str]:
    return [line for line in output.splitlines() if line.lstrip().startswith(prefixes)]


def test_the_desktop_file_validates():
    validate = tool("desktop-file-validate", "desktop-file-utils")
    result = subprocess.run([validate, str(DESKTOP_FILE)], capture_output=True, text=True)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert [
        line for line in output.splitlines() if ": error:" in line or ": warning:" in line
    ] == []


def test_the_metainfo_validates():
    appstreamcli = tool("appstreamcli", "appstream")
    result = subprocess.run(
        [appstreamcli, "validate", "--no-net", str(METAINFO)], capture_output=True, text=True
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert problems(output, ("E:", "W:")) == [], output


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(DESKTOP_FILE, encoding="utf-8")
    return parser["Desktop Entry"]


def metainfo() -> ET.Element:
    return ET.parse(METAINFO).getroot()


def test_the_newest_release_is_the_version_of_pyproject():
    releases = metainfo().findall("./releases/release")
    assert releases, "the metainfo lists no release"
    assert releases[0].get("version") == pyproject_version()


def test_metainfo_and_desktop_file_name_the_same_program_and_icon():
    root = metainfo()
    entry = desktop_entry()
    assert root.findtext("id") == APP_ID
    assert root.findtext("./launchable[@type='desktop-id']") == DESKTOP_FILE.name
    assert root.findtext("project_license") == "EUPL-1.2"
    assert root.findtext("metadata_license") == "CC0-1.0"
    assert entry["Icon"] == APP_ID
    assert entry["Exec"].split()[0] == entry["TryExec"] == root.findtext("./provides/binary")
    assert entry["Terminal"] == "false"
    names = {
        e.get("{http://www.w3.org/XML/1998/namespace}lang"): e.text for e in root.findall("summary")
    }
    assert set(names) == {None, "fr"}, "an English (untranslated) and a French summary"


def test_the_screenshots_are_pictures_of_the_repository():
    for image in metainfo().findall("./screenshots/screenshot/image"):
        relative = image.text.split("/resources/", 1)[1]
        assert (ROOT / "resources" / relative).is_file(), image.text


def png_size(path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head.startswith(b"\x89PNG\r\n\x1a\n"), f"{path} is not a PNG"
    return struct.unpack(">II", head[16:24])


@pytest.mark.parametrize("size", SIZES)
def test_an_icon_at_each_usual_size_in_the_hicolor_layout(size):
    png = ICONS / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
    assert png_size(png) == (size, size)


def test_the_scalable_icon_is_the_drawn_one():
    scalable = ICONS / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
    assert scalable.read_bytes() == (ICONS / "creneau.svg").read_bytes()
    assert ET.parse(scalable).getroot().get("viewBox") == "0 0 128 128"


def test_the_windows_icon_holds_every_size_up_to_256():
    data = (ICONS / "creneau.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind) == (0, 1)
    sizes = []
    for i in range(count):
        width, _height, _c, _r, _planes, _bits, length, offset = struct.unpack(
            "<BBBBHHII", data[6 + 16 * i : 22 + 16 * i]
        )
        assert data[offset : offset + 8] == b"\x89PNG\r\n\x1a\n"
        assert offset + length <= len(data)
        sizes.append(width or 256)
    assert sizes == [16, 24, 32, 48, 64, 128, 256]


def test_the_configuration_template_for_it_loads(tmp_path):
    """packaging/creneau.toml, copied to /etc/xdg/creneau/, is valid as shipped."""
    config = load_configuration(
        environ={
            "CRENEAU_MACHINE_CONFIG": str(ROOT / "packaging" / "creneau.toml"),
            "CRENEAU_USER_CONFIG": str(tmp_path / "absent.toml"),
        }
    )
    assert config.files_read == (ROOT / "packaging" / "creneau.toml",)
