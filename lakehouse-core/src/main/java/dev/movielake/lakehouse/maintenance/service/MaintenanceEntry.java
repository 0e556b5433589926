package dev.movielake.lakehouse.maintenance.service;

import dev.movielake.lakehouse.maintenance.MaintenancePlan.Action;
import dev.movielake.model.Layer;
import java.time.Duration;
import java.time.Instant;

/**
 * One action of the maintenance service, as its log keeps it: what triggered it and why, the shape
 * predicted from metadata, and the shape realised (files, delete files, snapshots, manifests and
 * bytes before and after).
 *
 * @param table {@code database.table}, as the other reports name tables
 * @param detail what went wrong, or a note (cold partitions compacted first, expiry held back by a
 *     reader)
 */
public record MaintenanceEntry(
    Instant startedAt,
    Duration duration,
    Layer layer,
    String table,
    Action action,
    Trigger trigger,
    String reason,
    Outcome outcome,
    MaintenanceDecision.Shape predicted,
    MaintenanceDecision.Shape before,
    MaintenanceDecision.Shape after,
    long bytesBefore,
    long bytesAfter,
    String detail) {}
