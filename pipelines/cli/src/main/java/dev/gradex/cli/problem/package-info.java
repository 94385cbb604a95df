/** {@code gradex problem}: builds selection problems with planted roles for {@code gradex run}. */
package dev.gradex.cli.problem;
