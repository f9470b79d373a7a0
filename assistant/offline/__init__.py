"""The offline path: the composer that writes an answer without a model."""
