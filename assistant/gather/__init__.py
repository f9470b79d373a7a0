"""Gathering the evidence: tool results and passages registered as numbered sources."""
