"""The offline path: an answer written without a model.

`composer` runs it: `gathering` calls the tools and searches the library, `sections` writes the
title and the sections, `narrate` tells the tool figures as sentences.
"""
