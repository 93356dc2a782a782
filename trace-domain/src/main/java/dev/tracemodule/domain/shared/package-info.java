/**
 * Building blocks shared by every aggregate: tenant ids, time-ordered ids, JSON maps and the
 * domain's exceptions.
 */
package dev.tracemodule.domain.shared;
