"""The local hashed embedding and the OpenAI-compatible one (against a loopback server)."""

from __future__ import annotations

import numpy as np
import pytest

from ingest.embeddings import LocalHashEmbedder, OpenAIEmbedder
from ingest.errors import EmbeddingFailed
from tests.unit.ingest.servers import fake_embeddings, serve


def test_local_vectors_are_deterministic_normalised_and_sized() -> None:
    texts = ["罗素2000指数年初至今上涨8.2%", "Small caps beat large caps in January", ""]
    first = LocalHashEmbedder().embed(texts)
    second = LocalHashEmbedder().embed(texts)  # a new instance: no hidden per-process state
    assert first.shape == (3, 512) and first.dtype == np.float32
    assert np.array_equal(first, second)
    assert np.allclose(np.linalg.norm(first[:2], axis=1), 1.0)
    assert not first[2].any()  # nothing to embed is the zero vector, not NaN


def test_local_similarity_follows_shared_words() -> None:
    embed = LocalHashEmbedder().embed
    query, near, far = embed(
        ["小盘股 风险因素", "小盘股面临的主要风险因素是经济放缓", "黄金价格创下历史新高"]
    )
    assert float(query @ near) > float(query @ far) + 0.2
    en_query, en_near, en_far = embed(
        ["credit spreads small caps", "Credit spreads on small caps narrowed", "Oil fell"]
    )
    assert float(en_query @ en_near) > float(en_query @ en_far)


def test_local_embedding_uses_given_tokens() -> None:
    embedder = LocalHashEmbedder(dim=64)
    with_tokens = embedder.embed(["abc"], [["abc"]])
    assert with_tokens.shape == (1, 64)
    assert embedder.name == "local-hash-v1" and embedder.dim == 64


def test_openai_embeddings_through_a_loopback_server() -> None:
    calls: list[list[str]] = []
    with serve(fake_embeddings(dim=8, calls=calls)) as base:
        embedder = OpenAIEmbedder("test-embed", api_key=None, base_url=f"{base}/v1", timeout_s=5)
        assert embedder.dim is None  # known after the first call
        vectors = embedder.embed(["one", "two", "three"])
    assert vectors.shape == (3, 8)
    assert embedder.dim == 8 and embedder.name == "openai:test-embed"
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0)
    assert calls == [["one", "two", "three"]]


def test_openai_embeddings_batch_large_inputs() -> None:
    calls: list[list[str]] = []
    with serve(fake_embeddings(calls=calls)) as base:
        embedder = OpenAIEmbedder("m", api_key="k", base_url=f"{base}/v1", timeout_s=5)
        embedder.embed([f"text {i}" for i in range(300)])
    assert [len(c) for c in calls] == [128, 128, 44]


def test_openai_endpoint_down_is_one_clear_error() -> None:
    embedder = OpenAIEmbedder(
        "m", api_key="k", base_url="http://127.0.0.1:9/v1", timeout_s=2, max_retries=0
    )
    with pytest.raises(EmbeddingFailed, match=r"127\.0\.0\.1:9"):
        embedder.embed(["text"])
