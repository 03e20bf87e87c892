"""A small logistic regression in numpy, fitted by Newton's method with an L2 penalty.

It learns a correction on top of a fixed offset (the rule-based prior's logit), so with
few labels it stays close to the prior and with more it moves away as far as the labels
say. Features are standardised with the training mean and spread; the whole model is a
handful of floats that serialise to JSON.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

MAX_ITERATIONS = 30


@dataclass
class LogisticModel:
    weights: np.ndarray
    bias: float
    mean: np.ndarray
    scale: np.ndarray

    @classmethod
    def fit(
        cls,
        x: np.ndarray,
        y: np.ndarray,
        offset: np.ndarray | None = None,
        l2: float | np.ndarray = 1.0,
        sample_weight: np.ndarray | None = None,
    ) -> LogisticModel:
        """Fit ``P(y=1) = sigmoid(offset + bias + standardised(x) @ weights)``.

        ``l2`` penalises the weights (not the bias) in units of "examples": the penalty
        is ``l2 * |w|^2 / 2`` against a summed log loss; an array gives each feature its own.
        """
        n, d = x.shape
        mean = x.mean(axis=0) if n else np.zeros(d)
        scale = x.std(axis=0) if n else np.ones(d)
        scale = np.where(scale > 1e-9, scale, 1.0)
        z = np.column_stack([np.ones(n), (x - mean) / scale])
        off = np.zeros(n) if offset is None else offset
        sw = np.ones(n) if sample_weight is None else sample_weight
        theta = np.zeros(d + 1)
        penalty = np.empty(d + 1)
        penalty[1:] = l2
        penalty[0] = 1e-3

        def loss(t: np.ndarray) -> float:
            margin = off + z @ t
            # log(1 + e^m) - y m, computed stably
            nll = np.logaddexp(0.0, margin) - y * margin
            return float(sw @ nll + 0.5 * penalty @ (t * t))

        current = loss(theta)
        for _ in range(MAX_ITERATIONS):
            p = _sigmoid(off + z @ theta)
            gradient = z.T @ (sw * (p - y)) + penalty * theta
            hessian = (z * (sw * p * (1 - p))[:, None]).T @ z + np.diag(penalty)
            step = np.linalg.solve(hessian, gradient)
            rate = 1.0
            while rate > 1e-4:  # damped Newton: halve the step until the loss falls
                candidate = theta - rate * step
                value = loss(candidate)
                if value <= current:
                    break
                rate /= 2
            else:
                break
            theta, done = candidate, current - value < 1e-7 * max(1.0, current)
            current = value
            if done:
                break
        return cls(theta[1:], float(theta[0]), mean, scale)

    def decision(self, x: np.ndarray, offset: np.ndarray | None = None) -> np.ndarray:
        z = self.bias + ((x - self.mean) / self.scale) @ self.weights
        return z if offset is None else z + offset

    def probability(self, x: np.ndarray, offset: np.ndarray | None = None) -> np.ndarray:
        return _sigmoid(self.decision(x, offset))

    def to_json(self) -> dict[str, Any]:
        return {
            "weights": [round(float(v), 6) for v in self.weights],
            "bias": round(self.bias, 6),
            "mean": [round(float(v), 6) for v in self.mean],
            "scale": [round(float(v), 6) for v in self.scale],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> LogisticModel:
        return cls(
            np.asarray(data["weights"], dtype=float),
            float(data["bias"]),
            np.asarray(data["mean"], dtype=float),
            np.asarray(data["scale"], dtype=float),
        )


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
