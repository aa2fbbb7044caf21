"""`kubecanvas cluster import` strips with the same function as `import --strip-cluster-fields`.

The stand-in kubectl answers with the realistic dumps of every seed kind (tests/io/cluster_dumps);
what the namespace import keeps must be exactly what `import --strip-cluster-fields` makes of the
same objects, minus what controllers made.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from kubecanvas.io.project import load_project
from kubecanvas.io.yaml_in import load_paths

DUMPS = Path(__file__).parent.parent / "io" / "cluster_dumps"


def test_cluster_import_keeps_what_import_strip_keeps(stand_ins, cli,  # type: ignore[no-untyped-def]
                                                       tmp_path: Path) -> None:
    dumps = sorted(p for p in DUMPS.glob("*.yaml") if not p.name.endswith(".stripped.yaml"))
    live = [r.manifest for r in load_paths(dumps).resources]
    stand_ins.install("kubectl")
    stand_ins.prints(yaml.safe_dump({"apiVersion": "v1", "kind": "List", "items": live,
                                     "metadata": {"resourceVersion": ""}}))
    from_cluster = tmp_path / "cluster.kcanvas"
    code, _, err = cli("cluster", "import", "-n", "shop", "-o", str(from_cluster))
    assert code == 0, err
    assert "1 made by controllers left out" in err  # the ReplicaSet's Pod
    from_import = tmp_path / "import.kcanvas"
    code, _, err = cli("import", *map(str, dumps), "--strip-cluster-fields", "-o",
                       str(from_import))
    assert code == 0, err

    def manifests(project: Path) -> dict[tuple[str, str], dict[str, object]]:
        return {(r.kind, r.name): r.manifest for r in load_project(project)}

    imported = manifests(from_import)
    assert "left out 1 object(s) that controllers made" in err  # the same Pod, both ways
    assert manifests(from_cluster) == imported
    service = imported[("Service", "web")]
    assert "clusterIP" not in service["spec"]  # type: ignore[operator]
