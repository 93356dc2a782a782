package dev.tracemodule.web.rest;

import dev.tracemodule.api.twin.TwinAnchor;
import dev.tracemodule.application.twin.TwinContext;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Carries the anchored object of the calling thread to the service called, in the W3C {@code
 * baggage} header, next to whatever baggage the request has already. Registered on every
 * MicroProfile REST client by {@link TwinRestClientListener}; register it on a plain JAX-RS
 * client yourself.
 */
public class TwinBaggageClientFilter implements ClientRequestFilter {

  @Override
  public void filter(ClientRequestContext request) {
    String objectId = TwinContext.currentObjectId();
    if (objectId == null) {
      return;
    }
    Map<String, String> members = new LinkedHashMap<>();
    members.put(TwinAnchor.BAGGAGE_KEY, objectId);
    String type = TwinContext.currentType();
    if (type != null) {
      members.put(TwinAnchor.TYPE_BAGGAGE_KEY, type);
    }
    String existing = request.getHeaderString(W3cBaggage.HEADER);
    request.getHeaders().putSingle(W3cBaggage.HEADER, W3cBaggage.with(existing, members));
  }
}
