/**
 * A real S3 API server (s3proxy, in MinIO's place) launched in a JVM of its own on 127.0.0.1: a
 * bucket is a folder, requests must be signed with the given keys, and it can be stopped and
 * restarted on the same port with the same data, as a storage outage would.
 */
package dev.movielake.infra.s3;
