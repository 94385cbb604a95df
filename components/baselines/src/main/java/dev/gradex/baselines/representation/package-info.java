/**
 * The representation-similarity baseline's model side: mean-pooled last hidden states of the base
 * pretrained model through DJL, in native memory that {@link
 * dev.gradex.baselines.representation.HiddenStates} frees on close. Depends on {@code
 * dev.gradex.core} and the model library; knows nothing of runs or rankings.
 */
package dev.gradex.baselines.representation;
