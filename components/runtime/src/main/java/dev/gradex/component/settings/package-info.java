/**
 * The settings catalog: every setting of a GradEx run described once ({@link
 * dev.gradex.component.settings.Setting}: section, name, type, default, help, constraint), from
 * which the front-ends derive their names by one rule (run.yaml {@code section.name}, component
 * flag {@code --kebab-name}, KFP pipeline parameter {@code section_name}) and take their defaults,
 * help and checks. Depends on the JDK only; the picocli adapter is {@code settings.cli}.
 */
package dev.gradex.component.settings;
