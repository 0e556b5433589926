/**
 * What the pipeline expects of each of its tables, declared once: every expectation has a name, the
 * quality dimension it measures, what it checks (a condition each row must meet, or a key no two
 * rows may share) and the action a failure takes (see {@link
 * dev.movielake.model.expectation.ExpectationAction}). Silver batches, gold refreshes and the
 * whole-table monitor all read their expectations from {@link
 * dev.movielake.model.expectation.TableExpectations}; the conditions are Spark SQL text written by
 * this code base, never taken from users.
 */
package dev.movielake.model.expectation;
