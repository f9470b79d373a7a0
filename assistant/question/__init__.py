"""The question: what a person asked, read into symbols, period, language and scope."""
