/**
 * Random subsets of auxiliary tasks for the GradEx random ensemble (ALGORITHM.md stage 4): seeded,
 * JDK-independent sampling and the persisted subset list. Depends only on the root package.
 */
package dev.gradex.core.subsets;
