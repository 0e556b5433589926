package dev.movielake.ingest.run;

/** One Kafka record to send: which record type (and so topic), its key and its JSON value. */
public record Message(String recordType, String key, String value) {}
