"""Secrets as environment variables, named by a pipeline input, a constant and a task output."""
from kfp import dsl, kubernetes
from kfp.dsl import OutputPath


@dsl.component(base_image="python:3.11")
def comp():
    import os

    print(os.getenv("USER_NAME"), os.getenv("PASSWORD_VAR1"), os.getenv("PASSWORD_VAR2"))


@dsl.component(base_image="python:3.11")
def generate_secret_name(some_output: OutputPath(str)):
    with open(some_output, "w") as f:
        f.write("test-secret-3")


@dsl.pipeline(name="pipeline-secret-env")
def pipeline(secret_parm: str = "test-secret-1"):
    name = generate_secret_name()
    task = comp()
    kubernetes.use_secret_as_env(
        task, secret_name=secret_parm, secret_key_to_env={"username": "USER_NAME"}
    )
    kubernetes.use_secret_as_env(
        task, secret_name="test-secret-2", secret_key_to_env={"password": "PASSWORD_VAR1"}
    )
    kubernetes.use_secret_as_env(
        task,
        secret_name=name.outputs["some_output"],
        secret_key_to_env={"password": "PASSWORD_VAR2"},
    )
