/**
 * The similarity baselines GradEx is compared with (issue 19, Table 3 of the paper): a seeded
 * random draw, LESS-style gradient similarity, representation similarity and DSIR-style hashed
 * n-gram importance, each ranking a finished run's sources and selecting the top ones into a {@code
 * selection.json} the fine-tune stage reads. Depends on {@code dev.gradex.core} (the gradient
 * store, files), {@code dev.gradex.model.data} (the run's task files, read as the stages read them)
 * and {@code dev.gradex.baselines.representation}; only that subpackage uses DJL.
 */
package dev.gradex.baselines;
