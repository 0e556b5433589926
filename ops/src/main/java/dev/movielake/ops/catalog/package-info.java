/**
 * The configured Iceberg catalog opened to other engines: {@code pipeline catalog serve} serves it
 * over Iceberg's REST catalog protocol with the project's REST catalog server ({@code
 * servers/rest-catalog}, started by {@code infra}), read-only unless asked, behind the API keys.
 */
package dev.movielake.ops.catalog;
