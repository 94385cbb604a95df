/**
 * The local, embedded way to run GradEx: all four stages in one process on CPU, and the built-in
 * demo problem with known ground truth. Depends on the component libraries; prints nothing itself
 * (the CLI does).
 */
package dev.gradex.local;
