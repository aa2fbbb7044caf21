"""Sentences in two languages: the English text that the tests and the CLI read, plus Korean.

The model and the simulations are pure and know nothing of Qt or of the window's language, yet
the editor (wiring menu, undo steps, edge labels) and the "What happens" panel must show their
sentences in the language the user chose. So every sentence they produce for people is a `Text`:
a `str` whose value is the English sentence (so comparisons, `in` tests and plain printing keep
working exactly as before) that also carries the Korean one. The UI asks `text.get(language)`;
`local(value, language)` does the same for values that may be plain strings (names, paths,
numbers). Korean follows the official Korean Kubernetes glossary (파드, 디플로이먼트, 서비스, ...)
and keeps YAML kinds and field names in English beside it.

String operations (`+`, `.capitalize()`, `"; ".join`) return plain English `str`: build both
languages explicitly with `Text(...)` or `join(...)` instead. A `Text` survives `copy.deepcopy`
and pickling (edits holding descriptions are deep-copied).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

LANGUAGES = ("en", "ko")


class Text(str):
    """An English sentence that also carries its Korean translation; immutable like `str`.

    Equality and hashing are those of the English string, so a `Text` compares equal to the
    English sentence it stands for.
    """

    __dict__: dict[str, Any]

    def __new__(cls, en: str, ko: str) -> Text:
        obj = super().__new__(cls, en)
        obj.__dict__["_ko"] = str(ko)
        return obj

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("Text is immutable")

    def __getnewargs__(self) -> tuple[str, str]:  # type: ignore[override]
        return (self.en, self.ko)

    def __repr__(self) -> str:
        return f"Text({self.en!r}, ko={self.ko!r})"

    @property
    def en(self) -> str:
        return str.__str__(self)

    @property
    def ko(self) -> str:
        return str(self.__dict__["_ko"])

    def get(self, language: str) -> str:
        """The sentence in `language` ('en' or 'ko'; anything else gives English)."""
        return self.ko if language == "ko" else self.en


def local(value: object, language: str) -> str:
    """`value` in `language` when it is a `Text`; names, numbers and paths as they are."""
    if isinstance(value, Text):
        return value.get(language)
    return "" if value is None else str(value)


def join(parts: Iterable[str], sep: str = "; ", sep_ko: str | None = None) -> Text:
    """Join sentences per language (plain strings count as the same in both)."""
    items = list(parts)
    return Text(sep.join(local(p, "en") for p in items),
                (sep if sep_ko is None else sep_ko).join(local(p, "ko") for p in items))


def concat(*parts: str) -> Text:
    """Concatenate pieces per language (plain strings are the same in both)."""
    return join(parts, "")


#: The one term table: every kind as the official Korean Kubernetes documentation writes it
#: (퍼시스턴트볼륨, 퍼시스턴트볼륨클레임, 스토리지클래스, 인그레스클래스: no spaces), used by the
#: simulations, the model's sentences (wiring actions, undo steps, why-not reasons) and the editor
#: (its translation file, resources/i18n/kubecanvas_editor_ko.ts, uses the same terms; a UI test
#: keeps them equal).
TERMS = {
    "Pod": "파드", "Deployment": "디플로이먼트", "ReplicaSet": "레플리카셋",
    "StatefulSet": "스테이트풀셋", "DaemonSet": "데몬셋", "Job": "잡", "CronJob": "크론잡",
    "Service": "서비스", "Ingress": "인그레스", "ConfigMap": "컨피그맵", "Secret": "시크릿",
    "PersistentVolume": "퍼시스턴트볼륨", "PersistentVolumeClaim": "퍼시스턴트볼륨클레임",
    "Namespace": "네임스페이스", "StorageClass": "스토리지클래스",
    "ServiceAccount": "서비스어카운트", "NetworkPolicy": "네트워크폴리시",
    "IngressClass": "인그레스클래스",
    "HorizontalPodAutoscaler": "수평 파드 오토스케일러", "PodDisruptionBudget": "파드 중단 버짓",
    "ReplicationController": "레플리케이션 컨트롤러",
}
#: Former names of the table, kept so callers need not change.
GLOSSARY = EDITOR_TERMS = TERMS


def kind_ko(kind: str) -> str:
    """The glossary term for a kind (the kind itself when the glossary has none)."""
    return TERMS.get(kind, kind)


def kind_term(kind: str) -> str:
    """A kind as the editor names it in Korean (the kind itself when it has no term)."""
    return TERMS.get(kind, kind)


def resource_ko(kind: str, namespace: str, name: str) -> str:
    """A resource named in Korean the way `Resource.label()` names it in English:
    '디플로이먼트 shop/web'."""
    where = f"{namespace}/" if namespace else ""
    return f"{kind_term(kind) if kind else '?'} {where}{name or '(이름 없음)'}"


def kind_both(kind: str) -> str:
    """The editor's term with the YAML kind beside it ('디플로이먼트(Deployment)'), for
    sentences where the user needs the kind to write YAML."""
    local_kind = kind_term(kind)
    return kind if local_kind == kind else f"{local_kind}({kind})"


def a_an(word: str) -> str:
    """The English indefinite article for `word`: 'an Ingress', 'a Deployment'.

    By the first letter, which is right for every Kubernetes kind (none starts with a silent
    'h' or a 'yoo' sound).
    """
    return "an" if word[:1].lower() in "aeiou" and word else "a"
