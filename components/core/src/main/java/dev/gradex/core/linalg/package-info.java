/**
 * Dense linear algebra shared by the estimators and the scoring: {@link
 * dev.gradex.core.linalg.Cholesky} (packed and dense layouts) and {@link
 * dev.gradex.core.linalg.Vectors}. Rule (checked by the ArchUnit test in tests/): depends on the
 * JDK only, no other dev.gradex package.
 */
package dev.gradex.core.linalg;
