/**
 * Review sentiment for silver reviews: a VADER-style scorer over a bundled graded lexicon
 * (negation, intensifiers, "but" clauses, exclamation marks, capitals) giving a score in [-1, 1], a
 * label, a confidence and surface features, and its Spark columns. Deterministic and plain Java,
 * with no model to load; serializable, so Spark ships one scorer to the executors inside a UDF.
 */
package dev.movielake.stream.silver.sentiment;
