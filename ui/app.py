"""marketbrief in the browser: the entry point `streamlit run` starts.

It only routes: each page lives in `ui/pages/`, and the shared sidebar and cached services in
`ui/` modules of their own.
"""

from pathlib import Path

import streamlit as st

PAGES = Path(__file__).parent / "pages"

st.set_page_config(page_title="marketbrief", page_icon="📈", layout="wide")

navigation = st.navigation(
    [
        st.Page(PAGES / "chat.py", title="Chat", icon=":material/forum:", default=True),
        st.Page(PAGES / "library.py", title="Library", icon=":material/library_books:"),
        st.Page(PAGES / "research.py", title="Research", icon=":material/travel_explore:"),
    ]
)
navigation.run()
