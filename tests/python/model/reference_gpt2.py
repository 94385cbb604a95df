"""GPT-2 forward pass in NumPy, written from the published definition (Radford et al. 2019, and
OpenAI's gpt-2 model.py): token + learned position embeddings; per block
x = x + attn(ln_1(x)); x = x + mlp(ln_2(x)); Conv1D weights stored as [in, out]; gelu_new
(tanh approximation); causal self-attention; final ln_f; logits = h @ wte.T (tied).

Usage: python3 reference_gpt2.py MODEL_DIR REQUEST.json [PEFT_ADAPTER_DIR]  ->  prints {"logits": [[[...]]]}
"""
import json
import sys

import numpy as np

from st_numpy import load_dir, read_adapter_arg, read_request, softmax


def layer_norm(x, w, b, eps):
    mu = x.mean(-1, keepdims=True)
    var = ((x - mu) ** 2).mean(-1, keepdims=True)
    return (x - mu) / np.sqrt(var + eps) * w + b


def gelu_new(x):
    return 0.5 * x * (1 + np.tanh(np.sqrt(2 / np.pi) * (x + 0.044715 * x**3)))


def forward(config, w, ids, mask):
    p = "transformer." if "transformer.wte.weight" in w else ""
    eps = config.get("layer_norm_epsilon", 1e-5)
    nh = config["n_head"]
    B, T = ids.shape
    H = config["n_embd"]
    hd = H // nh
    x = w[p + "wte.weight"][ids] + w[p + "wpe.weight"][np.arange(T)][None]
    neg = -1e9
    causal = np.triu(np.full((T, T), neg), 1)
    bias = causal[None, None] + ((1 - mask) * neg)[:, None, None, :]
    for i in range(config["n_layer"]):
        q = f"{p}h.{i}."
        a = layer_norm(x, w[q + "ln_1.weight"], w[q + "ln_1.bias"], eps)
        qkv = a @ w[q + "attn.c_attn.weight"] + w[q + "attn.c_attn.bias"]
        qq, kk, vv = np.split(qkv, 3, axis=-1)
        heads = lambda t: t.reshape(B, T, nh, hd).transpose(0, 2, 1, 3)
        qq, kk, vv = heads(qq), heads(kk), heads(vv)
        att = softmax(qq @ kk.transpose(0, 1, 3, 2) / np.sqrt(hd) + bias) @ vv
        att = att.transpose(0, 2, 1, 3).reshape(B, T, H)
        x = x + att @ w[q + "attn.c_proj.weight"] + w[q + "attn.c_proj.bias"]
        m = layer_norm(x, w[q + "ln_2.weight"], w[q + "ln_2.bias"], eps)
        m = gelu_new(m @ w[q + "mlp.c_fc.weight"] + w[q + "mlp.c_fc.bias"])
        x = x + m @ w[q + "mlp.c_proj.weight"] + w[q + "mlp.c_proj.bias"]
    x = layer_norm(x, w[p + "ln_f.weight"], w[p + "ln_f.bias"], eps)
    return x @ w[p + "wte.weight"].T


if __name__ == "__main__":
    model_dir, ids, mask = read_request(sys.argv)
    config, weights = load_dir(model_dir)
    weights = read_adapter_arg(sys.argv, weights, "transformer.")
    print(json.dumps({"logits": forward(config, weights, ids, mask).tolist()}))
