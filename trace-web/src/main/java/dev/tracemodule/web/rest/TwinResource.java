package dev.tracemodule.web.rest;

import dev.tracemodule.api.TraceManagementService;
import dev.tracemodule.api.twin.StateChangeRequest;
import dev.tracemodule.api.twin.StateChangeResponse;
import dev.tracemodule.api.twin.TwinDiffResponse;
import dev.tracemodule.api.twin.TwinHistoryResponse;
import dev.tracemodule.api.twin.TwinPageResponse;
import dev.tracemodule.api.twin.TwinStateResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** Objects: their changes, their state now or at any instant, their history, diffs, search. */
@Path("/twins")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TwinResource {

  private static final Set<String> PAGING = Set.of("type", "cursor", "size");

  @Inject TraceManagementService twins;

  @POST
  @Path("/{id}/changes")
  @Operation(summary = "Record a change of an object's state; the first creates the object")
  public Response change(@PathParam("id") String id, StateChangeRequest change) {
    StateChangeResponse recorded = twins.recordChange(id, change);
    return Response.status(recorded.alreadyRecorded() ? Response.Status.OK : Response.Status.CREATED)
        .entity(recorded)
        .build();
  }

  @GET
  @Path("/{id}")
  @Operation(summary = "The object's state now, or at ?at= (ISO-8601)")
  public TwinStateResponse get(@PathParam("id") String id,
      @Parameter(description = "an instant, ISO-8601; the state then") @QueryParam("at") String at) {
    return twins.getTwin(id, Params.instant("at", at));
  }

  @GET
  @Path("/{id}/history")
  @Operation(summary = "The object's changes from ?fromRevision= (1, the first), each with its fields before and after")
  public TwinHistoryResponse history(@PathParam("id") String id, @QueryParam("fromRevision") String fromRevision,
      @Parameter(description = "1 to 1000, default 100") @QueryParam("limit") String limit) {
    return twins.getTwinHistory(id, Params.integer("fromRevision", fromRevision, 1),
        Params.integer("limit", limit, 100));
  }

  @GET
  @Path("/{id}/diff")
  @Operation(summary = "The fields whose values differ between ?from= and ?to=")
  public TwinDiffResponse diff(@PathParam("id") String id, @QueryParam("from") String from,
      @QueryParam("to") String to) {
    return twins.diffTwin(id, Params.instant("from", from), Params.instant("to", to));
  }

  @GET
  @Operation(summary = "Objects of ?type= whose current state has each other parameter's value: ?status=open")
  public TwinPageResponse find(@QueryParam("type") String type, @QueryParam("cursor") String cursor,
      @Parameter(description = "1 to 1000, default 50") @QueryParam("size") String size, @Context UriInfo uri) {
    MultivaluedMap<String, String> parameters = uri.getQueryParameters();
    Map<String, Object> fieldEquals = new LinkedHashMap<>();
    parameters.forEach((name, values) -> {
      if (!PAGING.contains(name)) {
        fieldEquals.put(name, values.get(values.size() - 1));
      }
    });
    return twins.findTwins(type, fieldEquals, cursor, size == null ? null : Params.integer("size", size, 50));
  }
}
