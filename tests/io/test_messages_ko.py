"""Every load problem, project error and cluster error is a `Text`: its English is exactly the
sentence the CLI prints (and the other tests compare), its Korean is for the editor in Korean."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from kubecanvas.cluster.kubectl import ClusterError, Completed, Kubectl, find_kubectl
from kubecanvas.io import ProjectError, load_paths, load_project, load_text
from kubecanvas.io.limits import Limits, exc_message
from kubecanvas.io.project import FORMAT, VERSION
from kubecanvas.io.writeback import WriteBackError, write_back
from kubecanvas.model.resource import Resource
from kubecanvas.model.text import Text

CONFIGMAP = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {name}\ndata:\n  k: v\n"
BOMB = ("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bomb\ndata:\n"
        'a0: &a0 ["l", "l", "l", "l", "l", "l", "l", "l", "l", "l"]\n'
        + "".join(f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 10)}]\n" for n in range(1, 9)))


def bilingual(message: str, english: str) -> None:
    """`message` is a Text whose English is `english` and whose Korean has Hangul."""
    assert isinstance(message, Text), repr(message)
    assert message.en == english
    assert any("\uac00" <= ch <= "\ud7a3" for ch in message.ko), message.ko


def only_problem(text: str, limits: Limits | None = None) -> str:
    result = load_text(text, "f.yaml", **({"limits": limits} if limits else {}))
    assert len(result.problems) == 1, result.problems
    return result.problems[0].message


@pytest.mark.parametrize(("text", "english"), [
    ("- a\n- b\n", "the document is a list, not a mapping; a Kubernetes manifest is a mapping "
     "with apiVersion, kind and metadata. It was not loaded"),
    ("foo: 1\n", "the document has neither apiVersion nor kind, so it is not a Kubernetes "
     "resource; it was skipped"),
    ("apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n",
     "a kustomize file, not a resource: it was skipped (run `kustomize build` and import the "
     "output to see what it produces)"),
    ("apiVersion: v1\nkind: List\nitems:\n- 3\n",
     "item 0 of the List is not a mapping; it was not loaded"),
    ("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: !!python/object:os.system x\n",
     "invalid YAML: the Python tag !!python/object:os.system is refused: KubeCanvas reads plain "
     "YAML data only and never runs code from a file; remove the tag"),
    ("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: !mine x\n",
     "invalid YAML: unknown YAML tag '!mine': Kubernetes manifests hold plain mappings, lists "
     "and scalars; remove the tag"),
    ("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n data: x\n",
     "invalid YAML: did not find expected key (while parsing a block mapping)"),
    ("kind: Deployment\nmetadata:\n\tname: a\n",
     "invalid YAML: found character that cannot start any token (while scanning for the "
     "next token); a TAB character is used here: YAML indents with spaces only"),
    ("kind: ConfigMap\nmetadata:\n  name: {{ .Values.name }}\n  x: [\n",
     "invalid YAML: did not find expected node content (while parsing a flow node); the "
     "document looks like a template ({{ ... }}): render it first (for example with "
     "`helm template`) and import the output"),
    (BOMB, "the document holds more than 500,000 values once its aliases (*name) are expanded; "
     "it was refused (an alias bomb, or far larger than a manifest)"),
    ("a: &x [*x]\nkind: ConfigMap\n", "an alias refers to the value that contains it (the anchor "
     "at line 1), which would make endless data; the document was refused"),
    ("kind: ConfigMap\nx: " + "[" * 300 + "]" * 300 + "\n",
     "the document nests lists and mappings more than 200 levels deep (line 2, column 203); it "
     "was refused (no Kubernetes manifest is nested this deeply)"),
    ("---\n" * 30 + "a: 1\n", "the import reached its limit of 10,000 bytes here (each document "
     "counts as at least 512 bytes); the rest was not read. Raise it with --limit "
     "total-bytes=SIZE if the input is trusted"),
])
def test_document_problems_are_bilingual(text: str, english: str) -> None:
    limits = Limits(max_total_bytes=10_000) if text.startswith("---") else None
    message = only_problem(text, limits)
    bilingual(message, english)


def test_the_parser_reason_stays_as_written_inside_the_korean_frame() -> None:
    message = only_problem("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n data: x\n")
    assert isinstance(message, Text)
    assert message.ko == "YAML 구문 오류: did not find expected key (while parsing a block mapping)"


def test_warnings_are_bilingual() -> None:
    result = load_text("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\t\n"
                       "---\n" + CONFIGMAP.format(name="b"), "w.yaml")
    messages = [p.message for p in result.problems]
    bilingual(messages[0], "the key 'name' is written twice in one mapping; the last value is used")
    bilingual(messages[1], "a TAB character trails this line; some YAML tools reject it, remove it")
    bilingual(messages[2], "defined twice: at w.yaml:1 and at w.yaml:7; applying both makes the "
              "second replace the first")


def test_file_problems_are_bilingual(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    bilingual(load_paths([empty]).problems[0].message, "the folder holds no .yaml, .yml or .json files")
    bilingual(load_paths([tmp_path / "gone.yaml"]).problems[0].message, "no such file or folder")
    junk = tmp_path / "junk.yaml"
    junk.write_bytes(b"kind: a\n\xff\xfe\x00")
    bilingual(load_paths([junk]).problems[0].message,
              "not valid UTF-8 text (byte 0xff at line 2, column 1); save the file as UTF-8 and "
              "import it again; the file was skipped")
    big = tmp_path / "big.yaml"
    big.write_text(CONFIGMAP.format(name="a") * 3)
    bilingual(load_paths([big], limits=Limits(max_file_bytes=100)).problems[0].message,
              "the file is 192 bytes, larger than the 100 bytes KubeCanvas reads from one file; "
              "it was refused (split it, or import only the part you need)")
    bilingual(load_text("x" * 200, "t", limits=Limits(max_file_bytes=100)).problems[0].message,
              "the text is 200 bytes, larger than the 100 bytes KubeCanvas reads at once; it was "
              "refused")
    many = tmp_path / "many"
    many.mkdir()
    for number in range(3):
        (many / f"f{number}.yaml").write_text(CONFIGMAP.format(name=f"c{number}"))
    skipped = load_paths([many], limits=Limits(max_file_bytes=100, max_total_bytes=150,
                                               document_floor_bytes=0))
    bilingual(skipped.errors[0].message, "the file was skipped: this import already read 130 "
              "bytes and may read 150 bytes in all; import fewer files at once")


@pytest.mark.skipif(os.name == "nt" or os.geteuid() == 0, reason="needs file permissions")
def test_an_unreadable_file_is_bilingual(tmp_path: Path) -> None:
    locked = tmp_path / "locked.yaml"
    locked.write_text(CONFIGMAP.format(name="a"))
    locked.chmod(0)
    bilingual(load_paths([locked]).problems[0].message, "cannot read the file: Permission denied")


def project_error(path: Path, content: object, limits: Limits | None = None) -> str:
    path.write_text(content if isinstance(content, str) else json.dumps(content))
    with pytest.raises(ProjectError) as caught:
        load_project(path, *([limits] if limits else []))
    return exc_message(caught.value)


def test_project_errors_are_bilingual(tmp_path: Path) -> None:
    p = tmp_path / "d.kubecanvas"
    good = {"format": FORMAT, "version": VERSION, "resources": []}
    cases: list[tuple[object, str]] = [
        ("{", f"{p} is damaged: not valid JSON at line 1, column 2 (Expecting property name "
              "enclosed in double quotes)"),
        ('{"a": NaN}', f"{p} is damaged: NaN is not a valid JSON number"),
        ({"format": "x"}, f'{p} is not a KubeCanvas project file (no "format": "{FORMAT}")'),
        ({"format": FORMAT, "version": "1"},
         f'{p} is damaged: "version" must be a whole number'),
        ({"format": FORMAT, "version": 99}, f"{p} was written by a newer KubeCanvas "
         f"(project format version 99; this one reads up to {VERSION}); open it with that version or a "
         "later one"),
        ([], f"{p} is damaged: the file must be an object"),
        ({**good, "resources": [{"id": "", "manifest": {}}]},
         f"{p} is damaged: resources[0].id is empty"),
        ({**good, "resources": [{"id": "a", "manifest": {}, "position": [1]}]},
         f"{p} is damaged: resources[0].position must be [x, y]"),
        ({**good, "resources": [{"id": "a", "manifest": {}}, {"id": "a", "manifest": {}}]},
         f"{p} is damaged: resources[1] repeats the id 'a'"),
        ({**good, "settings": {"kube_version": "new"}}, f"{p} is damaged: settings.kube_version "
         "'new' is not a Kubernetes version (for example 1.33)"),
        ({**good, "settings": {"ignored": [["r"]]}},
         f"{p} is damaged: settings.ignored[0] must be [rule, resource id]"),
    ]
    for content, english in cases:
        bilingual(project_error(p, content), english)
    deep = {**good, "resources": [{"id": "a", "manifest": {"x": [[[[1]]]]}}]}
    bilingual(project_error(p, deep, Limits(max_depth=3)),
              f"{p} is damaged: resources[0] nests lists and mappings more than 3 levels deep")
    size = len(json.dumps(good))
    bilingual(project_error(p, good, Limits(max_project_bytes=10)),
              f"cannot read {p}: it is {size} bytes, larger than the 10 bytes KubeCanvas reads "
              "as a project")
    missing = tmp_path / "missing.kubecanvas"
    with pytest.raises(ProjectError) as caught:
        load_project(missing)
    bilingual(exc_message(caught.value), f"cannot read {missing}: No such file or directory")
    assert str(caught.value) == f"cannot read {missing}: No such file or directory"  # the CLI


def test_write_back_errors_and_notes_are_bilingual(tmp_path: Path) -> None:
    loose = Resource(manifest={"apiVersion": "v1", "kind": "ConfigMap",
                               "metadata": {"name": "a"}})
    with pytest.raises(WriteBackError) as caught:
        write_back([loose])
    bilingual(exc_message(caught.value), "1 resource(s) have no file to go back to (created in "
              "the editor or read from standard input); choose a file to save them to")
    source = tmp_path / "a.yaml"
    source.write_text(CONFIGMAP.format(name="a"))
    [resource] = load_paths([source]).resources
    source.unlink()
    result = write_back([resource])
    bilingual(result.notes[0], f"{source} was no longer on disk; it was written again from the "
              "editor's copy")


# --- cluster -----------------------------------------------------------------------------------

def stand_in_kubectl(folder: Path, script: str) -> str:
    """A kubectl that answers like the real one for the calls these tests make."""
    path = folder / "kubectl"
    path.write_text(f"#!{sys.executable}\nimport sys\nargs = sys.argv[1:]\n{script}",
                    encoding="utf-8")
    path.chmod(0o755)
    return str(path)


def cluster_error(call: object) -> str:
    with pytest.raises(ClusterError) as caught:
        call()  # type: ignore[operator]
    return exc_message(caught.value)


@pytest.mark.skipif(os.name == "nt", reason="the stand-in kubectl is a POSIX script")
def test_cluster_errors_are_bilingual(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    bilingual(cluster_error(find_kubectl), "kubectl is not installed (or not on PATH); install it "
              "from https://kubernetes.io/docs/tasks/tools/ and configure a context for your "
              "cluster")
    gone = Kubectl(program=str(tmp_path / "gone"))
    bilingual(cluster_error(lambda: gone.run(["version"])),
              f"kubectl ({tmp_path / 'gone'}) could not be started; is it installed?")
    program = stand_in_kubectl(tmp_path, (
        "if args[:2] == ['config', 'current-context']:\n"
        "    sys.stderr.write('error: current-context is not set\\n'); sys.exit(1)\n"
        "print('kind-dev')\n"))
    bilingual(cluster_error(Kubectl(program=program).current_context),
              "kubectl has no current context: no cluster is configured. Run "
              "`kubectl config use-context NAME` (or pass --context)")
    bilingual(cluster_error(Kubectl("prod", program).current_context),
              "kubectl has no context named 'prod'; known: kind-dev")
    refused = Completed(("kubectl", "get"), 1, "", (
        "E1126 04:23:29.100095   26214 memcache.go:265] couldn't get current server API group "
        "list: dial tcp 127.0.0.1:6443: connect: connection refused\nThe connection to the "
        "server 127.0.0.1:6443 was refused - did you specify the right host or port?\n"))
    bilingual(cluster_error(lambda: Kubectl("kind-dev", program).raise_if_unreachable(refused)),
              "the cluster of context 'kind-dev' cannot be reached: The connection to the server "
              "127.0.0.1:6443 was refused - did you specify the right host or port?")
    no_context = Completed(("kubectl", "get"), 1, "", "error: current-context is not set\n")
    bilingual(cluster_error(lambda: Kubectl(program=program).raise_if_unreachable(no_context)),
              "kubectl has no usable context: current-context is not set")
