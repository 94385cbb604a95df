"""MLflow python_function loader of a GradEx LoRA adapter (PEFT layout).

mlflow.pyfunc.load_model("models:/gradex-adapter@champion") returns a model whose implementation
is a GradexAdapter: the adapter directory, its adapter_config.json and gradex.json (the sources it
was trained on, the run). predict() needs peft and transformers and a base model they can load
(adapter_config.json names it).
"""
import json
import os


class GradexAdapter:
    def __init__(self, path):
        self.path = path
        with open(os.path.join(path, "adapter_config.json"), encoding="utf-8") as f:
            self.config = json.load(f)
        info = os.path.join(path, "gradex.json")
        self.info = {}
        if os.path.exists(info):
            with open(info, encoding="utf-8") as f:
                self.info = json.load(f)

    def predict(self, model_input, params=None):
        try:
            from peft import PeftModel
            from transformers import AutoModelForCausalLM, AutoTokenizer
        except ImportError as e:
            raise RuntimeError(
                "predict needs peft and transformers (pip install peft transformers); "
                "the adapter files are in " + self.path
            ) from e
        base = self.config["base_model_name_or_path"]
        tokenizer = AutoTokenizer.from_pretrained(base)
        model = PeftModel.from_pretrained(AutoModelForCausalLM.from_pretrained(base), self.path)
        prompts = list(model_input) if not hasattr(model_input, "iloc") else list(model_input.iloc[:, 0])
        out = []
        for p in prompts:
            ids = tokenizer(p, return_tensors="pt")
            gen = model.generate(**ids, max_new_tokens=(params or {}).get("max_new_tokens", 32))
            out.append(tokenizer.decode(gen[0][ids["input_ids"].shape[1]:], skip_special_tokens=True))
        return out


def _load_pyfunc(path):
    return GradexAdapter(path)
