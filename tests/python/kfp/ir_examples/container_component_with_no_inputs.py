"""A container component with no inputs: the smallest pipeline IR."""
from kfp import dsl


@dsl.container_component
def hello_world_container():
    return dsl.ContainerSpec(
        image="registry.access.redhat.com/ubi9/python-311:latest",
        command=["echo", "hello world"],
    )


@dsl.pipeline(name="v2-container-component-no-input")
def pipeline():
    hello_world_container()
