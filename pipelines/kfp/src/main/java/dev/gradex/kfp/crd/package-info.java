/**
 * The Kubernetes-native route for GitOps clusters: publishes a compiled pipeline as KFP's {@code
 * pipelines.kubeflow.org/v2beta1} Pipeline and PipelineVersion custom resources through the fabric8
 * client (KFP with {@code --pipelineStore=kubernetes} serves them like uploaded ones). Uses {@code
 * dev.gradex.kfp.ir} and fabric8's client API.
 */
package dev.gradex.kfp.crd;
