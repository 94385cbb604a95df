/**
 * GradEx as a Kubeflow Pipelines plugin. Sub-packages: {@code dsl} (typed pipeline authoring, no
 * dependencies), {@code ir} (compiler to KFP IR YAML; uses dsl and Jackson), {@code gradex} (the
 * GradEx pipeline and its component contract; uses dsl), {@code rest} (KFP v2beta1 REST client; JDK
 * HttpClient and Jackson), {@code crd} (pipelines.kubeflow.org custom resources through fabric8;
 * uses ir) and {@code cli} (picocli front-ends; may use all of the above). No cycles.
 */
package dev.gradex.kfp;
