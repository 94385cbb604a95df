/**
 * Tensor plumbing with no model knowledge: arithmetic with Java numbers that stays valid under
 * autograd ({@link dev.gradex.model.tensor.Scalars}). A leaf package: depends only on DJL.
 */
package dev.gradex.model.tensor;
