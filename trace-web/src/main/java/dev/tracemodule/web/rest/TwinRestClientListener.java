package dev.tracemodule.web.rest;

import org.eclipse.microprofile.rest.client.RestClientBuilder;
import org.eclipse.microprofile.rest.client.spi.RestClientListener;

/** Puts {@link TwinBaggageClientFilter} on every MicroProfile REST client the application builds. */
public class TwinRestClientListener implements RestClientListener {

  @Override
  public void onNewClient(Class<?> serviceInterface, RestClientBuilder builder) {
    builder.register(TwinBaggageClientFilter.class);
  }
}
