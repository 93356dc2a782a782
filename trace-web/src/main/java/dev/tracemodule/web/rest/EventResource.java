package dev.tracemodule.web.rest;

import dev.tracemodule.api.EventNodeResponse;
import dev.tracemodule.api.EventResponse;
import dev.tracemodule.api.RecordEventRequest;
import dev.tracemodule.api.RecordedEvents;
import dev.tracemodule.api.TraceManagementService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The events of a trace. */
@Path("/traces/{traceId}/events")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class EventResource {

  @Inject TraceManagementService traces;

  @POST
  @Operation(summary = "Record one event in an active trace; a retry with the same id is harmless")
  public Response record(@PathParam("traceId") String traceId, RecordEventRequest request) {
    EventResponse recorded = traces.recordEvent(Params.uuid("traceId", traceId), request);
    return Response.status(Response.Status.CREATED).entity(recorded).build();
  }

  @POST
  @Path("/batch")
  @Operation(summary = "Record a JSON array of events in a trace, all or nothing; retries are safe")
  public Response recordBatch(@PathParam("traceId") String traceId, List<RecordEventRequest> events) {
    return BatchAccepted.created(traces.recordEvents(Params.uuid("traceId", traceId), events));
  }

  @POST
  @Path("/batch")
  @Consumes(NdjsonEvents.MEDIA_TYPE)
  @Operation(summary = "Record newline-delimited JSON events (one object per line), all or nothing")
  public Response recordNdjsonBatch(@PathParam("traceId") String traceId, InputStream body)
      throws IOException {
    return recordBatch(traceId, NdjsonEvents.read(body, RecordEventRequest.class));
  }

  @GET
  @Path("/tree")
  @Operation(summary = "The events as a forest: roots first, each with its children in time order")
  public List<EventNodeResponse> tree(@PathParam("traceId") String traceId) {
    return traces.getEventTree(Params.uuid("traceId", traceId));
  }

  /**
   * What a batch stored (ids in the order sent), and which of its events an earlier attempt had
   * stored already.
   */
  public record BatchAccepted(
      int accepted, int alreadyRecorded, List<UUID> eventIds, List<UUID> alreadyRecordedIds) {

    static Response created(RecordedEvents outcome) {
      List<UUID> ids = outcome.recorded().stream().map(EventResponse::id).toList();
      var accepted =
          new BatchAccepted(outcome.accepted(), outcome.alreadyRecorded().size(), ids, outcome.alreadyRecorded());
      return Response.status(Response.Status.CREATED).entity(accepted).build();
    }
  }
}
