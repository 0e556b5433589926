package dev.movielake.config;

import java.util.Optional;

/**
 * The Spark engine. Without a master the session runs on {@code local[*]}, unless {@code
 * spark-submit} already chose one (its {@code spark.master} is then left untouched).
 */
public record SparkConfig(Optional<String> master, int shufflePartitions, String appName) {}
