"""A name the question writes that search knows only by its spelling ("ECB", "Zorblaxx"): the
answer quotes passages that say it, or says that none found does, never sentences that only
share the question's other words ("decide")."""

from __future__ import annotations

import datetime as dt

from assistant.gather.passages import candidates
from assistant.gather.terms import question_terms
from assistant.gather.written_names import names_typed
from assistant.question.proper_names import written_names
from ingest.models import Chunk, Hit

from .fakes import FakeIndex, FakeMarket, article
from .test_offline import assistant


def typed(question: str) -> list[tuple[str, set[str]]]:
    return [(n.written, set(n.term)) for n in names_typed(question, question_terms(question))]


def test_names_written_in_capitals_are_read_but_not_calendar_words_or_title_case() -> None:
    assert written_names("What did the ECB decide in July?") == ["ECB"]
    assert written_names("What did Energy Secretary Chris Wright say on Monday?") == [
        "Energy Secretary Chris Wright"
    ]
    assert written_names("What Is The Outlook For Gold Prices?") == []  # capitals are style
    assert written_names("What are the risks to “The ECB and its rates”?") == ["ECB"]


def test_only_names_the_dictionary_does_not_know_are_a_test_each_said_by_its_naming_words() -> None:
    """ "CEO", "US", "PPI" and "Tehran" have Chinese words: a sentence may say them so, or not
    at all; the ECB, an institution the dictionary knows, is said by its name or its Chinese
    names; "TAE Technologies" is said by TAE, not by any passage saying "technologies", and
    "Chris Wright" by Wright as well."""
    assert typed("What did the ECB decide?") == [("ECB", {"ecb", "欧洲央行", "欧央行"})]
    assert typed("2026年6月PPI同比涨了多少？") == []  # statistics offices write it out
    assert typed("Which US city has the CEO of a bank in Tehran?") == []
    assert typed("How big is the deal with TAE Technologies?") == [("TAE Technologies", {"tae"})]
    (_, said), *_ = typed("What did Secretary Chris Wright say?")
    assert {"chris", "wright"} <= said


def test_an_institution_written_as_a_word_is_a_name_to_say_as_an_acronym_is() -> None:
    """The Fed is an institution as the ECB is (the dictionary glosses 美联储 "Federal
    Reserve"): an SEC committee's July meeting is no answer to what the Fed decided in July."""
    assert typed("What did the Fed decide at its July meeting?") == [("Fed", {"fed", "美联储"})]
    sec = passage(0, "The SEC said its advisory committee meeting held on July 21 will reconvene.")
    fed = passage(1, "The Federal Reserve held rates at 3.5% to 3.75% at its July meeting.")
    assert quoted("What did the Fed decide at its July meeting?", sec, fed) == [fed.chunk.text]
    assert typed("How did Apple shares do?") == []  # a company's name is a symbol's, not this


def passage(n: int, text: str, title: str = "Markets today", article_id: str = "") -> Hit:
    chunk = Chunk(id=f"c{n}", article_id=article_id or f"a{n}", text=text)
    return Hit(chunk=chunk, score=1.0, title=title, published=dt.date(2026, 7, 20))


def quoted(question: str, *found: Hit) -> list[str]:
    return [c.text for c in candidates(list(found), question, (), "en")]


def test_a_passage_that_says_no_name_the_question_writes_is_not_quoted() -> None:
    decide = passage(0, "A judge will decide following the law of the state.")
    ecb = passage(1, "The ECB decided to hold rates at 2.25% in July.")
    assert quoted("What did the ECB decide?", decide, ecb) == [ecb.chunk.text]
    assert quoted("What did the ECB decide?", decide) == []


def test_an_acronym_written_out_another_passage_of_the_article_or_a_headline_says_it() -> None:
    """ "according to the Center for Strategic and International Studies" says CSIS; a figure
    need not repeat the name its article's other passage or its headline gives."""
    spelled = passage(0, "According to the Center for Strategic and International Studies, the "
                      "war costs $891.4 million a day.")  # fmt: skip
    named = passage(1, "The Atlantic Council published its prosperity index.", article_id="idx")
    figure = passage(2, "The U.S. ranks 38th overall, behind most of Western Europe and Canada.",
                     article_id="idx")  # fmt: skip
    headed = passage(3, "The index ranks the U.S. 38th overall, behind most of Western Europe.",
                     title="Atlantic Council index")  # fmt: skip
    assert quoted("What does CSIS estimate the war costs?", spelled)
    asked = "Where does the US rank in the Atlantic Council's index?"
    assert figure.chunk.text in quoted(asked, figure, named)
    assert quoted(asked, headed)
    assert not quoted(asked, figure)  # nothing says which index


def test_an_answer_finding_no_passage_on_the_name_says_so_instead_of_quoting_others() -> None:
    """ "What did Zorblaxx decide in July?" once quoted a divorce judge's and a governor's
    "decide": now one card, and a notice naming what no passage mentions."""
    judge = article("judge", "The Financial Consequences Of Gray Divorce",
                    "If you can't agree on how to divide assets, a judge will decide following "
                    "the law of the state.", published=dt.date(2026, 7, 7))  # fmt: skip
    helper = assistant(market=FakeMarket(), index=FakeIndex([judge]))
    answer = helper.ask("What did Zorblaxx decide in July?", as_of=dt.date(2026, 8, 1))
    notices = " ".join(f.message for f in answer.flags)
    assert "None of the passages found for this question mentions “Zorblaxx”" in notices
    assert "nothing to ground an answer" in answer.sections[0].text
    assert "judge" not in " ".join(s.text for s in answer.sections)
