"""marketbrief in the browser: the entry point `streamlit run` starts.

It routes, and renders what every page shares: the sidebar settings (answer mode, endpoint,
as-of date, filters). The settings panel is drawn after the page, into a slot reserved at the
top of the sidebar: a page can then show its cheap parts (the chat box) before anything waits
for the index or the price store, and the page still reads the choices from the session (a
widget's value is there from the interaction that caused the rerun). Each page lives in
`ui/views/` (not `pages/`: Streamlit would take that folder for its old multipage layout and
run a bookmarked page without this entry point); the cached services in `ui/resources.py`.
Last, the watch scheduler is started, once per process (`ui/watch_runs.py`), so the briefs due
at MARKETBRIEF_WATCH_TIMES are written while the app runs, whichever page is open.

Before any of it, the sign-in gate (`ui/auth.py`): in a deployment that requires sign-in, a
session that has not signed in sees the sign-in screen and nothing else, no page, no sidebar.
"""

from pathlib import Path

import streamlit as st

from assistant.errors import ConfigError
from ui import auth, context, library_data, sidebar
from ui.markup import error_text

PAGES = Path(__file__).parent / "views"

st.set_page_config(page_title="marketbrief", page_icon="📈", layout="wide")
st.set_option("client.toolbarMode", "minimal")  # no "Deploy" button in a research tool
st.set_option("client.showErrorDetails", "type")  # a bug shows its type, never a traceback

try:
    ctx = context.load()  # the settings only: no service is opened yet
except ConfigError as error:
    st.error(f"marketbrief cannot start: {error_text(error)}. Fix the setting and reload the page.")
    st.stop()

auth.require_sign_in(ctx.settings)  # stops here until the person has signed in

navigation = st.navigation(
    [
        st.Page(PAGES / "chat.py", title="Chat", icon=":material/forum:", default=True),
        st.Page(PAGES / "library.py", title="Library", icon=":material/library_books:"),
        st.Page(PAGES / "research.py", title="Research", icon=":material/travel_explore:"),
        st.Page(PAGES / "watch.py", title="Watch", icon=":material/visibility:"),
    ]
)

sidebar.init_defaults(ctx.settings)
settings_slot = st.sidebar.container()
navigation.run()
with settings_slot:
    articles = library_data.summaries(ctx.index) if ctx.index is not None else []
    sidebar.render(ctx.settings, library_data.facets_of(articles))
# Imported last: the scheduler loads the research writer (pandas), which the page drawn above
# does not need before its first question.
from ui import watch_runs  # noqa: E402

watch_runs.start_scheduler(ctx)  # once per process: the watch briefs due while the app runs
