/**
 * Code in JVMs of their own: a main class started with this JVM's class path and Spark's {@code
 * --add-opens} flags, so it can be killed like a crashed process; and the class path of a {@code
 * servers/} module, read from the jar list it writes at build time, for servers whose libraries
 * clash with Spark's.
 */
package dev.movielake.infra.process;
