/**
 * Tensor plumbing with no model knowledge: tensors built from Java values that own their memory
 * ({@link dev.gradex.model.tensor.OwnedArrays}). A leaf package: depends only on DJL.
 */
package dev.gradex.model.tensor;
