/**
 * The command line's framework, apart from its commands: how results print (aligned text tables,
 * byte sizes, the one JSON writer and the {@code --json} option), the shared {@code LAYER TABLE}
 * arguments, and how failures print (one {@code error:} line, the catalog's and the network's
 * failures worded with their fix, secrets masked in everything shown).
 */
package dev.movielake.cli;
