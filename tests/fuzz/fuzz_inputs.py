"""Seeds and mutations for fuzzing the readers (YAML import, project files).

Seeds are the real-world documents of the shared corpus, its `malformed-or-templated/` files
included, plus a few built-in documents so the fuzz tests still run where the corpus is absent.
Mutations are the damage real files suffer: flipped bytes, truncation, changed indentation,
inserted TABs, keys written twice, template placeholders, lines spliced from another file.

The example budget comes from `KUBECANVAS_FUZZ_EXAMPLES` (default: a few seconds' worth, with a
fixed derandomized sequence so the suite is repeatable); set it to run a long, random campaign:

    KUBECANVAS_FUZZ_EXAMPLES=20000 python -m pytest tests/fuzz -q
"""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
LONG_RUN = "KUBECANVAS_FUZZ_EXAMPLES" in os.environ
EXAMPLES = int(os.environ.get("KUBECANVAS_FUZZ_EXAMPLES", "60"))

BUILT_IN = [
    b"apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  labels: {app: web}\n"
    b"spec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n"
    b"      labels:\n        app: web\n    spec:\n      containers:\n      - name: web\n"
    b"        image: nginx:1.27\n        envFrom:\n        - configMapRef: {name: cfg}\n"
    b"---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n"
    b"    app: web\n  ports:\n  - port: 80\n",
    b"apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n"
    b"    name: a\n  data:\n    k: &v value\n    j: *v\n",
    b"apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ntype: Opaque\ndata:\n  pw: cGFzcw==\n"
    b"stringData:\n  raw: 'x'\n",
]

#: Template placeholders as Helm, Kustomize-free generators and shell templates leave them.
PLACEHOLDERS = [
    b"{{ .Values.image }}", b"{{- if .Values.enabled }}", b"{{- end }}", b"${NAME}",
    b"{{ include \"chart.labels\" . | nindent 4 }}", b"<%= name %>", b"$(IMAGE)",
    b"{{ toYaml .Values.resources | indent 10 }}",
]


def seeds() -> list[bytes]:
    """Every YAML file of the corpus (sorted, so the list is stable) and the built-in ones."""
    found = []
    if CORPUS.is_dir():
        found = [p.read_bytes() for p in sorted(CORPUS.rglob("*"))
                 if p.suffix in (".yaml", ".yml") and p.is_file()]
    return found + BUILT_IN


SEEDS = seeds()


def fuzz_settings(examples: int = EXAMPLES) -> settings:
    """Hypothesis settings for a fuzz test: the suite budget unless a long run was asked for."""
    return settings(max_examples=examples, deadline=None, derandomize=not LONG_RUN,
                    suppress_health_check=list(HealthCheck), database=None)


def _lines(data: bytes) -> list[bytes]:
    return data.split(b"\n")


@st.composite
def mutation(draw: st.DrawFn, data: bytes) -> bytes:
    """One kind of damage applied to `data`."""
    kind = draw(st.sampled_from(("flip", "truncate", "indent", "tab", "duplicate",
                                 "placeholder", "splice", "insert", "delete")))
    size = max(len(data), 1)
    at = draw(st.integers(0, size - 1))
    if kind == "flip":
        byte = draw(st.integers(1, 255))
        return data[:at] + bytes([data[at] ^ byte]) + data[at + 1:] if data else bytes([byte])
    if kind == "truncate":
        return data[:at]
    if kind == "insert":
        return data[:at] + draw(st.binary(min_size=1, max_size=8)) + data[at:]
    if kind == "delete":
        return data[:at] + data[at + draw(st.integers(1, 16)):]
    lines = _lines(data)
    row = draw(st.integers(0, len(lines) - 1))
    if kind == "indent":
        shift = draw(st.integers(-4, 4))
        line = lines[row]
        lines[row] = b" " * shift + line if shift > 0 else line[min(-shift, len(line)
                                                                    - len(line.lstrip(b" "))):]
    elif kind == "tab":
        column = draw(st.integers(0, len(lines[row])))
        lines[row] = lines[row][:column] + b"\t" + lines[row][column:]
    elif kind == "duplicate":
        lines.insert(row, lines[row])
    elif kind == "placeholder":
        text = draw(st.sampled_from(PLACEHOLDERS))
        column = draw(st.integers(0, len(lines[row])))
        if draw(st.booleans()):
            lines[row] = lines[row][:column] + text + lines[row][column:]
        else:
            lines.insert(row, text)
    else:  # splice lines of another seed in
        other = _lines(draw(st.sampled_from(SEEDS)))
        start = draw(st.integers(0, len(other) - 1))
        lines[row:row] = other[start:start + draw(st.integers(1, 12))]
    return b"\n".join(lines)


@st.composite
def mutated_yaml(draw: st.DrawFn) -> bytes:
    """A corpus or built-in document with one to four mutations."""
    data = draw(st.sampled_from(SEEDS))
    for _ in range(draw(st.integers(1, 4))):
        data = draw(mutation(data))
    return data
