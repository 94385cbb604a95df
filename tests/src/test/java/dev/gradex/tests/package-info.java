/**
 * End-to-end and integration tests across modules: parity with the Python peers of record
 * (scikit-learn, scipy), the command line end to end (determinism, resume, bad input) and the
 * large-store memory check.
 */
package dev.gradex.tests;
