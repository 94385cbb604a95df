# GPU base image of the model-stage images built with -Pimages,cuda (point -Dgradex.gpuBaseImage at
# where you push it). Not built or tested by this project: no image registry, GPU or network here.
#
# DJL publishes no CUDA native jar for PyTorch 2.7.1 (pytorch-native-cu124 stops at 2.5.1), so this
# image supplies libtorch 2.7.1 for CUDA 12.8 at /opt/libtorch; the Jib images set
# PYTORCH_LIBRARY_PATH=/opt/libtorch/lib, PYTORCH_VERSION=2.7.1 and PYTORCH_FLAVOR=cu128, and DJL
# loads the matching JNI library from pytorch-jni (jnilib/linux-x86_64/cu128). Check the archive
# name on download.pytorch.org/libtorch/cu128/ before building; pin the base by digest.
FROM nvidia/cuda:12.8.1-cudnn-runtime-ubuntu24.04
ARG LIBTORCH_URL=https://download.pytorch.org/libtorch/cu128/libtorch-cxx11-abi-shared-with-deps-2.7.1%2Bcu128.zip
RUN apt-get update \
 && apt-get install -y --no-install-recommends openjdk-17-jre-headless ca-certificates curl unzip \
 && curl -fsSL -o /tmp/libtorch.zip "$LIBTORCH_URL" \
 && unzip -q /tmp/libtorch.zip -d /opt \
 && rm /tmp/libtorch.zip \
 && apt-get purge -y curl unzip && apt-get autoremove -y \
 && rm -rf /var/lib/apt/lists/*
ENV JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64
