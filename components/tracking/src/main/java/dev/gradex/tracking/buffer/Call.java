package dev.gradex.tracking.buffer;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One tracking call, as queued and as spilled (one JSONL line).
 *
 * @param seq position in the order calls were made, from 1
 * @param kind what to do
 * @param run the local reference of the run it targets (or creates)
 * @param body the call's data; MLflow's JSON shape where there is one, without ids
 */
public record Call(long seq, Kind kind, String run, ObjectNode body) {

  /** The calls the trackers make. */
  public enum Kind {
    /**
     * {@code experiment_id} or {@code experiment_name}, {@code run_name}, {@code start_time},
     * {@code tags} (object), optional {@code parent} (a local run reference).
     */
    CREATE_RUN,
    /** MLflow's {@code runs/log-batch} body without {@code run_id}. */
    LOG_BATCH,
    /** MLflow's {@code runs/log-inputs} body without {@code run_id}. */
    LOG_INPUTS,
    /** {@code file} (local path) and {@code path} (artifact path of the file). */
    UPLOAD,
    /** {@code status} and {@code end_time}. */
    END_RUN,
    /**
     * {@code model}, {@code artifact_path}, {@code metric}, {@code loss} (a string), {@code
     * registration_id}.
     */
    REGISTER
  }
}
