"""marketbrief in the browser. A placeholder until the UI issue lands the research chat."""

import streamlit as st

st.set_page_config(page_title="marketbrief", page_icon="📈", layout="wide")
st.title("marketbrief")
st.write(
    "A research assistant for market commentary. The research chat arrives with the UI issue; "
    "meanwhile the `marketbrief` command answers market-data questions."
)
