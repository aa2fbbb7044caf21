"""Load problems and open errors are shown in the window's language: the editor in Korean shows
a broken file's problem in Korean (file and line kept), in English the same sentence as the CLI."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from kubecanvas.model.text import Text
from kubecanvas.ui import i18n
from kubecanvas.ui.commands import design_files
from kubecanvas.ui.session import PROJECT_SUFFIX

GOOD = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ok}\n"
BROKEN = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bad\n data: x\n"


@pytest.fixture
def korean(make_window) -> Iterator[object]:
    """A window whose editor language is Korean (set after the window read its settings)."""
    window = make_window()
    window.set_language("ko")
    assert i18n.language() == "ko"
    yield window
    i18n.set_language("en")
    i18n.MISSING.clear()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    designs = tmp_path / "designs"
    designs.mkdir()
    (designs / "good.yaml").write_text(GOOD, "utf-8")
    (designs / "bad.yaml").write_text(BROKEN, "utf-8")
    return designs


def first_row(window) -> str:
    tree = window.problems.tree
    return tree.topLevelItem(0).text(1)


def test_a_broken_file_is_reported_in_korean(folder: Path, korean) -> None:
    window = korean
    assert window.open_paths([folder])
    [problem] = window.session.load_problems
    assert isinstance(problem, Text)
    where = f"{folder / 'bad.yaml'}:5:2: "
    assert problem.en == where + "invalid YAML: did not find expected key (while parsing a " \
        "block mapping)"
    korean_problem = where + "YAML 구문 오류: did not find expected key (while parsing a block " \
        "mapping)"
    banner = window.load_banner
    assert banner.isVisible() and not [b for b in window.findChildren(QMessageBox)
                                       if b.isVisible()]  # nothing modal
    assert banner.full_text == \
        f"문서 1개를 불러오지 못했습니다. 나머지는 모두 캔버스에 있습니다. {korean_problem}"
    assert banner.show_button.text() == "보기"
    assert first_row(window) == korean_problem
    assert [r.name for r in window.session.document] == ["ok"]


def test_the_same_folder_in_english_shows_the_cli_sentence(make_window, folder: Path) -> None:
    window = make_window()
    assert window.open_paths([folder])
    english = (f"{folder / 'bad.yaml'}:5:2: invalid YAML: did not find expected key (while "
               "parsing a block mapping)")
    assert first_row(window) == english
    assert window.load_banner.full_text == (
        "1 document could not be loaded; everything else is on the canvas. " + english)


def test_a_folder_with_nothing_loadable_cannot_be_opened_in_korean(
        tmp_path: Path, korean, monkeypatch) -> None:
    (tmp_path / "only.yaml").write_text("kind: [\n", "utf-8")
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda parent, title, text, *rest: shown.append(text))
    window = korean
    assert not window.open_paths([tmp_path])
    [text] = shown
    assert text.startswith(f"{tmp_path / 'only.yaml'}:") and "YAML 구문 오류: " in text
    with pytest.raises(design_files.OpenError) as caught:
        design_files.open_paths([tmp_path])
    assert str(caught.value).startswith(f"{tmp_path / 'only.yaml'}:") \
        and "invalid YAML: " in str(caught.value)


def test_a_damaged_project_cannot_be_opened_in_korean(tmp_path: Path, korean,
                                                       monkeypatch) -> None:
    project = tmp_path / f"d{PROJECT_SUFFIX}"
    project.write_text("{", "utf-8")
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda parent, title, text, *rest: shown.append(text))
    window = korean
    assert not window.open_paths([project])
    [text] = shown
    assert f"{project} 파일이 손상되었습니다: 1행 2열이 올바른 JSON이 아닙니다" in text



def test_a_cluster_error_reaches_the_dock_in_korean(korean, tmp_path: Path, monkeypatch) -> None:
    """The cluster task hands the window its error already in the window's language (its
    signal carries a plain str, which would lose the Korean of a `Text`)."""
    from kubecanvas.ui.commands.cluster_task import ClusterTask

    monkeypatch.setenv("PATH", str(tmp_path / "no-programs"))  # no kubectl anywhere
    task = ClusterTask(lambda kubectl: None, None)
    failed: list[str] = []
    task.failed.connect(failed.append)
    task.run()  # in this thread: the signal is delivered at once
    [message] = failed
    assert message.startswith("kubectl이 설치되어 있지 않습니다(또는 PATH에 없습니다).")
