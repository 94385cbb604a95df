/**
 * picocli front-ends: {@code compile-pipeline}, {@code submit}, {@code schedule} and {@code runs}.
 * The lead registers them in the {@code gradex} root command. Only this package prints. May use
 * every other package of the module.
 */
package dev.gradex.kfp.cli;
