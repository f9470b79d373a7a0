"""The chat page (placeholder until its issue lands)."""

import streamlit as st

st.title("Chat")
st.info("This page arrives with its issue.")
