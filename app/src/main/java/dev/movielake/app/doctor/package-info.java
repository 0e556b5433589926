/**
 * {@code pipeline doctor}: prints the findings of the read-only checks in {@code
 * dev.movielake.ops.doctor}, each with its fix, and turns them into the exit code. No check is made
 * here.
 */
package dev.movielake.app.doctor;
