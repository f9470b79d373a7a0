"""Fetch symbols from a provider and merge them into the price store.

A stored symbol is extended, not re-downloaded: we ask from a few days before its last close
and append the new rows. Adjusted closes change whenever a dividend re-adjusts history, so the
overlap is checked first: if the fresh closes disagree with the stored ones, the whole history
is fetched again, rather than stitching two differently adjusted series together.

When the provider times out, the remaining symbols are not tried: the network is stalled and
each would only cost another deadline. Likewise when the store cannot be written (read-only,
disk full): each would be fetched for nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from tools.errors import ProviderError, ProviderTimeout, StorageError
from tools.notes import Note, of_error
from tools.provider import PriceProvider
from tools.store import CSV_ORIGIN, YF_ORIGIN, PriceStorage, StoredPrices, SymbolMeta

OVERLAP = dt.timedelta(days=10)
SAME_CLOSE_RTOL = 1e-5  # CSV round trips lose digits; a dividend re-adjustment moves ~1e-3


@dataclass(frozen=True)
class SyncOutcome:
    symbol: str
    meta: SymbolMeta | None  # None when the symbol could not be fetched
    added: int = 0  # rows new to the store
    error: str | None = None
    timed_out: bool = False


def sync_symbols(
    store: PriceStorage, provider: PriceProvider, symbols: Sequence[str], now: dt.datetime
) -> list[SyncOutcome]:
    """Fetch each symbol and store the merged result; one outcome per symbol, in order."""
    outcomes: list[SyncOutcome] = []
    stalled: ProviderTimeout | StorageError | None = None
    for symbol in symbols:
        if stalled is not None:
            timed_out = isinstance(stalled, ProviderTimeout)
            skipped = Note(f"not tried: {stalled}", "not_tried", reason=of_error(stalled))
            outcomes.append(SyncOutcome(symbol, None, error=skipped, timed_out=timed_out))
            continue
        try:
            outcomes.append(_sync_one(store, provider, symbol, now))
        except (ProviderTimeout, StorageError) as error:  # the rest would only fail alike
            stalled = error
            timed_out = isinstance(error, ProviderTimeout)
            outcomes.append(SyncOutcome(symbol, None, error=of_error(error), timed_out=timed_out))
        except ProviderError as error:
            outcomes.append(SyncOutcome(symbol, None, error=of_error(error)))
    return outcomes


def _sync_one(
    store: PriceStorage, provider: PriceProvider, symbol: str, now: dt.datetime
) -> SyncOutcome:
    existing = store.load(symbol) if store.has(symbol) else None
    if existing is None:
        fresh = provider.fetch(symbol, None)
        return SyncOutcome(symbol, store.save(symbol, fresh, YF_ORIGIN, now), added=len(fresh))
    fresh = provider.fetch(symbol, existing.meta.last - OVERLAP)
    merged = merge(existing.frame, fresh)
    if merged is None:  # history was re-adjusted (or does not overlap): take all of it
        merged = provider.fetch(symbol, None)
        origin = YF_ORIGIN
    else:
        origin = _extended_origin(existing)
    added = len(merged.index.difference(existing.frame.index))
    return SyncOutcome(symbol, store.save(symbol, merged, origin, now), added=added)


def merge(stored: pd.DataFrame, fresh: pd.DataFrame) -> pd.DataFrame | None:
    """Stored rows before the fresh ones plus the fresh rows, or None when the overlapping
    closes disagree (or nothing overlaps), meaning the two cannot be joined safely."""
    overlap = stored.index.intersection(fresh.index)
    if overlap.empty:
        return None
    old = stored.loc[overlap, "Close"].to_numpy()
    new = fresh.loc[overlap, "Close"].to_numpy()
    if not np.allclose(old, new, rtol=SAME_CLOSE_RTOL, atol=0.0):
        return None
    return pd.concat([stored[stored.index < fresh.index[0]], fresh])


def _extended_origin(existing: StoredPrices) -> str:
    origin = existing.meta.origin
    if origin.startswith(CSV_ORIGIN) and not origin.endswith(f" + {YF_ORIGIN}"):
        return f"{origin} + {YF_ORIGIN}"
    return origin
