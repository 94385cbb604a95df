"""A task asking for one nvidia.com/gpu, with a matching toleration and caching off."""
from kfp import dsl, kubernetes


@dsl.container_component
def verify_gpu_scheduled():
    return dsl.ContainerSpec(
        image="python:3.11",
        command=["sh", "-c"],
        args=['echo "GPU scheduling check: PASS"'],
    )


@dsl.pipeline(
    name="nvidia-gpu-scheduling-check",
    description=(
        "Verifies a task requesting nvidia.com/gpu with a matching toleration can schedule and"
        " complete (no CUDA/torch assertions)."
    ),
)
def pipeline():
    task = verify_gpu_scheduled()
    task.set_caching_options(False)
    task.set_accelerator_type("nvidia.com/gpu").set_accelerator_limit(1)
    kubernetes.add_toleration(task, key="nvidia.com/gpu", operator="Exists", effect="NoSchedule")
