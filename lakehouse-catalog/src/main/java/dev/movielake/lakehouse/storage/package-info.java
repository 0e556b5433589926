/**
 * The check of an S3 warehouse before any job touches it: the endpoint answers, the keys are
 * accepted, the bucket exists (created when missing). It uses the AWS SDK, not Spark, so a wrong
 * endpoint or key fails within seconds with the variable to fix instead of a Spark task failing
 * minutes later under retries.
 */
package dev.movielake.lakehouse.storage;
