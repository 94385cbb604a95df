"""Compiles a tiny Python pipeline that uses our compiled YAML as a component (sub-pipeline).

Usage: use_as_component.py FILE OUT
Loads FILE with kfp.components.load_component_from_file, calls it inside a @dsl.pipeline with
two of its parameters overridden, compiles to OUT and loads OUT back. Prints one JSON line.
"""
import json
import sys

import yaml
from kfp import compiler, components, dsl


def main(path, out):
    gradex = components.load_component_from_file(path)

    @dsl.pipeline(name="outer-with-gradex")
    def outer(sources_uri: str = "s3://bucket/new-sources/", digests: str = "a=1,b=2"):
        gradex(sources_uri=sources_uri, source_digests=digests, estimate_subsets=200)

    compiler.Compiler().compile(outer, out)
    components.load_component_from_file(out)
    with open(out) as f:
        doc = next(yaml.safe_load_all(f))
    tasks = doc["root"]["dag"]["tasks"]
    print(json.dumps({
        "ok": True,
        "name": doc["pipelineInfo"]["name"],
        "rootTasks": sorted(tasks),
        "components": sorted(doc["components"]),
        "subsetsBinding": next(iter(tasks.values()))["inputs"]["parameters"]["estimate_subsets"],
    }))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
