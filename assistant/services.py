"""The one factory for every external service.

Each service (the price store and market data, the commentary index, the chat model) is built
here from the settings, and only here. Tests pass fakes or loopback servers through the same
functions' parameters instead of patching internals.
"""
