/**
 * What the pipeline expects of each of its tables, declared once: every expectation has a name, the
 * quality dimension it measures, what it checks (a {@link dev.movielake.model.expectation.Check}: a
 * condition each row must meet, a key no two rows may share, or a {@link
 * dev.movielake.model.expectation.BatchCheck} of a batch as a whole) and the action a failure takes
 * (see {@link dev.movielake.model.expectation.ExpectationAction}). Silver batches, gold refreshes
 * and the whole-table monitor all read their expectations from {@link
 * dev.movielake.model.expectation.TableExpectations}, the batch expectations' thresholds from
 * {@link dev.movielake.model.expectation.ExpectationSettings}; the conditions and aggregates are
 * Spark SQL text written by this code base, never taken from users.
 */
package dev.movielake.model.expectation;
