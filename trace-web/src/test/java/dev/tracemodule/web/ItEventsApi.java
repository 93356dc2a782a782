package dev.tracemodule.web;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;

/** The module's own event endpoint, called as another service would, through a MicroProfile REST client. */
@Path("traces")
public interface ItEventsApi {

  @POST
  @Path("{id}/events")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  String record(@PathParam("id") UUID traceId, String json);
}
