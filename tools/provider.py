"""The interface every online price provider implements (yfinance today).

One symbol per call so a slow symbol cannot take the others' results with it; the provider
enforces its own deadline on each call and raises ProviderTimeout when it passes.
"""

from __future__ import annotations

import datetime as dt
from typing import Protocol

import pandas as pd


class PriceProvider(Protocol):
    name: str  # shown in provenance and notes, e.g. "yfinance"
    timeout_s: float

    def fetch(self, symbol: str, start: dt.date | None) -> pd.DataFrame:
        """Daily prices of `symbol` from `start` (None: all history) to today, as a non-empty
        price frame (see tools.frames). Raises ProviderError / ProviderTimeout."""
        ...
