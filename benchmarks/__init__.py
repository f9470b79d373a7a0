"""Scripts that print measured figures (`make bench`). Not timed tests."""
