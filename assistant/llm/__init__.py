"""The LLM path: chat model, agent, tool wrappers, reading the model's text, guards."""
