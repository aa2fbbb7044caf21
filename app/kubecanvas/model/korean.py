"""Korean particles chosen from the word before them, instead of `이(가)`-style placeholders.

A Korean particle depends on whether the preceding word, as it is read aloud, ends in a
consonant (받침): `파드가` but `서비스가`, `잡이`. For a Hangul syllable that is arithmetic: the
syllable has a final consonant when `(code - 0xAC00) % 28 != 0`, and `(으)로` also takes `로`
after a final ㄹ (index 8). Resource names, ports and paths are mostly Latin letters and digits,
read the way Korean readers say them:

- digits in Sino-Korean (영, 일, 이, 삼, 사, 오, 육, 칠, 팔, 구; 10 십, 100 백, 1000 천, 10000 만),
  so `포트 80은`, `db-1이`, `replicas 3이`;
- a short all-capital or vowelless token letter by letter (`DB` 디비, `PV` 피브이, `SQL` ...엘):
  L ends in ㄹ, M and N in a consonant, the other letter names in a vowel;
- a word by its last sounds: -ng, -m, -n end in a consonant, -l / -le in ㄹ, a single short
  vowel before a final b/p/k/t (`web` 웹, `app` 앱, `Job` 잡, `secret` 시크릿) in a consonant,
  everything else (-d 드, -s 스, -r 서버, a vowel) in a vowel.

The functions return the particle alone, so a sentence keeps the word where it was:
`f"{name}{i_ga(name)} 없습니다"`.
"""

from __future__ import annotations

_HANGUL_FIRST, _HANGUL_LAST = 0xAC00, 0xD7A3
_RIEUL = 8  # index of ㄹ among the 28 final-consonant slots
#: final sound of each digit read in Sino-Korean: None (vowel), "c" (consonant) or "l" (ㄹ)
_DIGITS = {"0": "c", "1": "l", "2": None, "3": "c", "4": None, "5": None, "6": "c",
           "7": "l", "8": "l", "9": None}
#: final sound of the powers of ten a number can end on: 십, 백, 천, 만
_TENS = {1: "c", 2: "c", 3: "c", 4: "c"}
_LETTERS = {"l": "l", "m": "c", "n": "c", "r": "l"}
_VOWELS = set("aeiou")


def final_sound(word: object) -> str | None:
    """How `word` ends when read aloud: None (a vowel), 'c' (a consonant other than ㄹ) or 'l'.

    Trailing punctuation (quotes, brackets, periods) is skipped, and so is a trailing
    parenthetical (`디플로이먼트(Deployment)` reads as 디플로이먼트); an empty word reads as a vowel.
    """
    text = str(word).rstrip(" \"'`.,;:!?*")
    if text.endswith(")") and "(" in text and text[:text.rindex("(")].strip():
        # '퍼시스턴트볼륨(PersistentVolume)': the particle follows the word before the brackets
        text = text[:text.rindex("(")]
    text = text.rstrip(" \"'`)]}>.,;:!?*")
    if not text:
        return None
    last = text[-1]
    if _HANGUL_FIRST <= ord(last) <= _HANGUL_LAST:
        jong = (ord(last) - _HANGUL_FIRST) % 28
        return None if jong == 0 else ("l" if jong == _RIEUL else "c")
    if last.isdigit():
        return _number_sound(text)
    if last.isascii() and last.isalpha():
        return _latin_sound(text)
    return None


def _number_sound(text: str) -> str | None:
    digits = ""
    for ch in reversed(text):
        if not ch.isdigit():
            break
        digits = ch + digits
    stripped = digits.rstrip("0")
    zeros = len(digits) - len(stripped)
    if not stripped or zeros == 0:
        return _DIGITS[digits[-1]]
    return _TENS.get(zeros, "c")


def _latin_sound(text: str) -> str | None:
    letters = ""
    for ch in reversed(text):
        if not (ch.isascii() and ch.isalpha()):
            break
        letters = ch + letters
    lower = letters.lower()
    spelled = (letters.isupper() and len(letters) <= 4) or not (set(lower) & (_VOWELS | {"y"}))
    if spelled:  # read letter by letter: DB, PV, SQL, k8s-style tokens
        return _LETTERS.get(lower[-1])
    if lower.endswith(("ng", "m", "n")):
        return "c"
    if lower.endswith(("l", "le")):
        return "l"
    if (lower[-1] in "bpkt" and len(lower) >= 2 and lower[-2] in _VOWELS
            and (len(lower) == 2 or lower[-3] not in _VOWELS)):
        return "c"
    if lower.endswith(("ck", "pp", "tt", "bb")) and len(lower) >= 3 and lower[-3] in _VOWELS:
        return "c"  # app 앱, pack 팩, watt 와트 is the exception the table accepts
    return None


def i_ga(word: object) -> str:
    """이 after a consonant, 가 after a vowel (subject)."""
    return "이" if final_sound(word) else "가"


def eul_reul(word: object) -> str:
    """을 after a consonant, 를 after a vowel (object)."""
    return "을" if final_sound(word) else "를"


def eun_neun(word: object) -> str:
    """은 after a consonant, 는 after a vowel (topic)."""
    return "은" if final_sound(word) else "는"


def gwa_wa(word: object) -> str:
    """과 after a consonant, 와 after a vowel ("and", "with")."""
    return "과" if final_sound(word) else "와"


def euro_ro(word: object) -> str:
    """으로 after a consonant other than ㄹ, 로 after a vowel or ㄹ ("to", "as")."""
    return "으로" if final_sound(word) == "c" else "로"


def i_da(word: object) -> str:
    """이다-copula stem for 이라는/이면: 이 after a consonant, nothing after a vowel."""
    return "이" if final_sound(word) else ""


#: The placeholders this module replaces; a test fails when one of them is shipped.
PLACEHOLDERS = ("이(가)", "가(이)", "을(를)", "를(을)", "은(는)", "는(은)", "와(과)", "과(와)",
                "(으)로", "(이)")
