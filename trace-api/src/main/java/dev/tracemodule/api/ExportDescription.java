package dev.tracemodule.api;

/**
 * How an export's file is delivered.
 *
 * @param contentEncoding {@code gzip} when the bytes are gzip-compressed as a whole, else null
 */
public record ExportDescription(String fileName, String contentType, String contentEncoding) {}
