"""The commentary library: parsers, chunking and the index (the only code that talks to Chroma).
Never imports the LLM, streamlit or tools."""
