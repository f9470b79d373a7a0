"""The Streamlit app: presentation only; it calls `assistant`."""
