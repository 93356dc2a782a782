/** Exports of traces and events to files: what to export, and export jobs with their progress. */
package dev.tracemodule.domain.export;
