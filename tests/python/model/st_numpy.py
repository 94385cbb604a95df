"""Minimal safetensors reader in NumPy (F32/F16/BF16 -> float64), independent of the Java code.

Format: 8-byte little-endian header length N, N bytes of JSON {name: {dtype, shape,
data_offsets: [begin, end]}}, then the data section (offsets relative to its start).
"""
import json
import os
import struct

import numpy as np


def load(path):
    with open(path, "rb") as f:
        (n,) = struct.unpack("<Q", f.read(8))
        header = json.loads(f.read(n))
        data = f.read()
    out = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        begin, end = info["data_offsets"]
        raw = data[begin:end]
        dt = info["dtype"]
        if dt == "F32":
            arr = np.frombuffer(raw, dtype="<f4")
        elif dt == "F16":
            arr = np.frombuffer(raw, dtype="<f2")
        elif dt == "BF16":
            bits = np.frombuffer(raw, dtype="<u2").astype(np.uint32) << 16
            arr = bits.view(np.float32)
        else:
            continue  # buffers such as position_ids are not weights
        out[name] = arr.astype(np.float64).reshape(info["shape"])
    return out


def load_dir(model_dir):
    weights = {}
    for fn in sorted(os.listdir(model_dir)):
        if fn.endswith(".safetensors") and not fn.startswith("adapter_model"):
            weights.update(load(os.path.join(model_dir, fn)))
    with open(os.path.join(model_dir, "config.json")) as f:
        config = json.load(f)
    return config, weights


def softmax(x, axis=-1):
    x = x - x.max(axis=axis, keepdims=True)
    e = np.exp(x)
    return e / e.sum(axis=axis, keepdims=True)


def read_request(argv):
    """argv: model_dir, JSON file with {"ids": [[...]], "mask": [[...]]}."""
    with open(argv[2]) as f:
        req = json.load(f)
    ids = np.array(req["ids"], dtype=np.int64)
    mask = np.array(req.get("mask", np.ones_like(ids).tolist()), dtype=np.int64)
    return argv[1], ids, mask


def apply_peft_lora(weights, adapter_dir, strip_prefix=""):
    """Merges a PEFT LoRA adapter into base weights the way PEFT's LoraLayer.merge does:
    W += (lora_alpha / r) * B @ A for torch Linear weights (out, in), and the transpose for
    fan_in_fan_out layers (GPT-2 Conv1D, weights (in, out)). Tensor names are
    base_model.model.<module>.lora_A.weight / lora_B.weight; other tensors (modules_to_save)
    replace base_model.model.<module>.<param>."""
    with open(os.path.join(adapter_dir, "adapter_config.json")) as f:
        cfg = json.load(f)
    assert cfg["peft_type"] == "LORA" and cfg.get("bias", "none") == "none"
    scale = cfg["lora_alpha"] / cfg["r"]
    tensors = load(os.path.join(adapter_dir, "adapter_model.safetensors"))
    out = dict(weights)
    prefix = "base_model.model."
    for name, value in tensors.items():
        assert name.startswith(prefix), name
        rest = name[len(prefix):]
        if rest.endswith(".lora_B.weight"):
            continue
        if rest.endswith(".lora_A.weight"):
            module = rest[: -len(".lora_A.weight")]
            a = value
            b = tensors[prefix + module + ".lora_B.weight"]
            delta = scale * (b @ a)
            key = module[len(strip_prefix):] if module.startswith(strip_prefix) and module + ".weight" not in out else module
            key += ".weight"
            out[key] = out[key] + (delta.T if cfg.get("fan_in_fan_out") else delta)
        else:
            out[rest] = value
    return out


def read_adapter_arg(argv, weights, strip_prefix=""):
    return apply_peft_lora(weights, argv[3], strip_prefix) if len(argv) > 3 else weights
