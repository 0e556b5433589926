/**
 * {@code pipeline demo}: the whole pipeline end to end on the configured systems (embedded by
 * default, the local stack with {@code --stack}): TMDB or its simulator into Kafka, Kafka into
 * bronze, silver and gold, the quality monitor, publishing to MongoDB, a schema change, a second
 * run after TMDB changed movies (shown with time travel) and plan-driven maintenance, then the API
 * and dashboard. It runs the modules' own jobs, not copies of them, and shares checkpoints with
 * {@code pipeline stream}, so a second demo continues where the first stopped, as an hourly run
 * would.
 */
package dev.movielake.app.demo;
