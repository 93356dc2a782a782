package dev.tracemodule.web.rest;

import dev.tracemodule.api.TraceEventRequest;
import dev.tracemodule.api.TraceManagementService;
import dev.tracemodule.web.rest.EventResource.BatchAccepted;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Events of many traces in one request: the bulk path for agents and collectors. */
@Path("/events")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class BatchEventResource {

  @Inject TraceManagementService traces;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Record a JSON array of events, each naming its trace; all or nothing, retries are safe")
  public Response record(List<TraceEventRequest> events) {
    return BatchAccepted.created(traces.recordEvents(events));
  }

  @POST
  @Consumes(NdjsonEvents.MEDIA_TYPE)
  @Operation(summary = "Record newline-delimited JSON events, each naming its trace; all or nothing")
  public Response recordNdjson(InputStream body) throws IOException {
    return record(NdjsonEvents.read(body, TraceEventRequest.class));
  }
}
