"""What Happens for a claim lists the bound volume and those nearest to fitting, not every volume
of the design: at 15,000 resources the table had 1,665 rows, and a click on a claim was a 0.5 s
pause laying them out (xdrive, session 15)."""

from __future__ import annotations

from kubecanvas.teaching.storage import simulate_claim
from kubecanvas.ui.teaching.happens_render import VOLUME_ROWS, render_claim
from teaching.helpers import build, rid

VOLUME = """
apiVersion: v1
kind: PersistentVolume
metadata: {{name: {name}}}
spec:
  storageClassName: {cls}
  capacity: {{storage: {size}}}
  accessModes: [ReadWriteOnce]
  hostPath: {{path: /mnt/{name}}}
"""
CLAIM = """
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: data}
spec:
  storageClassName: manual
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 5Gi}}
"""


def test_a_claim_among_many_volumes_lists_the_nearest_and_counts_the_rest() -> None:
    volumes = [VOLUME.format(name=f"slow-{i:02d}", cls="slow", size="10Gi") for i in range(30)]
    volumes += [VOLUME.format(name="small", cls="manual", size="1Gi"),
                VOLUME.format(name="right", cls="manual", size="10Gi")]
    doc, graph = build("---".join([*volumes, CLAIM]))
    sim = simulate_claim(doc, graph, rid(doc, "PersistentVolumeClaim", "data"))
    assert sim.volume is not None and len(sim.verdicts) == 32  # the simulation keeps them all
    html = render_claim(doc, sim)
    assert html.count("<tr>") - 1 == VOLUME_ROWS + 1  # (the header row) and the count row
    assert "…and 20 more" in html
    # the bound volume first, then the one of the right class that is too small (one reason)
    assert html.index("right") < html.index("small") < html.index("slow-")


def test_a_claim_among_few_volumes_lists_them_all_in_order() -> None:
    volumes = [VOLUME.format(name=f"pv-{i}", cls="slow", size="10Gi") for i in range(3)]
    doc, graph = build("---".join([*volumes, CLAIM]))
    html = render_claim(doc, simulate_claim(doc, graph, rid(doc, "PersistentVolumeClaim", "data")))
    assert "more" not in html
    assert html.index("pv-0") < html.index("pv-1") < html.index("pv-2")
