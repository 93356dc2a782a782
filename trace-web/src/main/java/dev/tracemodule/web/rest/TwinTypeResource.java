package dev.tracemodule.web.rest;

import dev.tracemodule.api.TraceManagementService;
import dev.tracemodule.api.twin.TwinRegistryDocument;
import dev.tracemodule.api.twin.TwinTypeDefinition;
import dev.tracemodule.api.twin.TwinTypeResponse;
import dev.tracemodule.api.twin.TypeRegistrationResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The registry of twin types: register, read, and the whole registry as one document. */
@Path("/twin-types")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TwinTypeResource {

  @Inject TraceManagementService twins;

  @POST
  @Operation(summary = "Register a type: a new one, an unchanged one, an extension of the latest version, or a new"
      + " version")
  public Response register(TwinTypeDefinition definition, @Context UriInfo uri) {
    TypeRegistrationResponse registered = twins.registerType(definition);
    boolean created = registered.outcome() == TypeRegistrationResponse.Outcome.CREATED
        || registered.outcome() == TypeRegistrationResponse.Outcome.NEW_VERSION;
    return (created
            ? Response.created(uri.getAbsolutePathBuilder().path(registered.type().name())
                .queryParam("version", registered.type().version()).build())
            : Response.ok())
        .entity(registered)
        .build();
  }

  @GET
  @Operation(summary = "The latest version of every type")
  public List<TwinTypeResponse> list() {
    return twins.getTwinTypes();
  }

  @GET
  @Path("/registry")
  @Operation(summary = "The whole registry, every version of every type, as one document")
  public TwinRegistryDocument export() {
    return twins.exportRegistry();
  }

  @PUT
  @Path("/registry")
  @Operation(summary = "Import a registry document, keeping its version numbers; all or nothing")
  public List<TypeRegistrationResponse> importRegistry(TwinRegistryDocument document) {
    return twins.importRegistry(document);
  }

  @GET
  @Path("/{name}")
  @Operation(summary = "A type in its latest version, or in ?version=")
  public TwinTypeResponse get(@PathParam("name") String name, @QueryParam("version") String version) {
    return twins.getTwinType(name, version == null ? null : Params.integer("version", version, 1));
  }
}
