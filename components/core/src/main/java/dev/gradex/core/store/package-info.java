/**
 * The gradient store (the output of stage 2, Li et al., arXiv 2409.19458;
 * docs/architecture.md#gradient-store): memory-mapped float32 projected gradients with offsets
 * b(z), task ids, token counts and example ids for training and target validation examples, a
 * validated manifest, shard writing and merging. The on-disk format is documented on {@link
 * dev.gradex.core.store.GradientStore}. Depends on {@code dev.gradex.core}, {@code projection} and
 * Jackson (manifest JSON) only.
 */
package dev.gradex.core.store;
