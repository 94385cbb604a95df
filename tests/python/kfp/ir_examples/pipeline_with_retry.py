"""A lightweight component task with a retry policy (3 retries, backoff factor 2, at most 1 h)."""
from kfp import dsl


@dsl.component(base_image="python:3.11")
def add(a: float, b: float) -> float:
    return a + b


@dsl.pipeline(name="test-pipeline")
def pipeline(a: float = 1.0, b: float = 7.0):
    task = add(a=a, b=b)
    task.set_retry(num_retries=3, backoff_factor=2, backoff_max_duration="3600s")
