/** Bringing the database up to date at start, and telling whether it is reachable. */
package dev.tracemodule.infrastructure.setup;
