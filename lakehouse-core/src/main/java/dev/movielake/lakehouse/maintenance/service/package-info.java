/**
 * The maintenance service: tables kept healthy by their own commits. It reads each table's metadata
 * after its commits ({@code TableCondition}), decides from the layer's triggers what the table
 * needs now ({@code TriggerPolicy}: small files per partition, delete files and their share of
 * rows, commits and time since the last compaction, expirable snapshots, manifests), runs one
 * action per table at a time within a rate limit ({@code MaintenanceService}), compacting cold
 * partitions first and taking the table's turn so a stream in the same process never has a commit
 * refused, and logs each action with its trigger, the benefit predicted and the effect realised
 * ({@code MaintenanceLog}). It runs inside the streaming process and as {@code pipeline maintain
 * auto}.
 */
package dev.movielake.lakehouse.maintenance.service;
