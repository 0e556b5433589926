/**
 * Write-audit-publish for silver and gold: each batch is committed to a branch of its table, the
 * table's expectations decide, and a passing batch is fast-forwarded to {@code main} while a
 * failing one stays on its branch, held for an operator to release or discard ({@code ./pipeline
 * audits}). Readers of {@code main} (gold, publishing, the API) never see an unaudited row.
 */
package dev.movielake.stream.audit;
