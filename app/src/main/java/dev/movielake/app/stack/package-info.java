/**
 * {@code pipeline stack up|down|status|env}: starts, prints and stops the local production-like
 * stack. The supervisor process, the services and the state files are in {@code
 * dev.movielake.ops.stack}; this package only parses the options and prints.
 */
package dev.movielake.app.stack;
