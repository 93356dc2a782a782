package dev.tracemodule.web.rest;

import dev.tracemodule.api.ExportDescription;
import dev.tracemodule.api.ExportFile;
import dev.tracemodule.api.ExportJobResponse;
import dev.tracemodule.api.ExportRequest;
import dev.tracemodule.api.InvalidInputException;
import dev.tracemodule.api.TraceManagementService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * Exports: streamed straight back ({@code ?mode=stream}), or run as jobs whose progress any
 * instance can report and whose file any instance can serve.
 */
@Path("/exports")
@ApplicationScoped
public class ExportResource {

  @Inject TraceManagementService traces;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
  @Operation(summary = "Export traces: the file at once with mode=stream, otherwise a job (202 and its Location)")
  public Response export(
      @Parameter(description = "stream: answer with the file; job (default): run in the background") @QueryParam("mode") String mode,
      ExportRequest request,
      @Context UriInfo uri) {
    if ("stream".equals(mode)) {
      // Checked before the first byte: once streaming has begun, an error can only cut it short.
      ExportDescription file = traces.describeExport(request);
      StreamingOutput body = out -> traces.exportTraces(request, out);
      Response.ResponseBuilder answer = Response.ok(body, file.contentType())
          .header("Content-Disposition", attachment(file.fileName()));
      if (file.contentEncoding() != null) {
        answer.header("Content-Encoding", file.contentEncoding());
      }
      return answer.build();
    }
    if (mode != null && !"job".equals(mode)) {
      throw new InvalidInputException("mode", "must be stream or job");
    }
    ExportJobResponse job = traces.exportTraces(request);
    return Response.accepted(job)
        .type(MediaType.APPLICATION_JSON)
        .location(uri.getAbsolutePathBuilder().replaceQuery(null).path(job.id().toString()).build())
        .build();
  }

  @GET
  @Path("/{id}")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "An export job's status and progress")
  public ExportJobResponse get(@PathParam("id") String id) {
    return traces.getExport(Params.uuid("id", id));
  }

  @GET
  @Path("/{id}/file")
  @Produces(MediaType.WILDCARD)
  @Operation(summary = "The file of a done export")
  public Response file(@PathParam("id") String id) {
    ExportFile file = traces.exportFile(Params.uuid("id", id));
    Response.ResponseBuilder answer = Response.ok(file.path().toFile(), file.contentType())
        .header("Content-Disposition", attachment(file.fileName()))
        .header("Content-Length", file.size());
    if (file.contentEncoding() != null) {
      answer.header("Content-Encoding", file.contentEncoding());
    }
    return answer.build();
  }

  @DELETE
  @Path("/{id}")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Cancel a queued or running export (200, the job), or delete a finished one and its file (204)")
  public Response cancel(@PathParam("id") String id) {
    return traces.cancelExport(Params.uuid("id", id))
        .map(job -> Response.ok(job).build())
        .orElseGet(() -> Response.noContent().build());
  }

  private static String attachment(String fileName) {
    return "attachment; filename=\"" + fileName + "\"";
  }
}
