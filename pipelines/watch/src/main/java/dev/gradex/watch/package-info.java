/**
 * The reselection watcher ({@code gradex watch}): digests the configured data sources, compares
 * them with the last recorded state (a ConfigMap in-cluster, a file locally) and starts a KFP run
 * of the GradEx pipeline only when they changed and no run is active, passing the digests in as
 * {@code source_digests}; with an {@link dev.gradex.watch.IncrementalPolicy} it also decides
 * whether the run may reuse the last theta* and extract the new sources only. Depends on the KFP
 * REST client ({@code dev.gradex.kfp.rest}), fabric8's client API, the AWS SDK's S3 client and
 * Jackson; nothing else of GradEx.
 */
package dev.gradex.watch;
