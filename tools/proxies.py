"""ETF stand-ins for the broad US indices, for when an index's stored closes stop early.

Index series and their ETFs come from different feeds, and an imported or synced index series
can end months before its ETF does (the index symbols of a free feed lag or break). An answer
"as of" a date the index does not reach would then either fail or quietly move the whole
comparison back to the index's last close. The ETF that tracks the index is the honest
substitute: the figure is the ETF's, and the answer says so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

# Index -> the ETF that tracks it (QQQ tracks the Nasdaq 100, the closest listed proxy for the
# Composite). The answer's ticker strip shows the same ETFs beside their indices.
ETF_PROXY: dict[str, str] = {
    "^RUT": "IWM", "^GSPC": "SPY", "^IXIC": "QQQ", "^NDX": "QQQ", "^DJI": "DIA", "^SOX": "SOXX"
}  # fmt: skip
# A last close this much older than the date wanted is "ending early" (a long weekend is not).
LAGGING_AFTER = dt.timedelta(days=4)


@dataclass(frozen=True)
class StandIn:
    """`proxy` answers for `symbol`, whose stored closes end on `last` (None: it has none).
    `early` says why: the index stops early or is not stored, or (False) another index of the
    request does and this one switches too, so a comparison sets ETF against ETF (an ETF's
    adjusted closes include dividends, an index's do not)."""

    symbol: str
    proxy: str
    last: dt.date | None
    early: bool = True

    @property
    def reason(self) -> str:
        """Why the ETF stands in: the index's closes stop "early", or it has none ("absent"),
        or another index of the request is swapped ("along")."""
        if not self.early:
            return "along"
        return "early" if self.last else "absent"


def answerable(stored: Iterable[str]) -> set[str]:
    """The symbols a figure can be given for: those stored, and each index whose ETF is (it
    stands in: `choose_stand_ins`)."""
    have = set(stored)
    return have | {index for index, etf in ETF_PROXY.items() if etf in have}


def lagging(last: dt.date, wanted: dt.date) -> bool:
    """Does a series ending on `last` stop early for a figure as of `wanted`?"""
    return wanted - last > LAGGING_AFTER


def choose_stand_ins(
    lasts: dict[str, dt.date | None], proxy_lasts: dict[str, dt.date], wanted: dt.date
) -> list[StandIn]:
    """The indices in `lasts` that stop early for `wanted` (None: not stored at all) and whose
    ETF (in `proxy_lasts`) reaches further."""

    ends = {s: last or dt.date.min for s, last in lasts.items()}  # not stored: ends before all

    def reaches(symbol: str) -> bool:
        proxy = ETF_PROXY.get(symbol)
        return proxy is not None and proxy_lasts.get(proxy, dt.date.min) > ends[symbol]

    early = [s for s, end in ends.items() if lagging(end, wanted) and reaches(s)]
    if not early:
        return []
    along = [
        s for s in lasts
        if s not in early and s in ETF_PROXY and not lagging(proxy_lasts.get(ETF_PROXY[s],
                                                                             dt.date.min), wanted)
    ]  # fmt: skip
    chosen: dict[str, StandIn] = {}  # by ETF: ^IXIC and ^NDX do not both become QQQ
    for s in [*early, *along]:  # why an ETF stands in, before what comes along with it
        chosen.setdefault(ETF_PROXY[s], StandIn(s, ETF_PROXY[s], lasts[s], early=s in early))
    return list(chosen.values())
