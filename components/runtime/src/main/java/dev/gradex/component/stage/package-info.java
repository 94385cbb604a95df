/**
 * The one stage contract (docs/architecture.md#the-stage-contract): a {@link
 * dev.gradex.component.stage.Stage} is a typed settings record and a typed {@link
 * dev.gradex.component.stage.StageResult}; its output directory carries a typed, versioned {@link
 * dev.gradex.component.stage.StageManifest}; and {@link dev.gradex.component.stage.StageRunner} is
 * the one place that reuses a complete output, runs, records, tracks, publishes to Kubeflow and
 * reports, for the component programs and the local runner alike. Depends on gradex-core, the
 * tracking library and {@code dev.gradex.component}; never on the model library or DJL.
 */
package dev.gradex.component.stage;
