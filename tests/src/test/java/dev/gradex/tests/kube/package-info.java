/**
 * Kubernetes for real (issue 20): a JUnit extension that runs etcd and a kube-apiserver built from
 * Kubernetes' own sources on loopback ports, and the tests that apply the manifests and the chart
 * to it with strict server-side validation, evaluate the watcher's RBAC with the real authoriser,
 * admit pods at the {@code restricted} Pod Security level, install KFP's Pipeline CRDs, and race
 * two watchers on one ConfigMap.
 */
package dev.gradex.tests.kube;
