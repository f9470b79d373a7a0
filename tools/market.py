"""MarketData: the one small interface the assistant and the CLI use for market figures.

It turns names into symbols (tools.symbols), loads frames from the price store (refreshing
stale or missing symbols from the provider when one is configured and it answers), calls the
pure analytics, and says in the provenance where the prices came from and how old they are.

Refresh policy: only when a request depends on the latest data (no as-of date, or one after
the stored closes) and the symbol was last imported, fetched or tried more than `refresh_after`
ago. A failed try is remembered in the store, so an offline machine is not asked again on every
call; the answer then uses the stored prices with a note saying how old they are.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import pandas as pd

from tools.csv_import import ImportReport, import_csv
from tools.errors import PeriodError, ToolError, UnknownSymbolError
from tools.frames import last_date as last_close
from tools.macro import MACRO_SYMBOLS
from tools.macro import macro as macro_tool
from tools.notes import Note, age_note, clauses, not_current_note, price_store_note
from tools.periods import Period, calendar_year, date_range, parse_date, parse_period
from tools.provider import PriceProvider
from tools.proxies import ETF_PROXY, StandIn, choose_stand_ins
from tools.quotes import quotes as quotes_tool
from tools.result import ToolResult
from tools.returns import index_returns as returns_tool
from tools.sectors import sector_scores as sectors_tool
from tools.sectors import sector_symbols
from tools.store import CSV_ORIGIN, YF_ORIGIN, PriceStorage, SymbolMeta
from tools.symbols import display_name, known_symbols, resolve_symbol
from tools.sync import SyncOutcome, sync_symbols

DateLike = dt.date | str
CURRENT_WITHIN = dt.timedelta(days=4)  # a long weekend: older last closes get an age note


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class MarketData:
    """Market figures over the local price store, optionally refreshed from a provider."""

    def __init__(
        self,
        store: PriceStorage,
        provider: PriceProvider | None = None,
        *,
        refresh_after: dt.timedelta = dt.timedelta(hours=12),
        clock: Callable[[], dt.datetime] = utc_now,
    ) -> None:
        self.store = store
        self.provider = provider
        self.refresh_after = refresh_after
        self.clock = clock

    # The store.

    def available_symbols(self) -> list[str]:
        return self.store.symbols()

    def stored(self) -> list[SymbolMeta]:
        return self.store.metas()

    def last_date(self, symbol: str | None = None) -> dt.date | None:
        """The symbol's last stored close (None: the latest of any symbol); None if absent."""
        if symbol is None:
            lasts = [meta.last for meta in self.store.metas()]
            return max(lasts) if lasts else None
        resolved = resolve_symbol(symbol)
        return self.store.meta(resolved).last if self.store.has(resolved) else None

    def current_day(self, today: dt.date) -> dt.date:
        """The day a question's "yesterday" or "last month" is counted from: `today`, unless
        the store is a snapshot: its closes end before `today` and none will be fetched (no
        provider, or every symbol imported, fetched or tried within `refresh_after`). Then
        its last close, the "today" its figures already speak for."""
        metas = self.store.metas()  # read once: a shared store answers each read over the network
        last = max((meta.last for meta in metas), default=None)
        if last is None or last >= today:
            return today
        if self.provider is not None:
            now, attempts = self.clock(), self.store.failed_attempts()
            if any(self._touched_long_ago(m, now, attempts.get(m.symbol)) for m in metas):
                return today  # a question about the days since will fetch them
        return last

    def import_csv(self, paths: Sequence[Path]) -> ImportReport:
        return import_csv(self.store, paths, self.clock())

    def sync(self, names: Sequence[str]) -> list[SyncOutcome]:
        """Fetch symbols from the provider into the store (`marketbrief prices sync`)."""
        if self.provider is None:
            raise ToolError("no online price provider is configured")
        return sync_symbols(self.store, self.provider, _resolve_all(names), self.clock())

    # The tools.

    def index_returns(
        self,
        symbols: Sequence[str],
        *,
        period: str | None = None,
        year: int | None = None,
        start: DateLike | None = None,
        end: DateLike | None = None,
        as_of: DateLike | None = None,
        benchmark: str | None = None,
    ) -> ToolResult:
        """Returns over one of: `period` ('YTD', '3M', ...; the default is YTD), a calendar
        `year`, or `start` [.. `end`]. Names like '罗素2000' are accepted."""
        spec, as_of_date = _period_spec(period, year, start, end, as_of)
        wanted = _resolve_all(symbols)
        bench = resolve_symbol(benchmark) if benchmark else None
        if bench is not None and bench not in wanted:
            wanted.append(bench)
        latest = (
            as_of_date is None
            and not (spec.kind == "range" and spec.end)
            and (spec.kind != "year" or (spec.year or 0) >= self.clock().year)
        )
        if spec.kind == "year":  # a past year ends where the index's data does: no stand-ins
            frames, source, notes = self._frames(wanted, as_of_date, latest, required=True)
            stand_ins: list[StandIn] = []
        else:
            # The day the figures are wanted for decides the stand-ins: for a month, its last.
            wanted_day = as_of_date or spec.end
            frames, source, notes, stand_ins = self._frames_with_stand_ins(
                wanted, wanted_day, latest
            )
            swap = {s.symbol: s.proxy for s in stand_ins}
            bench = swap.get(bench, bench) if bench else None
        # "this month" is the month of the store's latest close, which a series that ended
        # months before its peers misses (all of them stale, their age notes say so instead)
        current = self.last_date() if latest else None
        result = returns_tool(
            frames, spec, as_of=as_of_date, benchmark=bench, source=source, current=current
        )
        return dataclasses.replace(_with_notes(result, notes), stand_ins=tuple(stand_ins))

    def sector_scores(self, as_of: DateLike | None = None) -> ToolResult:
        as_of_date = _date(as_of, "as-of date")
        frames, source, notes = self._frames(sector_symbols(), as_of_date, as_of is None, False)
        return _with_notes(sectors_tool(frames, as_of=as_of_date, source=source), notes)

    def quotes(self, symbols: Sequence[str], as_of: DateLike | None = None) -> ToolResult:
        as_of_date = _date(as_of, "as-of date")
        wanted = _resolve_all(symbols)
        frames, source, notes, stand_ins = self._frames_with_stand_ins(
            wanted, as_of_date, as_of is None
        )
        result = _with_notes(quotes_tool(frames, as_of=as_of_date, source=source), notes)
        return dataclasses.replace(result, stand_ins=tuple(stand_ins))

    def macro(self, as_of: DateLike | None = None, period: str | None = None) -> ToolResult:
        as_of_date = _date(as_of, "as-of date")
        frames, source, notes = self._frames(list(MACRO_SYMBOLS), as_of_date, as_of is None, False)
        result = macro_tool(frames, as_of=as_of_date, period=period, source=source)
        return _with_notes(result, notes)

    def _frames_with_stand_ins(
        self, wanted: list[str], as_of: dt.date | None, latest: bool
    ) -> tuple[dict[str, pd.DataFrame], str, list[str], list[StandIn]]:
        """`_frames`, an index's ETF in its place where its closes stop early or are not stored."""
        absent = self._absent_indices(wanted, as_of, latest)
        present = [s for s in wanted if s not in absent]
        frames, source, notes = self._frames(present, as_of, latest, required=True)
        stand_ins = self._stand_ins(frames, as_of, absent)
        if not stand_ins:
            return frames, source, notes, []
        swap = {s.symbol: s.proxy for s in stand_ins}
        wanted = list(dict.fromkeys(swap.get(s, s) for s in wanted))
        # loaded again (rare: only when an index stops early) so the source line and the age
        # notes describe the series actually used, not the ones swapped out
        frames, source, notes = self._frames(wanted, as_of, latest, required=True)
        return frames, source, [_stand_in_note(s) for s in stand_ins] + notes, stand_ins

    def _absent_indices(self, wanted: list[str], as_of: dt.date | None, latest: bool) -> set[str]:
        """The indices not in the store (once the provider, if any, was asked for them) whose
        ETF is: the ETF answers for them rather than the whole request failing."""
        indices = [
            s for s in wanted if not self.store.has(s) and self.store.has(ETF_PROXY.get(s, ""))
        ]
        if indices:
            self._refresh(indices, as_of, latest, required=True)
        return {s for s in indices if not self.store.has(s)}

    def _stand_ins(
        self, frames: dict[str, pd.DataFrame], as_of: dt.date | None, absent: Iterable[str] = ()
    ) -> list[StandIn]:
        """The indices whose closes stop before the date wanted (the as-of date, or the
        latest close any of these series or their ETFs has), or are `absent` from the store,
        and whose ETF goes further."""
        lasts: dict[str, dt.date | None] = {s: last_close(frame) for s, frame in frames.items()}
        lasts |= dict.fromkeys(absent)
        proxies = {p for s in lasts if (p := ETF_PROXY.get(s)) and self.store.has(p)}
        proxy_lasts = {p: self.store.meta(p).last for p in proxies}
        known = [d for d in [*lasts.values(), *proxy_lasts.values()] if d is not None]
        wanted = as_of or max(known)
        return choose_stand_ins(lasts, proxy_lasts, wanted)

    # Loading and refreshing.

    def _frames(
        self, symbols: list[str], as_of: dt.date | None, latest: bool, required: bool
    ) -> tuple[dict[str, pd.DataFrame], str, list[str]]:
        """Frames of the symbols (refreshed first when that is due), the source line, notes.

        `required`: a symbol not in the store is an error; otherwise it is left out and the
        tool says what it is missing.
        """
        notes, errors = self._refresh(symbols, as_of, latest, required)
        frames: dict[str, pd.DataFrame] = {}
        metas: list[SymbolMeta] = []
        for symbol in symbols:
            if not self.store.has(symbol):
                if required:
                    reason = f" ({errors[symbol]})" if symbol in errors else ""
                    raise UnknownSymbolError(
                        _not_stored(symbol) + reason, key="not_stored", symbol=symbol
                    )
                continue
            loaded = self.store.load(symbol)
            frames[symbol] = loaded.frame
            metas.append(loaded.meta)
        if latest:
            notes += _age_notes(metas, self.clock().date())
        return frames, describe_sources(metas), notes

    def _refresh(
        self, symbols: list[str], as_of: dt.date | None, latest: bool, required: bool
    ) -> tuple[list[str], dict[str, str]]:
        """Sync the symbols that are due; notes for the provenance and errors per symbol."""
        if self.provider is None:
            return [], {}
        now = self.clock()
        attempts = self.store.failed_attempts()
        due = [
            s
            for s in symbols
            if self._refresh_due(s, as_of, latest, required, now, attempts.get(s))
        ]
        if not due:
            return [], {}
        outcomes = sync_symbols(self.store, self.provider, due, now)
        errors = {o.symbol: o.error for o in outcomes if o.error}
        if not errors:
            return [], {}
        self.store.note_failed_attempt(list(errors), now)
        stored = [self.store.meta(s) for s in errors if self.store.has(s)]
        if not stored:
            return [], errors
        reason, ages = errors[stored[0].symbol], _ages(stored, now.date())
        text = f"{reason}; using stored prices: {clauses(ages)}"
        return [Note(text, "fetch_failed", reason=reason, ages=ages)], errors

    def _refresh_due(
        self,
        symbol: str,
        as_of: dt.date | None,
        latest: bool,
        required: bool,
        now: dt.datetime,
        tried: dt.datetime | None,
    ) -> bool:
        """Due when the request needs closes the store may lack and the symbol was imported,
        fetched or tried longer than `refresh_after` ago. A symbol not stored is due unless a
        recent try failed, or it is optional (macro's ^IRX) and the request is historical:
        a question about a past date never waits on the network for a nice-to-have series."""
        if not self.store.has(symbol):
            if not (latest or required):
                return False
            return tried is None or now - tried > self.refresh_after
        meta = self.store.meta(symbol)
        if not latest and (as_of is None or as_of <= meta.last):
            return False  # the stored closes already cover the request
        return self._touched_long_ago(meta, now, tried)

    def _touched_long_ago(
        self, meta: SymbolMeta, now: dt.datetime, tried: dt.datetime | None
    ) -> bool:
        """Was the symbol imported, fetched or tried longer than `refresh_after` ago?"""
        last_touch = max(meta.updated_at, tried) if tried else meta.updated_at
        return now - last_touch > self.refresh_after


def _stand_in_note(stand_in: StandIn) -> Note:
    symbol, proxy, last = stand_in.symbol, stand_in.proxy, stand_in.last
    facts = {"symbol": symbol, "proxy": proxy, "name": display_name(proxy, "en"),
             "name_zh": display_name(proxy, "zh")}  # fmt: skip
    named = f"{proxy} ({facts['name']})"
    if stand_in.reason == "absent":
        text = f"{symbol} is not in the price store: {named}, which tracks it, stands in for it"
        return Note(text, "stand_in_absent", **facts)
    if stand_in.reason == "early":
        text = f"{symbol}'s stored closes end {last}: {named} stands in for it"
        return Note(text, "stand_in_early", last=last, **facts)
    text = f"{named} stands in for {symbol}, so the comparison is ETF against ETF"
    return Note(text, "stand_in_pair", **facts)


def describe_sources(metas: Iterable[SymbolMeta]) -> str:
    """'local price store: CSV import (2026-11-20): ^GSPC.csv, ^RUT.csv; yfinance, fetched
    2026-11-21 09:00 UTC: XLE'. Plain CSV imports of one day share a group, named by file. A
    `Note` whose `groups` are notes too, so the `[0]` reference of several results merges them
    (`tools.notes.merged_sources`) and words them in the reader's language."""
    groups: dict[str, tuple[Note, list[str]]] = {}
    for meta in metas:
        phrase = meta.describe()
        item = meta.symbol
        if meta.origin.startswith(CSV_ORIGIN) and not meta.origin.endswith(YF_ORIGIN):
            day = meta.updated_at.date()
            phrase = Note(f"CSV import ({day})", "origin_csv_day", day=day)
            item = meta.origin.removeprefix(CSV_ORIGIN)
        groups.setdefault(phrase, (phrase, []))[1].append(item)
    return price_store_note(list(groups.values()))


def _ages(metas: Sequence[SymbolMeta], today: dt.date) -> tuple[Note, ...]:
    """'last close 2026-02-23, 270 days old, for ^RUT', one per last close."""
    by_last: dict[dt.date, list[str]] = {}
    for meta in metas:
        by_last.setdefault(meta.last, []).append(meta.symbol)
    return tuple(age_note(last, (today - last).days, s) for last, s in sorted(by_last.items()))


def _age_notes(metas: Sequence[SymbolMeta], today: dt.date) -> list[str]:
    old = [meta for meta in metas if today - meta.last > CURRENT_WITHIN]
    return [not_current_note(_ages(old, today))] if old else []


def _not_stored(symbol: str) -> str:
    """Known names (^RUT) and unknown tickers (FOO) get the same remedy, worded for each."""
    how = f"import it with `marketbrief prices import` or `marketbrief prices sync {symbol}`"
    if symbol in known_symbols():
        return f"{symbol} ({display_name(symbol, 'en')}) is not in the price store; {how}"
    return f"unknown symbol {symbol!r}: not in the price store; {how}"


def _resolve_all(names: Sequence[str] | str) -> list[str]:
    if isinstance(names, str):
        names = [names]
    if not names:
        raise UnknownSymbolError("no symbol given")
    resolved: list[str] = []
    for name in names:
        symbol = resolve_symbol(name)
        if symbol not in resolved:
            resolved.append(symbol)
    return resolved


def _date(value: DateLike | None, what: str) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return parse_date(value, what)


def _period_spec(
    period: str | None,
    year: int | None,
    start: DateLike | None,
    end: DateLike | None,
    as_of: DateLike | None,
) -> tuple[Period, dt.date | None]:
    """Check the combination of period arguments and build the Period."""
    chosen = [name for name, v in (("period", period), ("year", year), ("start", start)) if v]
    if len(chosen) > 1:
        raise PeriodError(f"give one of period, year or start/end, not {' and '.join(chosen)}")
    as_of_date = _date(as_of, "as-of date")
    if end is not None and start is None:
        raise PeriodError("end needs a start")
    if year is not None:
        if as_of_date is not None:
            raise PeriodError("as-of does not apply to a calendar year (it ends at its last close)")
        return calendar_year(year), None
    if start is not None:
        start_date, end_date = _date(start, "start date"), _date(end, "end date")
        if end_date is not None and as_of_date is not None and end_date != as_of_date:
            raise PeriodError("give end or as-of with start, not both")
        assert start_date is not None
        return date_range(start_date, end_date or as_of_date), None
    return parse_period(period or "YTD"), as_of_date


def _with_notes(result: ToolResult, notes: list[str]) -> ToolResult:
    if not notes:
        return result
    provenance = dataclasses.replace(result.provenance, notes=(*notes, *result.provenance.notes))
    return dataclasses.replace(result, provenance=provenance)
