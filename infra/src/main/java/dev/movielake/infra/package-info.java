/**
 * What the servers of this module share: a free port on 127.0.0.1, taken below the kernel's
 * ephemeral range and never handed out twice by one JVM. The servers are in the sub-packages, one
 * per system, each on 127.0.0.1 only. Only ops, bench and tests start them; ingestion, publishing
 * and the API receive an address or a client and never import this module.
 */
package dev.movielake.infra;
