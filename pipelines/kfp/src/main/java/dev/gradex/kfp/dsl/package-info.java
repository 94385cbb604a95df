/**
 * A small typed Java API for Kubeflow Pipelines v2 pipelines: container components with typed
 * parameters and artifacts, tasks, importers, ParallelFor groups, retry, caching, resources and
 * Kubernetes platform settings. Immutable values built by builders ({@code set...} required, {@code
 * opt...} optional). Depends on the JDK only; {@code dev.gradex.kfp.ir} compiles it.
 */
package dev.gradex.kfp.dsl;
