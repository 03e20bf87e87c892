"""Word vectors learned from a project's own texts, for the NER to start from.

A project holds many more documents than anyone labels. The words around a word in
them say much about what it is ("Mr. X said", "in X on"), so a word's vector is the
truncated SVD of its positive pointwise mutual information (PPMI) with the most frequent
words one and two tokens to its left and right (direction-aware contexts, context counts
smoothed to the power 0.75), computed with numpy in a few seconds for a million tokens
(``annotator.nlp.training`` reads at most ``MAX_VECTOR_CHARS`` of a project's texts).
Rows are the words as written (case carries much of a name's signal), contexts are
lowercased. The vectors go into the pipeline's vocab, so the saved model keeps them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

import numpy as np

DIMS = 64
MIN_COUNT = 2
CONTEXTS = 1000
WINDOW = 2
MAX_ROWS = 20_000  # at most 20,000 x 4,000 float32 cells: 320 MB


def ppmi_svd_vectors(
    texts: Iterable[Sequence[str]],
    dims: int = DIMS,
    min_count: int = MIN_COUNT,
    contexts: int = CONTEXTS,
    window: int = WINDOW,
    max_rows: int = MAX_ROWS,
    seed: int = 0,
) -> tuple[list[str], np.ndarray]:
    """(the words, their unit-length vectors, one row each) from tokenised texts.
    Empty when the texts have too few words."""
    sequences = [list(words) for words in texts]
    counts = Counter(word for words in sequences for word in words)
    rows = [word for word, n in counts.most_common(max_rows) if n >= min_count]
    lowered: Counter[str] = Counter()
    for word, n in counts.items():
        lowered[word.lower()] += n
    context_words = [word for word, _ in lowered.most_common(contexts)]
    if len(rows) < 2 * dims or len(context_words) < 2 * dims:
        return [], np.zeros((0, dims), dtype=np.float32)
    row_of = {word: i for i, word in enumerate(rows)}
    context_of = {word: i for i, word in enumerate(context_words)}
    row_ids, context_ids = [], []
    for words in sequences:  # -1 between texts, so no context crosses from one to the next
        row_ids.extend(row_of.get(word, -1) for word in words)
        context_ids.extend(context_of.get(word.lower(), -1) for word in words)
        row_ids.append(-1)
        context_ids.append(-1)
    r = np.asarray(row_ids, dtype=np.int64)
    c = np.asarray(context_ids, dtype=np.int64)
    n_context = len(context_words)
    width = n_context * 2 * window
    flat = []
    for offset in range(1, window + 1):
        left_row, right_ctx = r[:-offset], c[offset:]  # the context to the right
        keep = (left_row >= 0) & (right_ctx >= 0)
        slot = n_context * (2 * (offset - 1))
        flat.append(left_row[keep] * width + slot + right_ctx[keep])
        right_row, left_ctx = r[offset:], c[:-offset]  # the context to the left
        keep = (right_row >= 0) & (left_ctx >= 0)
        slot = n_context * (2 * (offset - 1) + 1)
        flat.append(right_row[keep] * width + slot + left_ctx[keep])
    cells, counts = np.unique(np.concatenate(flat), return_counts=True)
    matrix = np.zeros((len(rows), width), dtype=np.float32)  # then PPMI, in place
    matrix.reshape(-1)[cells] = counts
    total = float(matrix.sum())
    p_row = matrix.sum(axis=1, keepdims=True) / total
    p_context = matrix.sum(axis=0, keepdims=True) ** 0.75
    p_context /= p_context.sum()
    nonzero = matrix > 0
    matrix /= total
    matrix /= p_row * p_context + 1e-12
    np.log(matrix, out=matrix, where=nonzero)
    np.maximum(matrix, 0.0, out=matrix)
    return rows, _truncated_svd(matrix, dims, seed)


def _truncated_svd(matrix: np.ndarray, dims: int, seed: int) -> np.ndarray:
    """The top ``dims`` left singular vectors times the square root of their singular
    values (randomised range finder with one power iteration), rows scaled to unit length."""
    rng = np.random.default_rng(seed)
    probe = rng.standard_normal((matrix.shape[1], dims + 16)).astype(np.float32)
    sample = matrix @ probe
    sample = matrix @ (matrix.T @ sample)
    basis, _ = np.linalg.qr(sample)
    small_u, values, _ = np.linalg.svd(basis.T @ matrix, full_matrices=False)
    vectors = (basis @ small_u[:, :dims]) * np.sqrt(values[:dims])
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-8
    return vectors.astype(np.float32)
