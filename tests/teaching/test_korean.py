"""Korean that reads as written by hand: particles chosen from the word, the official glossary."""

from __future__ import annotations

import re
from importlib.resources import files
from pathlib import Path

import pytest

import kubecanvas
from kubecanvas.io import load_paths
from kubecanvas.model.document import Document
from kubecanvas.model.korean import (
    PLACEHOLDERS,
    eul_reul,
    eun_neun,
    euro_ro,
    final_sound,
    gwa_wa,
    i_ga,
)
from kubecanvas.model.text import TERMS, kind_both
from kubecanvas.validation import validate_document

PACKAGE = Path(kubecanvas.__file__).parent
RESOURCES = Path(str(files("kubecanvas.resources")))
CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
SPACED = ("퍼시스턴트 볼륨", "스토리지 클래스", "인그레스 클래스", "서비스 어카운트", "네트워크 폴리시")


def shipped_korean_sources() -> list[Path]:
    """Every file that ships Korean text: code, lessons, translation sources."""
    code = [p for p in PACKAGE.rglob("*.py") if p.name != "korean.py"]
    return sorted(code + list((RESOURCES / "lessons").rglob("*.yaml"))
                  + list((RESOURCES / "i18n").glob("*.ts")))


@pytest.mark.parametrize(("word", "sound"), [
    ("파드", None), ("잡", "c"), ("서비스", None), ("레이블", "l"), ("스테이트풀셋", "c"),
    ("80", "c"), ("1", "l"), ("2", None), ("db-0", "c"), ("db-7", "l"), ("100", "c"),
    ("web", "c"), ("app", "c"), ("data", None), ("manual", "l"), ("DB", None), ("SQL", "l"),
    ("nginx", None), ("'key'", None), ("퍼시스턴트볼륨(PersistentVolume)", "c"), ("", None),
])
def test_final_sound_follows_how_the_word_is_read(word: str, sound: str | None) -> None:
    assert final_sound(word) == sound


def test_hangul_final_consonant_is_code_minus_ac00_mod_28() -> None:
    for code in range(0xAC00, 0xD7A4, 97):  # a spread of syllables
        syllable = chr(code)
        expected = (code - 0xAC00) % 28
        assert (final_sound(syllable) is not None) == (expected != 0)
        assert (final_sound(syllable) == "l") == (expected == 8)


def test_particles_pick_the_right_form() -> None:
    assert ("파드" + i_ga("파드"), "잡" + i_ga("잡")) == ("파드가", "잡이")
    assert ("서비스" + eul_reul("서비스"), "web" + eul_reul("web")) == ("서비스를", "web을")
    assert ("파드" + eun_neun("파드"), "80" + eun_neun("80")) == ("파드는", "80은")
    assert ("파드" + gwa_wa("파드"), "잡" + gwa_wa("잡")) == ("파드와", "잡과")
    # (으)로: 로 after a vowel and after ㄹ, 으로 after any other consonant
    assert ("파드" + euro_ro("파드"), "레이블" + euro_ro("레이블"),
            "잡" + euro_ro("잡"), "8081" + euro_ro("8081")) == ("파드로", "레이블로", "잡으로",
                                                               "8081로")


def test_no_particle_placeholder_in_shipped_korean() -> None:
    hits = []
    for path in shipped_korean_sources():
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for placeholder in PLACEHOLDERS:
                if placeholder in line and re.search("[\uac00-\ud7a3]", line):
                    hits.append(f"{path.name}:{number}: {line.strip()[:80]}")
    assert hits == []


def test_official_glossary_terms_without_spaces_and_one_table() -> None:
    """kubernetes.io/ko writes 퍼시스턴트볼륨, 퍼시스턴트볼륨클레임, 스토리지클래스,
    인그레스클래스 (and 서비스어카운트, 네트워크폴리시) as one word."""
    hits = [f"{path.name}:{n}" for path in shipped_korean_sources()
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            if any(term in line for term in SPACED)]
    assert hits == []
    assert TERMS["PersistentVolumeClaim"] == "퍼시스턴트볼륨클레임"
    assert TERMS["IngressClass"] == "인그레스클래스"
    assert kind_both("StorageClass") == "스토리지클래스(StorageClass)"


def _findings_korean(paths: list[Path]) -> list[str]:
    loaded = load_paths(paths)
    doc = Document(loaded.resources)
    return [getattr(f.message, "ko", "") for f in validate_document(doc)]


def test_findings_over_the_examples_and_lessons_carry_no_placeholder() -> None:
    examples = sorted((RESOURCES / "examples").glob("*.yaml"))
    diagrams = sorted((RESOURCES / "lessons").glob("*/diagram.yaml"))
    korean = [k for path in examples + diagrams for k in _findings_korean([path])]
    assert korean and not [k for k in korean if any(p in k for p in PLACEHOLDERS)]


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus is not present")
def test_findings_over_the_corpus_carry_no_placeholder() -> None:
    bad = []
    for app in sorted(p for p in CORPUS.iterdir() if p.is_dir()):
        files = sorted(p for p in app.rglob("*") if p.suffix in (".yaml", ".yml"))
        if files:
            bad += [k for k in _findings_korean(files) if any(p in k for p in PLACEHOLDERS)]
    assert bad == []


#: A sentence ending in the plain 해라체 (-다, -자) rather than 합니다체 (-니다, -시다) or
#: 해요체 (-요): the last Hangul word of a sentence before a full stop, or of the whole text.
_PLAIN_END = re.compile(r"[\uac00-\ud7a3]*(?<![니시])[다자](?=[.!?]\s|[.!?]?$)")
_POLITE_END = re.compile(r"[\uac00-\ud7a3]+(니다|시다)(?=[.!?]\s|[.!?]?$)")
_HAEYO_END = re.compile(r"[\uac00-\ud7a3]+요(?=[.!?]\s|[.!?]?$)")
_EXCEPT = ("보다", "마다", "까지다")


_PLAIN_QUESTION = re.compile(r"[\uac00-\ud7a3]+((?<!니)까|[가나])\?")


def plain_endings(text: str) -> list[str]:
    found = [m.group(0) for m in _PLAIN_END.finditer(text.strip())
             if len(m.group(0)) > 1 and not m.group(0).endswith(_EXCEPT)]
    return found + [m.group(0) for m in _PLAIN_QUESTION.finditer(text)]


def test_plain_endings_are_recognised() -> None:
    assert plain_endings("파드가 없다. 다시 만든다") == ["없다", "만든다"]
    assert plain_endings("파드가 없습니다. 다시 만듭시다.") == []
    assert plain_endings("저장할까?") == ["저장할까?"]
    assert plain_endings("저장하시겠습니까?") == []
    assert plain_endings("혹시 web인가?") == ["web인가?"[3:]]
    assert plain_endings("혹시 web입니까?") == []


def test_findings_and_simulations_speak_in_the_polite_register() -> None:
    """UI, dialogs, panels and simulations use 합니다체: no sentence ends in -다/-자."""
    from kubecanvas.teaching.explain import explain_kind
    from kubecanvas.teaching.lessons import load_lessons

    texts: list[str] = []
    for lesson in load_lessons():
        doc = lesson.document()
        texts += [getattr(f.message, "ko", "") for f in validate_document(doc)]
    for kind in TERMS:
        explanation = explain_kind(kind)
        if explanation is not None:
            texts += [explanation.what_ko, explanation.runtime_ko, explanation.why_ko]
    bad = sorted({end for text in texts for end in plain_endings(text)})
    assert bad == []


def test_each_lesson_keeps_one_polite_register() -> None:
    """A lesson is in 합니다체 or in 해요체, never both, never the plain -다/-자 forms."""
    from kubecanvas.teaching.lessons import load_lessons

    for lesson in load_lessons():
        texts = [lesson.explanation_ko, lesson.title_ko,
                 *(s.text(n, "ko") for s in lesson.steps for n in ("prompt", "hint"))]
        joined = " ".join(texts)
        assert plain_endings(joined) == [], lesson.id
        polite, haeyo = _POLITE_END.findall(joined), _HAEYO_END.findall(joined)
        assert not (polite and haeyo), (lesson.id, polite[:3], haeyo[:3])


def test_no_plain_sentence_ending_in_shipped_code_strings() -> None:
    """Every Korean string literal in the package (not docstrings) is in 합니다체."""
    import io
    import tokenize

    bad = []
    for path in PACKAGE.rglob("*.py"):
        if path.name == "korean.py":
            continue
        tokens = tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline)
        for token in tokens:
            text = token.string
            if token.type != tokenize.STRING or text.lstrip("rbfRBF").startswith(('"""', "'''")):
                continue
            body = text.lstrip("rbfRBF")[1:-1]
            if " " not in body.strip():
                continue  # a label (소유자, 숫자), not a sentence
            if body.endswith(" "):  # the sentence goes on in the next literal
                body = body.rstrip().rsplit(" ", 1)[0]
            bad += [f"{path.name}:{token.start[0]}: {end}" for end in plain_endings(body)]
    assert bad == []


def test_no_plain_sentence_ending_in_the_translations() -> None:
    bad = []
    for path in sorted((RESOURCES / "i18n").glob("*.ts")):
        for text in re.findall(r"<translation>(.*?)</translation>", path.read_text("utf-8"), re.S):
            if " " in text.strip():
                bad += [f"{path.name}: {end}" for end in plain_endings(text)]
    assert bad == []


def test_no_fixed_particle_after_an_interpolated_value() -> None:
    """`f"{name}를"` is wrong for half the names: the particle must come from the helper."""
    fixed = re.compile(r"\{[^{}]+\}(을|를|이|가|은|는|와|과|으로|로)(?=[\s,.)])")
    hits = [f"{path.name}:{n}" for path in PACKAGE.rglob("*.py") if path.name != "korean.py"
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            if fixed.search(line)]
    assert hits == []
