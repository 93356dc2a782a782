/** The read side of traces in SQL: filters, keyset pages and aggregations on PostgreSQL. */
package dev.tracemodule.infrastructure.query;
