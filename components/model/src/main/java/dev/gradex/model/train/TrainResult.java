package dev.gradex.model.train;

import java.util.List;

/**
 * The outcome of a {@link Trainer} run.
 *
 * @param steps optimizer steps taken in total (including before a resume)
 * @param finalTrainLoss mean token loss of the last epoch
 * @param validationLosses target validation loss after each epoch (empty without validation)
 * @param bestEpoch epoch (0-based) with the lowest validation loss, -1 without validation
 * @param bestValidationLoss that loss, NaN without validation
 * @param curves every step's and every epoch's losses (before a resume too)
 */
public record TrainResult(
    long steps,
    double finalTrainLoss,
    List<Double> validationLosses,
    int bestEpoch,
    double bestValidationLoss,
    TrainingCurves curves) {}
