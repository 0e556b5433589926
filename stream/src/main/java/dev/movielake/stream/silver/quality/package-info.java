/**
 * The evaluation of the contract's expectations ({@link
 * dev.movielake.model.expectation.TableExpectations}), used by every silver batch, every gold
 * refresh and the whole-table monitor: a check giving a pass rate per expectation, the overall
 * score, the rows to quarantine and the failures that hold a batch, in one aggregate pass (and a
 * second, joined with the parent tables, for a batch's references); what a batch is judged against
 * beyond its rows ({@code BatchContext}: the parent tables, the table's recent batches, the time);
 * and {@code silver.data_quality}, where each check's pass rates are logged and a table's recent
 * batch sizes read back.
 */
package dev.movielake.stream.silver.quality;
