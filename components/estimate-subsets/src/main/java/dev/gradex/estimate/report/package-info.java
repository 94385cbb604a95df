/**
 * Self-contained HTML reports (no network: data, style, helpers and Chart.js inlined), shared by
 * the estimate-subsets report and the run report of {@code gradex run}: one renderer, one style
 * sheet, one script of helpers and the task-score chart with the selection threshold.
 */
package dev.gradex.estimate.report;
