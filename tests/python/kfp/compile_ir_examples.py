"""Compiles the pipelines of ir_examples/ with the kfp SDK (the peer of record) into OUT_DIR.

Usage: compile_ir_examples.py OUT_DIR
Each ir_examples/<name>.py defines `pipeline`; its IR is written to OUT_DIR/<name>.yaml, which the
Java IR compiler's tests (pipelines/kfp IrShapeTest) compare with.
"""
import importlib.util
import pathlib
import sys

from kfp import compiler


def main(out_dir):
    out = pathlib.Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for source in sorted((pathlib.Path(__file__).parent / "ir_examples").glob("*.py")):
        spec = importlib.util.spec_from_file_location(source.stem, source)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        compiler.Compiler().compile(module.pipeline, str(out / (source.stem + ".yaml")))
        print(source.stem)


if __name__ == "__main__":
    main(sys.argv[1])
