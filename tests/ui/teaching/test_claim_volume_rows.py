"""What Happens for a claim lists the bound volume and those nearest to fitting, not every volume
of the design: at 15,000 resources the table had 1,665 rows, and a click on a claim was a 0.5 s
pause laying them out (xdrive, session 15)."""

from __future__ import annotations

from kubecanvas.teaching.storage import simulate_claim
from kubecanvas.ui.teaching.happens_render import VOLUME_ROWS, render_claim
from teaching.helpers import build, rid
from teaching.test_documented_behaviour import pv

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
    volumes = [pv(f"slow-{i:02d}", "slow", "1Gi") for i in range(30)]  # two reasons against
    volumes += [pv("small", "manual", "1Gi"), pv("right", "manual", "10Gi")]
    doc, graph = build("---".join([*volumes, CLAIM]))
    sim = simulate_claim(doc, graph, rid(doc, "PersistentVolumeClaim", "data"))
    assert sim.volume is not None and len(sim.verdicts) == 32  # the simulation keeps them all
    html = render_claim(doc, sim)
    assert html.count("<tr>") - 1 == VOLUME_ROWS + 1  # (the header row) and the count row
    assert "…and 20 more" in html
    # the bound volume first, then the one of the right class that is only too small
    rows = html[html.index("<table"):]
    assert rows.index("<td>right</td>") < rows.index("<td>small</td>") < rows.index("<td>slow-")


def test_a_claim_among_few_volumes_lists_them_all_in_order() -> None:
    volumes = [pv(f"pv-{i}", "slow", "10Gi") for i in range(3)]
    doc, graph = build("---".join([*volumes, CLAIM]))
    html = render_claim(doc, simulate_claim(doc, graph, rid(doc, "PersistentVolumeClaim", "data")))
    assert "more" not in html
    rows = html[html.index("<table"):]
    assert rows.index("<td>pv-0</td>") < rows.index("<td>pv-1</td>") < rows.index("<td>pv-2</td>")
