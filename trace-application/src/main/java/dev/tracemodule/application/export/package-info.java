/** Exports: streamed straight to the caller, or run as background jobs whose progress is stored. */
package dev.tracemodule.application.export;
