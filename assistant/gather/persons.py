"""Does a sentence name a person: what answers a question asking who.

A person is named as Chinese writes a foreign name ("约翰·特努斯"), in brackets ("(John
Ternus)"), or after the role they hold: "陆军参谋长穆尼尔", "美联储主席鲍威尔", "CEO Tim Cook",
"army chief Asim Munir"; after the role the question asks about, when it names one (穆尼尔,
not President Trump, for "Who is Pakistan's army chief?"). After a role, a Chinese name is a
word jieba's dictionary tags as a person's (鲍威尔), or a name it does not know, which it cuts
into single characters (佩/泽/希/齐/扬; 穆 + 尼尔); any other word is what the person did
(参谋长通话, 主席表示), not who. A Chinese name written with no role before it (库克 alone) is
not told: jieba tags too many other words as names (陆军). Nor is an English one: English
capitalises too much else ("Apple Music") to tell a name by its capitals, but after a role,
capitals are a name.
"""

from __future__ import annotations

import re
from itertools import takewhile

from ingest.crosslingual import translate
from ingest.tokens import ZH_STOPWORDS
from ingest.zhwords import cut, is_person

# A foreign name as Chinese writes it, with its middle dot, or a Latin name in brackets.
_WRITTEN_AS_NAME = re.compile(
    r"[\u4e00-\u9fff]{1,5}·[\u4e00-\u9fff]{1,6}|[(（][A-Z][a-z]+(?: [A-Z][a-z]+)+[)）]"
)
# The roles a person in the news holds, written before their name (longest first, so that
# 首席经济学家 is read whole, not as 首席 before a "name" 经济学家).
_ROLES_ZH = sorted(
    """总统 副总统 总理 首相 主席 副主席 部长 外长 防长 财长 国务卿 参谋长 司令 议长 发言人
    首席执行官 执行长 首席财务官 董事长 总裁 总经理 行长 副行长 理事 创始人 经济学家 首席经济学家
    策略师 首席策略师 分析师 基金经理 局长 大使 特使 领导人 市长 州长 参议员 众议员 顾问 CEO CFO
    """.split(),  # noqa: SIM905
    key=len,
    reverse=True,
)
_ROLE_ZH = re.compile("|".join(_ROLES_ZH))
_ROLE_THEN_CHINESE = re.compile(f"({_ROLE_ZH.pattern})([\u4e00-\u9fff]{{2,8}})")
_ROLES_EN = (
    r"CEO|CFO|chief executive|chair(?:man|woman)?|president|prime minister|minister|secretary"
    r"|spokes(?:person|man|woman)|chief|field marshal|governor|economist|strategist"
    r"|analyst|founder|director|leader|senator|representative|ambassador|envoy|commander"
)
_ROLE_EN = re.compile(rf"\b(?i:{_ROLES_EN})\b")
# A role, then up to three capitalised words: "army chief Asim Munir", "Fed Chair Powell".
_ROLE_THEN_LATIN = re.compile(rf"\b((?i:{_ROLES_EN})),?\s+(?:[A-Z][a-z'’-]+(?:\s+|\b)){{1,3}}")


def roles_asked(question: str) -> frozenset[str]:
    """The roles the question names, lower case, each with what the dictionary makes it in
    the other language ("army chief": 陆军参谋长; 参谋长, of 陆军参谋长: "army chief")."""
    found = {m[0].lower() for m in _ROLE_EN.finditer(question)}
    found |= {m[0].lower() for m in _ROLE_ZH.finditer(question)}  # "CEO" in 新任CEO
    for translation in translate(question) if found else []:
        if any(role in translation.term.lower() for role in found):
            found |= {word.lower() for word in translation.words}
    return frozenset(found)


def names_person(text: str, roles: frozenset[str] = frozenset()) -> bool:
    """Does the sentence name a person (as the module says how); after one of the `roles`,
    when there are any (`roles_asked`)?"""
    if _WRITTEN_AS_NAME.search(text):
        return True
    if any(_held(m[1], roles) for m in _ROLE_THEN_LATIN.finditer(text)):
        return True
    return any(_held(m[1], roles) and _is_name(m[2]) for m in _ROLE_THEN_CHINESE.finditer(text))


def _held(role: str, roles: frozenset[str]) -> bool:
    """Is `role` one asked about (any is, when none is), or part of one or the other way round
    (参谋长 of 陆军参谋长, "chief" of "army chief")?"""
    role = role.lower()
    return not roles or any(role in asked or asked in role for asked in roles)


def _is_name(after_role: str) -> bool:
    """Do the characters after a role begin with a person's name?"""
    words = cut(after_role)
    if is_person(words[0]):
        return True
    singles = list(takewhile(lambda w: len(w) == 1 and w not in ZH_STOPWORDS, words))
    return len(singles) >= 2 or (len(singles) == 1 and len(words) > 1 and is_person(words[1]))
