"""The research page (placeholder until its issue lands)."""

import streamlit as st

st.title("Research")
st.info("This page arrives with its issue.")
