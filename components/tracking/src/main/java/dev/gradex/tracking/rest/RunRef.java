package dev.gradex.tracking.rest;

/** A run's id and the URI its artifacts go to. */
public record RunRef(String runId, String artifactUri) {}
