package dev.gradex.model.train;

import java.util.List;

/**
 * The outcome of a {@link Trainer} run.
 *
 * @param steps optimizer steps taken in total (including before a resume)
 * @param finalTrainLoss mean token loss of the last evaluation point's pass
 * @param validationLosses target validation loss at each evaluation point (empty without
 *     validation): the end of every pass over the data and, with a step budget, the last step
 * @param bestEpoch evaluation point (0-based) with the lowest validation loss, -1 without
 *     validation
 * @param bestValidationLoss that loss, NaN without validation
 * @param curves every step's and every epoch's losses (before a resume too)
 * @param throughput examples and tokens per second of this process's steps
 */
public record TrainResult(
    long steps,
    double finalTrainLoss,
    List<Double> validationLosses,
    int bestEpoch,
    double bestValidationLoss,
    TrainingCurves curves,
    Throughput throughput) {}
