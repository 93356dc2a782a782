/** Scheduled upkeep: expiry of forgotten traces, retention, partitions made ahead of time. */
package dev.tracemodule.application.housekeeping;
