package dev.tracemodule.web.rest;

import dev.tracemodule.application.trace.CallerTrace;
import io.opentelemetry.context.Scope;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps the caller's W3C {@code traceparent} ({@code 00-<trace id>-<span id>-<flags>}) for the
 * request, so that a trace it creates belongs to the caller's OpenTelemetry trace, whether or not
 * MicroProfile Telemetry's SDK is on. A malformed header is ignored, as the W3C spec asks.
 */
@Provider
@PreMatching
public class TraceparentFilter implements ContainerRequestFilter, ContainerResponseFilter {

  private static final Pattern TRACEPARENT =
      Pattern.compile("([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?");
  private static final String SCOPE = TraceparentFilter.class.getName() + ".scope";

  @Override
  public void filter(ContainerRequestContext request) {
    String header = request.getHeaderString("traceparent");
    if (header == null) {
      return;
    }
    Matcher parts = TRACEPARENT.matcher(header.strip().toLowerCase(Locale.ROOT));
    if (!parts.matches() || parts.group(1).equals("ff") || (parts.group(1).equals("00") && parts.group(5) != null)
        || parts.group(2).equals("0".repeat(32)) || parts.group(3).equals("0".repeat(16))) {
      return;
    }
    request.setProperty(SCOPE, CallerTrace.enter(parts.group(2), parts.group(3)));
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (request.getProperty(SCOPE) instanceof Scope scope) {
      request.removeProperty(SCOPE);
      scope.close();
    }
  }
}
