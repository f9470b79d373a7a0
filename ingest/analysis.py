"""Search tokens and vectors for chunks, spread over worker processes for large batches.

Cutting Chinese text with jieba is the slowest step of an ingest (pure Python, ~0.4 M
characters a second), and Chroma's writes hold the GIL, so threads would not help. Large
batches therefore go to a small process pool while the main process writes the previous batch
to Chroma and the catalog: the two overlap. Small batches (a handful of files) are analysed in
place, since starting workers costs more than it saves.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import threading
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from functools import cache
from multiprocessing.connection import Connection

import numpy as np

from ingest.embeddings import Embedder, LocalHashEmbedder
from ingest.tokens import tokenize

POOL_MIN_CHARS = 150_000  # below this, analysing in place is faster than shipping to workers


def document_text(title: str, section: str, text: str) -> str:
    """What is embedded and tokenised for a chunk: the title and section name carry meaning
    the passage alone may not repeat (which article, which part of it)."""
    return f"{title}\n{section}\n{section}\n{text}" if section else f"{title}\n{text}"


@cache
def _local(dim: int) -> LocalHashEmbedder:
    return LocalHashEmbedder(dim)


def analyse_local(
    texts: Sequence[str], dim: int | None
) -> tuple[list[list[str]], np.ndarray | None]:
    """Tokens for every text and, when `dim` is given, local hashed vectors (worker entry)."""
    tokens = [tokenize(t) for t in texts]
    vectors = _local(dim).embed(texts, tokens) if dim else None
    return tokens, vectors


def _exit_with(owner: Connection) -> None:
    """Worker initializer: end this worker when the process that started the pool is gone.
    `owner` is the reading end of a pipe only that process writes to: its death, however it
    comes (kill -9, the OOM killer), closes the pipe. A forkserver's workers are its children,
    not the owner's, and wait for work forever otherwise; when they end, it ends too."""

    def watch() -> None:
        with contextlib.suppress(EOFError, OSError):
            owner.recv_bytes()
        os._exit(0)

    threading.Thread(target=watch, name="owner-watch", daemon=True).start()


@dataclass
class Analysis:
    """Tokens and vectors, one row per text, once `result()` has gathered them."""

    texts: list[str]
    parts: list[Future[tuple[list[list[str]], np.ndarray | None]]]
    embedder: Embedder
    local: bool

    def result(self) -> tuple[list[list[str]], np.ndarray]:
        tokens: list[list[str]] = []
        blocks: list[np.ndarray] = []
        try:
            outcomes = [part.result() for part in self.parts]
        except (BrokenProcessPool, OSError, RuntimeError):
            # Workers could not start (e.g. a caller script without a __main__ guard):
            # the same work, in place.
            outcomes = [analyse_local(self.texts, self.embedder.dim if self.local else None)]
        for part_tokens, part_vectors in outcomes:
            tokens.extend(part_tokens)
            if part_vectors is not None:
                blocks.append(part_vectors)
        if self.local:
            vectors = np.vstack(blocks) if blocks else np.zeros((0, self.embedder.dim or 0))
        else:
            vectors = self.embedder.embed(self.texts, tokens)
        return tokens, vectors.astype(np.float32)


def _done(
    value: tuple[list[list[str]], np.ndarray | None],
) -> Future[tuple[list[list[str]], np.ndarray | None]]:
    future: Future[tuple[list[list[str]], np.ndarray | None]] = Future()
    future.set_result(value)
    return future


class Analyser:
    """Starts analyses, in place or on the pool; `close()` stops the pool if one was started."""

    def __init__(self, embedder: Embedder, workers: int | None = None) -> None:
        self.embedder = embedder
        self._local_dim = embedder.dim if isinstance(embedder, LocalHashEmbedder) else None
        self._workers = workers if workers is not None else min(4, os.cpu_count() or 1)
        self._pool: ProcessPoolExecutor | None = None
        # a pipe open while this process lives: the workers end when it closes (`_exit_with`)
        self._watched: Connection | None = None
        self._alive: Connection | None = None

    def _ensure_pool(self) -> ProcessPoolExecutor:
        if self._pool is None:
            # forkserver: workers start from a clean process, not a fork of one running
            # Chroma's threads (forking those can deadlock).
            method = (
                "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
            )
            context = multiprocessing.get_context(method)
            # we hold the writing end; each worker, started when work comes, a copy of the other
            self._watched, self._alive = context.Pipe(duplex=False)
            self._pool = ProcessPoolExecutor(
                self._workers, mp_context=context, initializer=_exit_with, initargs=(self._watched,)
            )
        return self._pool

    def start(self, texts: list[str]) -> Analysis:
        size = sum(map(len, texts))
        if self._workers < 2 or size < POOL_MIN_CHARS:
            parts = [_done(analyse_local(texts, self._local_dim))]
        else:
            step = -(-len(texts) // self._workers)
            try:
                pool = self._ensure_pool()
                parts = [
                    pool.submit(analyse_local, texts[i : i + step], self._local_dim)
                    for i in range(0, len(texts), step)
                ]
            except (BrokenProcessPool, OSError, RuntimeError):
                self._workers = 0  # no pool on this machine: analyse in place from now on
                parts = [_done(analyse_local(texts, self._local_dim))]
        return Analysis(texts, parts, self.embedder, self._local_dim is not None)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        for end in (self._watched, self._alive):
            if end is not None:
                end.close()
        self._watched = self._alive = None
