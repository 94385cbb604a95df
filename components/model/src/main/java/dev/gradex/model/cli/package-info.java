/**
 * The {@code gradex model} command line: {@code info} and {@code forward} subcommands, registered
 * by the {@code ./gradex} front-end. The only package here that prints.
 */
package dev.gradex.model.cli;
