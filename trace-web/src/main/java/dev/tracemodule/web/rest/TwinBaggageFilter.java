package dev.tracemodule.web.rest;

import dev.tracemodule.api.twin.TwinAnchor;
import dev.tracemodule.application.twin.TwinContext;
import io.opentelemetry.context.Scope;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;

/**
 * Anchors a request that arrives with an object id in its W3C {@code baggage} header ({@code
 * trace.obj.id}, and {@code trace.obj.type}): the events it records carry the object's id, and
 * the calls it makes carry it on. The anchor ends with the response. Works whether or not
 * MicroProfile Telemetry's SDK is on.
 */
@Provider
@PreMatching
public class TwinBaggageFilter implements ContainerRequestFilter, ContainerResponseFilter {

  private static final String SCOPE = TwinBaggageFilter.class.getName() + ".scope";

  @Override
  public void filter(ContainerRequestContext request) {
    Map<String, String> baggage = W3cBaggage.parse(request.getHeaders().get(W3cBaggage.HEADER));
    String objectId = baggage.get(TwinAnchor.BAGGAGE_KEY);
    if (objectId != null && !objectId.isBlank()) {
      request.setProperty(SCOPE, TwinContext.enterHere(objectId, baggage.get(TwinAnchor.TYPE_BAGGAGE_KEY)));
    }
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (request.getProperty(SCOPE) instanceof Scope scope) {
      request.removeProperty(SCOPE);
      scope.close();
    }
  }
}
