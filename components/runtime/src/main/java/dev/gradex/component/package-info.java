/**
 * Command-line plumbing shared by the component programs and the {@code gradex} CLI: one error
 * policy (a clear message naming the file, field or value, and a non-zero exit) and progress bars.
 * Depends on gradex-core, picocli and progressbar.
 */
package dev.gradex.component;
