"""Conversations: the memory a follow-up leans on and the saved history."""
