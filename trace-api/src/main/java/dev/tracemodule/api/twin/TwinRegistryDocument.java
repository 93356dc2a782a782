package dev.tracemodule.api.twin;

import java.util.List;

/**
 * The whole registry as one document: every version of every type, by name and version. Importing
 * it into an empty registry gives the same registry back.
 *
 * @param format the document's format, 1
 */
public record TwinRegistryDocument(int format, List<TwinTypeResponse> types) {

  public static final int FORMAT = 1;
}
