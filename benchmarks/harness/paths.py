"""Where the test fixtures and the sample data beside the project (../shared) are."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # benchmarks/harness/paths.py -> the project
FIXTURES = ROOT / "tests" / "fixtures"
SHARED = ROOT.parent / "shared"
