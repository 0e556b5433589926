/**
 * The data-quality rules and their evaluation, used by every silver batch, every gold refresh and
 * the whole-table monitor: rules per table as SQL predicates or uniqueness keys, with their
 * dimension and whether they block; a one-pass check giving a pass rate per rule, the overall score
 * and the rows to quarantine; and {@code silver.data_quality}, where each check's pass rates are
 * logged. The expressions are written by this code, never taken from users.
 */
package dev.movielake.stream.silver.quality;
