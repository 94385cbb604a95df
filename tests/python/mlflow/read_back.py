"""Reads what GradEx logged back with the MLflow Python client, as a user would, and prints JSON.

    read_back.py TRACKING_URI EXPERIMENT MODEL

Prints {"runs": [...], "histories": {run_id: {metric: [[step, timestamp, value], ...]}},
"versions": [...], "aliases": {...}, "logged_models": [...], "loaded": {...}}: every run of the experiment (name, params,
metrics, tags, dataset inputs with digest, source and context, artifacts at the root), the
step-wise histories of train_loss, the registered model's versions and aliases, and what
mlflow.pyfunc.load_model("models:/MODEL@champion") returns.
"""
import json
import sys

import mlflow
from mlflow import MlflowClient


def inputs_of(run):
    out = []
    for d in (run.inputs.dataset_inputs if run.inputs else []):
        tags = {t.key: t.value for t in d.tags}
        out.append(
            {
                "name": d.dataset.name,
                "digest": d.dataset.digest,
                "source": d.dataset.source,
                "profile": d.dataset.profile,
                "context": tags.get("mlflow.data.context"),
            }
        )
    return out


def main(uri, experiment, model):
    mlflow.set_tracking_uri(uri)
    client = MlflowClient(uri)
    exp = client.get_experiment_by_name(experiment)
    runs = client.search_runs([exp.experiment_id], max_results=1000)
    out = {"experiment_id": exp.experiment_id, "runs": [], "histories": {}}
    for r in runs:
        out["runs"].append(
            {
                "id": r.info.run_id,
                "name": r.info.run_name,
                "start": r.info.start_time,
                "end": r.info.end_time,
                "params": r.data.params,
                "metrics": r.data.metrics,
                "tags": r.data.tags,
                "inputs": inputs_of(r),
                "artifacts": [a.path for a in client.list_artifacts(r.info.run_id)],
                "selection": [a.path for a in client.list_artifacts(r.info.run_id, "selection")],
            }
        )
        if "train_loss" in r.data.metrics:
            out["histories"][r.info.run_id] = [
                [m.step, m.timestamp, m.value] for m in client.get_metric_history(r.info.run_id, "train_loss")
            ]
    versions = client.search_model_versions(f"name='{model}'")
    out["versions"] = [
        {
            "version": v.version,
            "run_id": v.run_id,
            "source": v.source,
            "tags": v.tags,
            "description": v.description,
            "aliases": list(v.aliases),
            "model_id": getattr(v, "model_id", None),
        }
        for v in versions
    ]
    out["aliases"] = client.get_registered_model(model).aliases
    out["logged_models"] = []
    for m in mlflow.search_logged_models(experiment_ids=[exp.experiment_id], output_format="list"):
        got = mlflow.get_logged_model(m.model_id)
        out["logged_models"].append(
            {
                "model_id": got.model_id,
                "name": got.name,
                "source_run_id": got.source_run_id,
                "status": str(got.status),
                "params": got.params,
                "tags": got.tags,
                "metrics": {x.key: x.value for x in (got.metrics or []) if x.model_id == got.model_id},
                "artifacts": [a.path for a in client.list_logged_model_artifacts(got.model_id)],
            }
        )
    loaded = mlflow.pyfunc.load_model(f"models:/{model}@champion")
    impl = loaded._model_impl
    out["loaded"] = {
        "flavors": list(loaded.metadata.flavors.keys()),
        "class": type(impl).__name__,
        "peft_type": impl.config.get("peft_type"),
        "info": impl.info,
    }
    print(json.dumps(out))


if __name__ == "__main__":
    main(*sys.argv[1:4])
