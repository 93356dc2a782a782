package dev.tracemodule.api;

import java.nio.file.Path;

/** A finished export's file, ready to be sent. */
public record ExportFile(String fileName, String contentType, String contentEncoding, long size, Path path) {}
