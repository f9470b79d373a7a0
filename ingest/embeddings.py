"""Embeddings: a local hashed function that needs no download, or an OpenAI-compatible endpoint.

The local function is a feature-hashing vector: jieba words, Chinese character bigrams and
English word unigrams and bigrams, each hashed (CRC32, stable across runs, unlike `hash()`) to
one of `dim` signed buckets, weighted 1 + log(count), L2-normalised. It knows no synonyms, but
it is deterministic, fast (no model) and works offline; the lexical leg and the dictionary
translation of queries (`ingest.crosslingual`) cover what it cannot.

Every embedder has a `name` recorded in the collection it builds, so opening that collection
with another embedder is a clear error rather than silently meaningless distances.
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Mapping, Sequence
from typing import Protocol

import numpy as np

from ingest.errors import EmbeddingFailed
from ingest.language import CJK_RUN, has_cjk
from ingest.tokens import tokenize

LOCAL_DIM = 512


class Embedder(Protocol):
    """What the index needs from an embedding: a name, a dimension once known, and vectors."""

    @property
    def name(self) -> str: ...

    @property
    def dim(self) -> int | None: ...

    @property
    def fusion_weight(self) -> float:
        """How much this embedding's ranking counts against BM25's when the two are fused."""
        ...

    @property
    def lexical(self) -> bool:
        """True when the embedding only sees shared words (the local hashed one). It then
        re-ranks BM25's candidates instead of searching alone, where its hash collisions
        would bring in passages that share nothing with the question."""
        ...

    def embed(self, texts: Sequence[str], tokens: Sequence[list[str]] | None = None) -> np.ndarray:
        """One L2-normalised float32 row per text; `tokens` (from `tokenize`) may be passed
        when already computed, so the local function does not cut the text twice."""
        ...

    def embed_query(
        self, text: str, tokens: list[str], weights: Mapping[str, float] | None = None
    ) -> np.ndarray:
        """The query's vector. `weights` (a token's inverse document frequency in the
        library) lets a lexical embedding stress the rare words of a question."""
        ...


class LocalHashEmbedder:
    """Hashed jieba words + CJK character bigrams + English unigrams/bigrams.

    Per text, Python only looks up each token's hash (cached); bigrams, counting, weighting
    and bucketing are numpy over the whole batch, which keeps a 15,000-chunk ingest's
    embedding to a second or two.
    """

    version = 1

    def __init__(self, dim: int = LOCAL_DIM) -> None:
        self._dim = dim
        self._hashes: dict[str, tuple[int, bool]] = {}

    @property
    def name(self) -> str:
        return f"local-hash-v{self.version}"

    @property
    def fusion_weight(self) -> float:
        # A hashed bag of words is a noisier lexical model than BM25: a Chinese chunk has
        # ~750 features in 512 buckets, so chance collisions give cosine noise of about
        # 1/sqrt(512) = 0.04, as large as a few true shared words. Weighted at a quarter, it
        # re-orders BM25's near-ties (by character bigrams and word overlap) but cannot
        # outvote BM25's top hit. At half it did: on `make eval`'s en set, hit@5 was 97%
        # against 100% at a quarter, with the same answers (with no vote at all, one answer
        # quoted a fragment).
        return 0.25

    @property
    def lexical(self) -> bool:
        return True

    @property
    def dim(self) -> int:
        return self._dim

    def _hash(self, token: str) -> tuple[int, bool]:
        """(CRC32 of the token, whether it is a Latin word), cached: the vocabulary repeats."""
        found = self._hashes.get(token)
        if found is None:
            found = (zlib.crc32(token.encode("utf-8")), not has_cjk(token))
            if len(self._hashes) < _HASH_CACHE:
                self._hashes[token] = found
        return found

    def _features(self, text: str, words: list[str]) -> np.ndarray:
        """32-bit feature hashes of one text: words, Latin bigrams, CJK character bigrams."""
        pairs = [self._hash(w) for w in words]
        hashes = np.fromiter((h for h, _ in pairs), dtype=np.uint64, count=len(pairs))
        latin = np.fromiter((lat for _, lat in pairs), dtype=bool, count=len(pairs))
        both = latin[:-1] & latin[1:]
        bigrams = _mix(hashes[:-1][both] * _PRIME + hashes[1:][both] + _SALT_WORDS)
        codes = np.frombuffer("\0".join(CJK_RUN.findall(text)).encode("utf-32-le"), np.uint32)
        codes = codes.astype(np.uint64)
        joined = (codes[:-1] != 0) & (codes[1:] != 0)
        characters = _mix((codes[:-1][joined] << np.uint64(21)) | codes[1:][joined])
        return np.concatenate([hashes, bigrams, characters])

    def embed(self, texts: Sequence[str], tokens: Sequence[list[str]] | None = None) -> np.ndarray:
        token_lists = tokens if tokens is not None else [tokenize(t) for t in texts]
        keys = [
            (np.uint64(row) << np.uint64(32)) | self._features(text, words)
            for row, (text, words) in enumerate(zip(texts, token_lists, strict=True))
        ]
        unique, counts = np.unique(
            np.concatenate(keys) if keys else np.zeros(0, np.uint64), return_counts=True
        )
        rows = (unique >> np.uint64(32)).astype(np.int64)
        hashes = unique & np.uint64(0xFFFFFFFF)
        buckets = (hashes % np.uint64(self._dim)).astype(np.int64)
        signs = np.where((hashes >> np.uint64(31)) & np.uint64(1), -1.0, 1.0)
        weights = signs * (1.0 + np.log(counts))
        matrix = np.bincount(
            rows * self._dim + buckets, weights=weights, minlength=len(texts) * self._dim
        ).reshape(len(texts), self._dim)
        return normalise_rows(matrix)

    def embed_query(
        self, text: str, tokens: list[str], weights: Mapping[str, float] | None = None
    ) -> np.ndarray:
        """Like `embed`, with each word's features scaled by its weight: "高盛" and "goldman"
        then count for more than "year" or "2000", as they would in BM25. Words the library
        has never seen are left out (they cannot match, only collide); character bigrams
        take the mean weight."""
        if weights is None:  # no library statistics: every word counts once
            weights = dict.fromkeys(tokens, 1.0)
        known = [weights[t] for t in tokens if t in weights]
        neutral = sum(known) / len(known) if known else 1.0
        word_weights = [weights.get(t, 0.0) for t in tokens]
        latin = [self._hash(t)[1] for t in tokens]
        pairs = zip(word_weights, word_weights[1:], latin, latin[1:], strict=False)
        pair_weights = [(a + b) / 2 for a, b, la, lb in pairs if la and lb]
        hashes = self._features(text, tokens).tolist()  # words, Latin bigrams, CJK bigrams
        feature_weights = word_weights + pair_weights
        counts: dict[int, list[float]] = {}
        for position, feature in enumerate(hashes):
            weight = feature_weights[position] if position < len(feature_weights) else neutral
            slot = counts.setdefault(feature, [0.0, 0.0])
            slot[0] += 1.0
            slot[1] = max(slot[1], weight)
        vector = np.zeros(self._dim)
        for feature, (count, weight) in counts.items():
            sign = -1.0 if (feature >> 31) & 1 else 1.0
            vector[feature % self._dim] += sign * weight * (1.0 + math.log(count))
        return normalise_rows(vector[None, :])[0]


_HASH_CACHE = 2_000_000
_PRIME = np.uint64(0x9E3779B1)
_SALT_WORDS = np.uint64(0x5BD1E995)


def _mix(values: np.ndarray) -> np.ndarray:
    """A 64-bit multiplicative mix folded to 32 bits (uint64 arithmetic wraps, as intended)."""
    mixed = values * np.uint64(0x9E3779B97F4A7C15)
    return (mixed >> np.uint64(32)) ^ (mixed & np.uint64(0xFFFFFFFF))


def normalise_rows(matrix: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length (all-zero rows stay zero), as float32."""
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (matrix / norms).astype(np.float32)


class OpenAIEmbedder:
    """Embeddings from an OpenAI-compatible /v1/embeddings endpoint, under the network deadline."""

    batch_size = 128

    def __init__(
        self,
        model: str,
        *,
        api_key: str | None,
        base_url: str | None,
        timeout_s: float,
        max_retries: int = 1,
    ) -> None:
        from openai import OpenAI

        self._model = model
        self._dim: int | None = None
        self._where = base_url or "api.openai.com"
        self._client = OpenAI(
            api_key=api_key or "not-needed",  # local servers (Ollama, vLLM) take any key
            base_url=base_url,
            timeout=timeout_s,
            max_retries=max_retries,
        )

    @property
    def name(self) -> str:
        return f"openai:{self._model}"

    @property
    def fusion_weight(self) -> float:
        return 1.0  # a semantic model sees what BM25 cannot: an equal vote

    @property
    def lexical(self) -> bool:
        return False

    @property
    def dim(self) -> int | None:
        return self._dim

    def embed(self, texts: Sequence[str], tokens: Sequence[list[str]] | None = None) -> np.ndarray:
        rows: list[list[float]] = []
        for start in range(0, len(texts), self.batch_size):
            rows.extend(self._batch(list(texts[start : start + self.batch_size])))
        matrix = np.asarray(rows, dtype=np.float32)
        if matrix.ndim != 2 or len(matrix) != len(texts):
            raise EmbeddingFailed(f"the embedding endpoint at {self._where} returned a bad shape")
        self._dim = int(matrix.shape[1])
        return normalise_rows(matrix)

    def embed_query(
        self, text: str, tokens: list[str], weights: Mapping[str, float] | None = None
    ) -> np.ndarray:
        return self.embed([text])[0]  # a semantic model weighs words itself

    def _batch(self, texts: list[str]) -> list[list[float]]:
        from openai import OpenAIError

        try:
            response = self._client.embeddings.create(model=self._model, input=texts)
        except OpenAIError as error:
            raise EmbeddingFailed(
                f"the embedding endpoint at {self._where} failed: {type(error).__name__}: {error}"
            ) from None
        ordered = sorted(response.data, key=lambda item: item.index)
        return [list(item.embedding) for item in ordered]
