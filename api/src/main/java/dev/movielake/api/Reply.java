package dev.movielake.api;

/**
 * Enveloped data with a status other than 200, e.g. the health report of a server whose MongoDB is
 * down.
 */
public record Reply(int status, boolean success, Object data, String message) {}
