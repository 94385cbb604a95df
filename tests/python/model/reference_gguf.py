"""SmolLM2/Llama logits straight from a GGUF file in NumPy, independent of the Java importer:
reads the GGUF header (magic, version, typed key/values, tensor index, data aligned to
general.alignment), dequantises F32/F16/Q8_0/Q4_0/Q4_1 from their block layouts (Q8_0: f16 d +
32 int8, x = d*q; Q4_0: f16 d + 16 bytes, low nibbles first, x = d*(q-8); Q4_1: f16 d, f16 m,
x = d*q + m), undoes llama.cpp's q/k row permutation the way its converter made it
(w.reshape(n_head, 2, hd/2, in).swapaxes(1, 2), inverted), and runs reference_llama.forward.

Usage: python3 reference_gguf.py FILE.gguf REQUEST.json  ->  prints {"logits": [[[...]]]}
"""
import json
import struct
import sys

import numpy as np

from reference_llama import forward
from st_numpy import read_request

SCALAR = {0: "<B", 1: "<b", 2: "<H", 3: "<h", 4: "<I", 5: "<i", 6: "<f", 7: "<?", 10: "<Q", 11: "<q", 12: "<d"}
BLOCKS = {0: (1, 4), 1: (1, 2), 2: (32, 18), 3: (32, 20), 8: (32, 34)}


class Reader:
    def __init__(self, data):
        self.data, self.pos = data, 0

    def take(self, fmt):
        (v,) = struct.unpack_from(fmt, self.data, self.pos)
        self.pos += struct.calcsize(fmt)
        return v

    def string(self):
        n = self.take("<Q")
        s = self.data[self.pos : self.pos + n].decode("utf-8")
        self.pos += n
        return s

    def value(self, t):
        if t == 8:
            return self.string()
        if t == 9:
            et, n = self.take("<I"), self.take("<Q")
            return [self.value(et) for _ in range(n)]
        return self.take(SCALAR[t])


def dequantize(raw, t, n):
    if t == 0:
        return np.frombuffer(raw, "<f4", n).astype(np.float64)
    if t == 1:
        return np.frombuffer(raw, "<f2", n).astype(np.float64)
    size, nbytes = BLOCKS[t]
    b = np.frombuffer(raw, np.uint8, n // size * nbytes).reshape(-1, nbytes)
    d = b[:, 0:2].copy().view("<f2").astype(np.float64)
    if t == 8:
        return (d * b[:, 2:].view(np.int8)).reshape(-1)
    qs = b[:, 4:] if t == 3 else b[:, 2:]
    q = np.concatenate([qs & 0x0F, qs >> 4], axis=1).astype(np.float64)
    if t == 2:
        return (d * (q - 8)).reshape(-1)
    m = b[:, 2:4].copy().view("<f2").astype(np.float64)
    return (d * q + m).reshape(-1)


def read_gguf(path):
    with open(path, "rb") as f:
        data = f.read()
    r = Reader(data)
    assert r.take("<I") == 0x46554747 and r.take("<I") in (2, 3)
    n_tensors, n_kv = r.take("<Q"), r.take("<Q")
    meta = {}
    for _ in range(n_kv):
        key = r.string()
        meta[key] = r.value(r.take("<I"))
    index = []
    for _ in range(n_tensors):
        name = r.string()
        dims = [r.take("<Q") for _ in range(r.take("<I"))]
        index.append((name, dims, r.take("<I"), r.take("<Q")))
    align = meta.get("general.alignment", 32)
    start = (r.pos + align - 1) // align * align
    tensors = {}
    for name, dims, t, off in index:
        n = int(np.prod(dims))
        size, nbytes = BLOCKS[t]
        raw = data[start + off : start + off + n // size * nbytes]
        tensors[name] = dequantize(raw, t, n).reshape(list(reversed(dims)))
    return meta, tensors


def unpermute(w, n_head):
    rows, cols = w.shape
    return w.reshape(n_head, rows // n_head // 2, 2, cols).swapaxes(1, 2).reshape(rows, cols)


def hf_weights(meta, t):
    nh, nkv = meta["llama.attention.head_count"], meta["llama.attention.head_count_kv"]
    parts = {
        "attn_q": "self_attn.q_proj", "attn_k": "self_attn.k_proj", "attn_v": "self_attn.v_proj",
        "attn_output": "self_attn.o_proj", "ffn_gate": "mlp.gate_proj", "ffn_up": "mlp.up_proj",
        "ffn_down": "mlp.down_proj", "attn_norm": "input_layernorm",
        "ffn_norm": "post_attention_layernorm",
    }
    w = {"model.embed_tokens.weight": t["token_embd.weight"], "model.norm.weight": t["output_norm.weight"]}
    if "output.weight" in t:
        w["lm_head.weight"] = t["output.weight"]
    for i in range(meta["llama.block_count"]):
        for g, h in parts.items():
            v = t[f"blk.{i}.{g}.weight"]
            if g == "attn_q":
                v = unpermute(v, nh)
            elif g == "attn_k":
                v = unpermute(v, nkv)
            w[f"model.layers.{i}.{h}.weight"] = v
    config = {
        "num_attention_heads": nh, "num_key_value_heads": nkv,
        "hidden_size": meta["llama.embedding_length"], "num_hidden_layers": meta["llama.block_count"],
        "rms_norm_eps": meta["llama.attention.layer_norm_rms_epsilon"],
        "rope_theta": meta.get("llama.rope.freq_base", 10000.0),
        "tie_word_embeddings": "output.weight" not in t,
    }
    return config, w


if __name__ == "__main__":
    path, ids, mask = read_request(sys.argv)
    meta, tensors = read_gguf(path)
    config, weights = hf_weights(meta, tensors)
    print(json.dumps({"logits": forward(config, weights, ids, mask).tolist()}))
