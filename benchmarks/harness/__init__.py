"""What the tests and the benchmarks both drive, so neither imports the other.

The tests run these at a small size to hold a promise (tests/reliability, tests/ui); the
benchmarks run them at full size to measure it (benchmarks/). Each module is a scenario or a
driver, not a test: it asserts nothing a test would and never skips.

- `fuzz`: malformed inputs for every parser (hypothesis);
- `load`, `scaleout`, `crash` (with `corpus`, `library_state`, `processes`, `worker`): many
  askers on one index while an ingest runs; several processes on one Chroma server and one
  data directory; `kill -9` in the middle of an ingest;
- `chroma_server`: a real `chroma run` on a loopback port;
- `browser`: the real app in Chromium (Playwright);
- `paths`: where the fixtures and ../shared are.

The scripted OpenAI-compatible endpoint is part of the product as a test double:
`assistant.llm.scripted_server`.
"""
