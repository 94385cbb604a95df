#!/usr/bin/env python3
"""Runs a compiled KFP pipeline YAML, unchanged, under the official kfp SDK's local runner
(kfp.local.DockerRunner) against a Docker-compatible API (podman's `podman system service`).

Usage: local_pipeline.py REQUEST.json RESULT.json

REQUEST.json: {"pipeline": path of the compiled YAML, "pipeline_root": absolute directory for task
outputs, "arguments": {pipeline parameter: value}, "runs": how many times to run it (the cache of
kfp.local is on, so later runs show what is served from cache)}. DOCKER_HOST names the API
(tests/setup/podman-service.sh prints it; the service's containers.conf lowers the ulimits).

RESULT.json: {"runs": [{"executed": [component names run in a container], "cache_hits":
[component names served from the cache], "outputs": {task name: [{output key: [local paths]}
per execution]}}]}

Everything here is the SDK's own code except one shim, around docker-py's container handling in
kfp.local.docker_task_handler.run_docker_container, for two defects of podman 4.3's Docker API:
(1) an auto-removed container answers `wait` with HTTP 500 instead of 404, which docker-py raises
as APIError (kfp.local only tolerates NotFound), and (2) a followed log stream can hang after the
container exits. A container that the API fails to start counts as a failed task (exit 125), so the
task's retry policy applies as it would to a pod. The shim therefore runs the container without auto-removal, waits for it, reads
its logs once it has exited, and removes it. The command, arguments, image, volumes and run
arguments are the SDK's, untouched.
"""
import json
import logging
import os
import sys
import threading

import docker

from kfp import components, local
from kfp.local import cache as cache_module
from kfp.local import docker_task_handler
from kfp.local import task_dispatcher
from kfp.local.orchestrator import task_executor


class Recorder:
    """Which components ran in a container, which were served from kfp.local's cache, and the
    local paths of every task's output artifacts."""

    def __init__(self):
        self.reset()
        self.local = threading.local()

    def reset(self):
        self.executed, self.cache_hits, self.outputs = [], [], {}


RECORDER = Recorder()


def run_container_without_auto_remove(client, image, command, volumes, **run_args):
    """The shim described in the module docstring; returns the container's exit code."""
    image = docker_task_handler.add_latest_tag_if_not_present(image=image)
    known = any(
        image in (i.tags + i.attrs.get('RepoDigests', [])) for i in client.images.list())
    if not known:
        raise RuntimeError(f'image {image!r} is not loaded (this test never pulls)')
    run_args.pop('auto_remove', None)
    try:
        container = client.containers.run(
            image=image, command=command, detach=True, stdout=True, stderr=True,
            volumes=volumes, auto_remove=False, **run_args)
    except docker.errors.APIError as e:
        # A container that cannot start is a failed task, as a pod that cannot start is on the
        # backend: the task's retry policy applies.
        print(f'container did not start: {e}', flush=True)
        return 125
    try:
        code = container.wait(timeout=3600)['StatusCode']
        sys.stdout.write(container.logs(stdout=True, stderr=True).decode(errors='replace'))
        sys.stdout.flush()
        return code
    finally:
        container.remove(force=True)


def install_shims():
    """The podman shim, and recorders around three of kfp.local's own functions (each called
    through its module, so replacing the module attribute reaches every caller)."""
    docker_task_handler.run_docker_container = run_container_without_auto_remove

    original_dispatch = task_dispatcher.run_single_task_implementation

    def recording_dispatch(*args, **kwargs):
        RECORDER.executed.append(kwargs.get('component_name'))
        return original_dispatch(*args, **kwargs)

    task_dispatcher.run_single_task_implementation = recording_dispatch

    original_get = cache_module.LocalCache.get

    def recording_get(self, key):
        hit = original_get(self, key)
        RECORDER.local.hit = hit is not None
        return hit

    cache_module.LocalCache.get = recording_get

    original_execute = task_executor.execute_single_task

    def recording_execute(task_name, task_spec, *args, **kwargs):
        RECORDER.local.hit = False
        outputs, state = original_execute(task_name, task_spec, *args, **kwargs)
        if RECORDER.local.hit:
            RECORDER.cache_hits.append(task_spec.component_ref.name)
        RECORDER.outputs.setdefault(task_name, []).append(
            {k: artifact_paths(v) for k, v in (outputs or {}).items()})
        return outputs, state

    task_executor.execute_single_task = recording_execute


def artifact_paths(value):
    items = value if isinstance(value, list) else [value]
    return [getattr(a, 'path', None) or a.uri for a in items if hasattr(a, 'uri')]


def main():
    request = json.load(open(sys.argv[1]))
    result_path = sys.argv[2]
    logging.basicConfig(level=logging.INFO)
    os.umask(0)  # task directories must be writable by the images' non-root user
    install_shims()

    local.init(
        runner=local.DockerRunner(network_mode='none'),
        pipeline_root=request['pipeline_root'],
        enable_caching=True)
    pipeline = components.load_component_from_file(request['pipeline'])

    runs = []
    for _ in range(int(request.get('runs', 1))):
        RECORDER.reset()
        pipeline(**request['arguments'])
        runs.append({'executed': RECORDER.executed, 'cache_hits': RECORDER.cache_hits,
                     'outputs': RECORDER.outputs})
    tmp = result_path + '.tmp'
    with open(tmp, 'w') as f:
        json.dump({'runs': runs}, f, indent=2)
    os.replace(tmp, result_path)


if __name__ == '__main__':
    main()
