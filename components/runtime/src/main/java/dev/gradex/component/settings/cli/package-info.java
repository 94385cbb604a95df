/**
 * The picocli adapter of the settings catalog: a command's catalog options take their default and
 * help from {@link dev.gradex.component.settings.Settings}. The only package of the catalog that
 * knows picocli.
 */
package dev.gradex.component.settings.cli;
