"""The Answer: its model, assembly, citations, number checks, charts and rendering."""
