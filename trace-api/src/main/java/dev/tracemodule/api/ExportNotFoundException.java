package dev.tracemodule.api;

import java.util.UUID;

/** No export job with that id exists for the caller's tenant, or its file has expired. */
public class ExportNotFoundException extends TraceModuleException {

  public ExportNotFoundException(UUID id) {
    super("export " + id + " does not exist", null);
  }
}
