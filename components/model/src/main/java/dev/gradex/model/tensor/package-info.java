/**
 * Tensor plumbing with no model knowledge: arithmetic with Java numbers that stays valid under
 * autograd ({@link dev.gradex.model.tensor.Scalars}) and in-place writes of Java values into a
 * tensor's own storage ({@link dev.gradex.model.tensor.ArrayCopy}). A leaf package: depends only on
 * DJL.
 */
package dev.gradex.model.tensor;
