"""Validates a compiled pipeline YAML with the official kfp SDK (the validator of record).

Usage: load_pipeline.py FILE
  1. kfp.components.load_component_from_file(FILE) must succeed (the SDK's own loader);
  2. the first document must parse into pipeline_spec_pb2.PipelineSpec with unknown fields
     rejected, and the platform document into PlatformSpec (kfp-pipeline-spec);
  3. each Kubernetes executor config must parse into kfp-kubernetes' KubernetesExecutorConfig
     when that package is installed;
  4. the SDK re-compiles the loaded component into a pipeline YAML equal to the input.
Prints one JSON line: {"ok": true, "name": ..., "components": N, "executors": N, ...}.
"""
import json
import sys
import tempfile

import yaml
from google.protobuf import json_format
from kfp import compiler, components
from kfp.pipeline_spec import pipeline_spec_pb2


def main(path):
    with open(path) as f:
        docs = list(yaml.safe_load_all(f))
    spec = pipeline_spec_pb2.PipelineSpec()
    json_format.ParseDict(docs[0], spec, ignore_unknown_fields=False)
    platform = None
    kubernetes_executors = 0
    if len(docs) > 1:
        platform = pipeline_spec_pb2.PlatformSpec()
        json_format.ParseDict(docs[1], platform, ignore_unknown_fields=False)
        kubernetes_executors = check_kubernetes(docs[1])

    component = components.load_component_from_file(path)
    with tempfile.NamedTemporaryFile(suffix=".yaml", mode="r") as out:
        compiler.Compiler().compile(component, out.name)
        recompiled = list(yaml.safe_load_all(open(out.name)))
    strip = lambda d: {k: v for k, v in d.items() if k != "sdkVersion"}
    if strip(recompiled[0]) != strip(docs[0]):
        raise SystemExit("kfp re-compiled the pipeline differently")
    print(json.dumps({
        "ok": True,
        "name": spec.pipeline_info.name,
        "schemaVersion": spec.schema_version,
        "components": len(spec.components),
        "executors": len(spec.deployment_spec["executors"]),
        "rootTasks": sorted(spec.root.dag.tasks.keys()),
        "inputs": sorted(component.component_spec.inputs or {}),
        "platformExecutors": kubernetes_executors,
    }))


def check_kubernetes(platform_doc):
    try:
        from kfp.kubernetes import kubernetes_executor_config_pb2 as k8s
    except ImportError:
        return -1
    executors = platform_doc["platforms"]["kubernetes"]["deploymentSpec"]["executors"]
    for name, config in executors.items():
        json_format.ParseDict(config, k8s.KubernetesExecutorConfig(), ignore_unknown_fields=False)
    return len(executors)


if __name__ == "__main__":
    main(sys.argv[1])
