"""Market data: providers and pure pandas analytics. Never imports langchain, openai, chromadb
or streamlit; never imports ingest."""
