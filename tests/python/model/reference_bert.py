"""BERT forward pass in NumPy, written from the published definition (Devlin et al. 2019; Hugging
Face modeling_bert): word + position + token-type(0) embeddings, LayerNorm; per layer
x = LN(x + dense(attn(x))), x = LN(x + dense(gelu(dense(x)))) with exact (erf) GELU; padded keys
masked; pooler tanh(dense(x[:, 0])); classifier on the pooled vector.

Usage: python3 reference_bert.py MODEL_DIR REQUEST.json
  -> prints {"hidden": [[[...]]], "logits": [[...]]}
"""
import json
import math
import sys

import numpy as np

from st_numpy import load_dir, read_request, softmax

erf = np.vectorize(math.erf)


def layer_norm(x, w, b, eps):
    mu = x.mean(-1, keepdims=True)
    var = ((x - mu) ** 2).mean(-1, keepdims=True)
    return (x - mu) / np.sqrt(var + eps) * w + b


def lin(x, w, name):
    return x @ w[name + ".weight"].T + w[name + ".bias"]


def forward(c, w, ids, mask):
    if "bert.embeddings.word_embeddings.weight" not in w:
        w = {("bert." + k if not k.startswith("classifier") else k): v for k, v in w.items()}
    B, T = ids.shape
    H, nh = c["hidden_size"], c["num_attention_heads"]
    hd = H // nh
    eps = c.get("layer_norm_eps", 1e-12)
    e = "bert.embeddings."
    x = (
        w[e + "word_embeddings.weight"][ids]
        + w[e + "position_embeddings.weight"][np.arange(T)][None]
        + w[e + "token_type_embeddings.weight"][0][None, None]
    )
    x = layer_norm(x, w[e + "LayerNorm.weight"], w[e + "LayerNorm.bias"], eps)
    bias = ((1 - mask) * -1e9)[:, None, None, :]
    for i in range(c["num_hidden_layers"]):
        p = f"bert.encoder.layer.{i}."
        heads = lambda t: t.reshape(B, T, nh, hd).transpose(0, 2, 1, 3)
        q = heads(lin(x, w, p + "attention.self.query"))
        k = heads(lin(x, w, p + "attention.self.key"))
        v = heads(lin(x, w, p + "attention.self.value"))
        att = softmax(q @ k.transpose(0, 1, 3, 2) / np.sqrt(hd) + bias) @ v
        att = att.transpose(0, 2, 1, 3).reshape(B, T, H)
        o = p + "attention.output."
        x = layer_norm(lin(att, w, o + "dense") + x, w[o + "LayerNorm.weight"], w[o + "LayerNorm.bias"], eps)
        m = lin(x, w, p + "intermediate.dense")
        m = 0.5 * m * (1 + erf(m / math.sqrt(2)))
        o = p + "output."
        x = layer_norm(lin(m, w, o + "dense") + x, w[o + "LayerNorm.weight"], w[o + "LayerNorm.bias"], eps)
    pooled = np.tanh(lin(x[:, 0], w, "bert.pooler.dense"))
    logits = lin(pooled, w, "classifier") if "classifier.weight" in w else None
    return x, logits


if __name__ == "__main__":
    model_dir, ids, mask = read_request(sys.argv)
    config, weights = load_dir(model_dir)
    hidden, logits = forward(config, weights, ids, mask)
    out = {"hidden": hidden.tolist()}
    if logits is not None:
        out["logits"] = logits.tolist()
    print(json.dumps(out))
