/**
 * Deployment tests (issue 8): the Helm chart with the real helm, the kustomize manifests, both
 * parsed with fabric8's Kubernetes model and applied to its mock API server, the watcher's RBAC
 * against the requests it sends, and the Jib-built estimate-subsets image run by podman.
 */
package dev.gradex.tests.deploy;
