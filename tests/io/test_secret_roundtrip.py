"""Secret values leave KubeCanvas exactly as they came in: `data` and `stringData` survive
import, YAML export (one file or a folder), write-back and the project file byte for byte. (The
screen hides them: see tests/ui/test_secret_masking.py.)"""

from __future__ import annotations

import atexit
import base64
import shutil
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from kubecanvas.io import (
    dump_resources,
    load_paths,
    load_project,
    load_text,
    save_project,
    write_back,
    write_folder,
)
from kubecanvas.model.document import Document

PEM = "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\nQ2xhdWRl\n-----END CERTIFICATE-----\n"
TRICKY = {
    "pem": PEM, "no-final-newline": "line1\nline2", "trailing-spaces": "value   ",
    "leading-spaces": "   value", "yes": "yes", "octal": "0123", "exp": "1e3", "null": "null",
    "tilde": "~", "empty": "", "blank": "  ", "hash": "a #b", "colon": "k: v", "quote": "'\"",
    "unicode": "pässwörd 🔑", "tab": "a\tb", "crlf": "a\r\nb", "nel": "a\x85b",
    "separator": "a\u2028b", "many-newlines": "\n\nx\n\n", "dash": "- x", "star": "*x",
}
SOURCE = """\
# the database credentials
apiVersion: v1
kind: Secret
metadata:
  name: creds
type: Opaque
data:
  password: aHVudGVyMg==
  key.pem: |
    LS0tLS1CRUdJTiBQUklWQVRFIEtFWS0tLS0tCk1JSUV2UUlCQURBTkJna3Foa2lHOXcwQkFRRUZB
stringData:
  token: "  spaced token  "
  config.yaml: |
    url: https://example.com
    retries: 3
"""

WORK = Path(tempfile.mkdtemp(prefix="kubecanvas-secrets-"))
atexit.register(shutil.rmtree, WORK, ignore_errors=True)


def secret_values(manifest: dict[str, Any]) -> dict[str, Any]:
    return {"data": manifest.get("data"), "stringData": manifest.get("stringData")}


def utf8(values: dict[str, Any]) -> dict[str, Any]:
    """The values as bytes: equal bytes, not just equal-looking text."""
    return {part: {k: v.encode("utf-8", "surrogatepass") for k, v in (entries or {}).items()}
            for part, entries in values.items()}


def check_every_way_out(manifest: dict[str, Any], name: str) -> None:
    expected = utf8(secret_values(manifest))
    source = WORK / f"{name}.yaml"
    source.write_text(dump_resources(load_text(_yaml(manifest)).resources), encoding="utf-8")
    [imported] = load_paths([source]).resources
    assert utf8(secret_values(imported.manifest)) == expected
    [again] = load_text(dump_resources([imported])).resources
    assert utf8(secret_values(again.manifest)) == expected
    folder = WORK / f"{name}-folder"
    [written, _] = write_folder([imported], folder)
    [from_folder] = load_paths([written]).resources
    assert utf8(secret_values(from_folder.manifest)) == expected
    project = WORK / f"{name}.kcanvas"
    save_project(Document([imported]), project)
    [from_project] = load_project(project)
    assert utf8(secret_values(from_project.manifest)) == expected
    relabelled = imported.with_manifest({**imported.manifest, "metadata": {
        **imported.manifest["metadata"], "labels": {"edited": "yes"}}})
    write_back([relabelled])
    [written_back] = load_paths([source]).resources
    assert written_back.manifest["metadata"]["labels"] == {"edited": "yes"}
    assert utf8(secret_values(written_back.manifest)) == expected


def _yaml(manifest: dict[str, Any]) -> str:
    from kubecanvas.io.yaml_dialect import dump_document

    return dump_document(manifest)


def test_tricky_values_survive_every_way_out() -> None:
    manifest = {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "tricky"},
                "type": "Opaque", "stringData": dict(TRICKY),
                "data": {k: base64.b64encode(v.encode()).decode() for k, v in TRICKY.items()}}
    check_every_way_out(manifest, "tricky")


def test_an_untouched_secret_file_is_written_back_byte_for_byte(tmp_path: Path) -> None:
    path = tmp_path / "creds.yaml"
    path.write_bytes(SOURCE.encode())
    other = tmp_path / "other.yaml"
    other.write_text("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n")
    resources = load_paths([path, other]).resources
    changed = [r if r.kind == "Secret" else r.with_manifest({**r.manifest, "data": {"k": "v"}})
               for r in resources]
    write_back(changed)
    assert path.read_bytes() == SOURCE.encode()
    [secret] = load_paths([path]).resources
    assert secret.manifest["stringData"]["token"] == "  spaced token  "
    assert secret.manifest["data"]["key.pem"].endswith("RUZB\n")


keys = st.from_regex(r"[A-Za-z0-9._-]{1,20}", fullmatch=True)


@settings(max_examples=25, deadline=None)
@given(string_data=st.dictionaries(keys, st.text(st.characters(blacklist_categories=("Cs",)),
                                                 max_size=40), max_size=4),
       data=st.dictionaries(keys, st.binary(max_size=40), max_size=4))
def test_any_values_survive_every_way_out(string_data: dict[str, str],
                                          data: dict[str, bytes]) -> None:
    manifest = {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "any"},
                "stringData": string_data,
                "data": {k: base64.b64encode(v).decode() for k, v in data.items()}}
    check_every_way_out(manifest, "any")


def test_masking_for_display_never_reaches_an_export(tmp_path: Path) -> None:
    from kubecanvas.model.secrets import MASK, mask_secret

    path = tmp_path / "creds.yaml"
    path.write_text(SOURCE)
    [secret] = load_paths([path]).resources
    before = dump_resources([secret])
    masked = mask_secret(secret)
    assert set(masked.manifest["data"].values()) == {MASK}
    assert dump_resources([secret]) == before  # the shown copy is a copy
    assert "aHVudGVyMg==" in before and "  spaced token  " in before
    save_project(Document([secret]), tmp_path / "p.kcanvas")
    [loaded] = load_project(tmp_path / "p.kcanvas")
    assert loaded.manifest == secret.manifest
