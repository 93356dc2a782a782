/**
 * The PostgreSQL adapters of the domain's repository ports. JPA entities here are storage
 * shapes only, package-private, mapped to and from the domain with MapStruct; events are written
 * with JDBC batches.
 */
package dev.tracemodule.infrastructure.persistence;
