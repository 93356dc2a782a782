/**
 * The read side of traces: filters, keyset pages and aggregations, answered by the database
 * behind {@link dev.tracemodule.domain.query.TraceQueries}.
 */
package dev.tracemodule.domain.query;
