"""The library page (placeholder until its issue lands)."""

import streamlit as st

st.title("Library")
st.info("This page arrives with its issue.")
