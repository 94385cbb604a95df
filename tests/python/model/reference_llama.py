"""Llama-family forward pass in NumPy, written from the published definitions (Touvron et al. 2023;
Hugging Face modeling_llama): RMSNorm x / sqrt(mean(x^2) + eps) * w; rotary embeddings in the
half-rotation layout (x * cos + rotate_half(x) * sin, rotate_half([a, b]) = [-b, a], inverse
frequencies rope_theta^(-2i/d) repeated over both halves); grouped-query attention with each
key/value head shared by n_heads / n_kv_heads consecutive query heads (repeat_kv); SwiGLU MLP
down(silu(gate(x)) * up(x)); optional q/k/v biases (Qwen2); lm_head tied or untied.

Usage: python3 reference_llama.py MODEL_DIR REQUEST.json [PEFT_ADAPTER_DIR]  ->  prints {"logits": [[[...]]]}
"""
import json
import sys

import numpy as np

from st_numpy import load_dir, read_adapter_arg, read_request, softmax


def rms_norm(x, w, eps):
    return x / np.sqrt((x**2).mean(-1, keepdims=True) + eps) * w


def rotate_half(x):
    h = x.shape[-1] // 2
    return np.concatenate([-x[..., h:], x[..., :h]], axis=-1)


def linear(x, w, name):
    y = x @ w[name + ".weight"].T
    return y + w[name + ".bias"] if name + ".bias" in w else y


def scale_rope(inv_freq, rs):
    """rope_scaling as in Hugging Face's modeling_rope_utils: linear divides every frequency by
    factor; llama3 divides low frequencies (wavelength > original/low_freq_factor), keeps high ones
    (wavelength < original/high_freq_factor) and interpolates smoothly in between."""
    if not rs:
        return inv_freq
    kind = rs.get("rope_type", rs.get("type"))
    factor = rs["factor"]
    if kind == "linear":
        return inv_freq / factor
    assert kind == "llama3", kind
    old = rs["original_max_position_embeddings"]
    low, high = rs["low_freq_factor"], rs["high_freq_factor"]
    wavelen = 2 * np.pi / inv_freq
    scaled = np.where(wavelen > old / low, inv_freq / factor, inv_freq)
    smooth = (old / wavelen - low) / (high - low)
    smoothed = (1 - smooth) * scaled / factor + smooth * scaled
    medium = ~(wavelen < old / high) & ~(wavelen > old / low)
    return np.where(medium, smoothed, scaled)


def forward(c, w, ids, mask):
    B, T = ids.shape
    nh, nkv = c["num_attention_heads"], c.get("num_key_value_heads", c["num_attention_heads"])
    hd = c.get("head_dim", c["hidden_size"] // nh)
    eps = c.get("rms_norm_eps", 1e-6)
    theta = c.get("rope_theta", 10000.0)
    inv_freq = 1.0 / theta ** (np.arange(0, hd, 2) / hd)
    inv_freq = scale_rope(inv_freq, c.get("rope_scaling"))
    freqs = np.outer(np.arange(T), inv_freq)
    emb = np.concatenate([freqs, freqs], axis=-1)
    cos, sin = np.cos(emb)[None, None], np.sin(emb)[None, None]
    neg = -1e9
    bias = np.triu(np.full((T, T), neg), 1)[None, None] + ((1 - mask) * neg)[:, None, None, :]
    x = w["model.embed_tokens.weight"][ids]
    for i in range(c["num_hidden_layers"]):
        p = f"model.layers.{i}."
        a = rms_norm(x, w[p + "input_layernorm.weight"], eps)
        q = linear(a, w, p + "self_attn.q_proj").reshape(B, T, nh, hd).transpose(0, 2, 1, 3)
        k = linear(a, w, p + "self_attn.k_proj").reshape(B, T, nkv, hd).transpose(0, 2, 1, 3)
        v = linear(a, w, p + "self_attn.v_proj").reshape(B, T, nkv, hd).transpose(0, 2, 1, 3)
        q = q * cos + rotate_half(q) * sin
        k = k * cos + rotate_half(k) * sin
        k = np.repeat(k, nh // nkv, axis=1)
        v = np.repeat(v, nh // nkv, axis=1)
        att = softmax(q @ k.transpose(0, 1, 3, 2) / np.sqrt(hd) + bias) @ v
        att = att.transpose(0, 2, 1, 3).reshape(B, T, nh * hd)
        x = x + linear(att, w, p + "self_attn.o_proj")
        m = rms_norm(x, w[p + "post_attention_layernorm.weight"], eps)
        g = linear(m, w, p + "mlp.gate_proj")
        silu = g / (1 + np.exp(-g))
        x = x + linear(silu * linear(m, w, p + "mlp.up_proj"), w, p + "mlp.down_proj")
    x = rms_norm(x, w["model.norm.weight"], eps)
    head = w["model.embed_tokens.weight"] if c.get("tie_word_embeddings") else w["lm_head.weight"]
    return x @ head.T


if __name__ == "__main__":
    model_dir, ids, mask = read_request(sys.argv)
    config, weights = load_dir(model_dir)
    weights = read_adapter_arg(sys.argv, weights, "")
    print(json.dumps({"logits": forward(config, weights, ids, mask).tolist()}))
