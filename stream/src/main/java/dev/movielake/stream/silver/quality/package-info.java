/**
 * The evaluation of the contract's expectations ({@link
 * dev.movielake.model.expectation.TableExpectations}), used by every silver batch, every gold
 * refresh and the whole-table monitor: a one-pass check giving a pass rate per expectation, the
 * overall score, the rows to quarantine and the failures that hold a batch; and {@code
 * silver.data_quality}, where each check's pass rates are logged.
 */
package dev.movielake.stream.silver.quality;
