package dev.tracemodule.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.tracemodule.api.CreateTraceRequest;
import dev.tracemodule.api.EventLevel;
import dev.tracemodule.api.EventNodeResponse;
import dev.tracemodule.api.EventResponse;
import dev.tracemodule.api.FailTraceRequest;
import dev.tracemodule.api.InvalidInputException;
import dev.tracemodule.api.RecordEventRequest;
import dev.tracemodule.api.TraceDetailsResponse;
import dev.tracemodule.api.TraceManagementService;
import dev.tracemodule.api.TraceNotFoundException;
import dev.tracemodule.api.TraceQuery;
import dev.tracemodule.api.TraceRecorder;
import dev.tracemodule.api.TraceResponse;
import dev.tracemodule.api.TraceStateException;
import dev.tracemodule.api.TraceStatus;
import dev.tracemodule.api.TraceType;
import dev.tracemodule.api.twin.StateChangeResponse;
import dev.tracemodule.api.twin.TwinAnchor;
import dev.tracemodule.api.twin.TwinFieldDefinition;
import dev.tracemodule.api.twin.TwinTypeResponse;
import dev.tracemodule.api.twin.TypeRegistrationResponse;
import org.eclipse.microprofile.rest.client.RestClientBuilder;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link TraceManagementService} injected with CDI inside Payara, as another Jakarta EE
 * application uses it.
 */
@ExtendWith(ArquillianExtension.class)
class TraceServiceIT {

  @Inject TraceManagementService traces;
  @Inject UserTransaction transaction;
  @Inject TraceRecorder recorder;
  @ArquillianResource URL base;

  @Deployment
  static WebArchive deployment() {
    // An application's twin types in a jar of its own, scanned whole by CDI.
    JavaArchive types = ShrinkWrap.create(JavaArchive.class, "trace-it-types.jar")
        .addClass(ItShoppingCart.class)
        .addAsManifestResource(new StringAsset("<beans xmlns=\"https://jakarta.ee/xml/ns/jakartaee\""
            + " version=\"4.0\" bean-discovery-mode=\"all\"/>"), "beans.xml");
    return ItDeployment.builtWar().addAsLibrary(types).addClass(ItEventsApi.class);
  }

  @Test
  void annotatedTypesOfTheApplicationAreRegisteredAtStart() {
    TwinTypeResponse cart = traces.getTwinType("ItShoppingCart", null);
    assertThat(cart.description()).isEqualTo("A user's shopping cart");
    assertThat(cart.fields()).extracting(TwinFieldDefinition::name, TwinFieldDefinition::type)
        .containsExactly(tuple("itemCount", "integer"), tuple("totalValue", "decimal"), tuple("items", "list<string>"),
            tuple("status", "string"), tuple("checkedOutAt", "timestamp"));
    assertThat(cart.fields().get(3).defaultValue()).isEqualTo("active");
    assertThat(traces.registerType(ItShoppingCart.class).outcome())
        .isEqualTo(TypeRegistrationResponse.Outcome.UNCHANGED);
  }

  @Test
  void anchorsNestAndTheObjectTravelsInBaggageAcrossAnHttpCall() throws Exception {
    TraceResponse trace = traces.createTrace(request("anchors"));
    ItEventsApi remote = RestClientBuilder.newBuilder().baseUrl(new URL(base, "api/v1/")).build(ItEventsApi.class);
    String cart = "cart-" + UUID.randomUUID();
    assertThat(traces.currentObjectId()).isNull();
    try (TwinAnchor outer = traces.anchor(cart, ItShoppingCart.class)) {
      EventResponse inOuter = traces.recordEvent(trace.id(), event(null, "outer", EventLevel.INFO, null));
      assertThat(inOuter.objectId()).isEqualTo(cart);
      StateChangeResponse changed = outer.recordChange(Map.of("itemCount", 2, "items", List.of("sku-1")));
      assertThat(changed.twin().state()).containsEntry("itemCount", 2L).containsEntry("status", "active");
      try (TwinAnchor inner = traces.anchor("device-7", (String) null)) {
        assertThat(traces.recordEvent(trace.id(), event(null, "inner", EventLevel.INFO, null)).objectId())
            .isEqualTo("device-7");
        String answered = remote.record(trace.id(), "{\"type\":\"remote\"}");
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(answered).get("objectId").asText())
            .as("the called endpoint was anchored by the baggage the client sent").isEqualTo("device-7");
      }
      assertThat(traces.currentObjectId()).as("the outer anchor is back").isEqualTo(cart);
      String answered = remote.record(trace.id(), "{\"type\":\"remote-outer\"}");
      assertThat(answered).contains("\"objectId\":\"" + cart + "\"");
    }
    assertThat(traces.currentObjectId()).isNull();
    assertThat(traces.recordEvent(trace.id(), event(null, "after", EventLevel.INFO, null)).objectId()).isNull();
    assertThat(traces.getTwin(cart, null).revision()).isEqualTo(1);
  }

  @Test
  void recordsAndReadsATraceThroughCdi() {
    TraceResponse created = traces.createTrace(request("order-42"));
    UUID root = UUID.randomUUID();
    List<EventResponse> batch =
        traces.recordEvents(
            created.id(),
            List.of(
                event(root, "reserve", EventLevel.INFO, null),
                event(null, "charge", EventLevel.ERROR, root),
                event(null, "retry", EventLevel.WARN, root)))
            .recorded();
    TraceResponse failed = traces.failTrace(created.id(), new FailTraceRequest("card declined"));

    assertThat(batch).extracting(EventResponse::parentEventId).containsExactly(null, root, root);
    assertThat(failed.status()).isEqualTo(TraceStatus.FAILED);
    TraceDetailsResponse details = traces.getTrace(created.id());
    assertThat(details.trace().failureReason()).isEqualTo("card declined");
    assertThat(details.trace().metadata()).isEqualTo(Map.of("customer", "c-7", "items", 2));
    assertThat(details.summary().errorCount()).isEqualTo(1);
    assertThat(details.summary().warningCount()).isEqualTo(1);
    assertThat(traces.getEventTree(created.id())).singleElement()
        .satisfies(node -> assertThat(node.children()).hasSize(2));
    assertThat(traces.queryTraces(query("order-42")).items()).extracting(TraceResponse::id)
        .containsExactly(created.id());
  }

  @Test
  void failuresArriveAsTheApisExceptions() {
    TraceResponse created = traces.createTrace(request("order-43"));
    traces.cancelTrace(created.id());

    assertThatThrownBy(() -> traces.completeTrace(created.id())).isInstanceOf(TraceStateException.class);
    assertThatThrownBy(() -> traces.getTrace(UUID.randomUUID())).isInstanceOf(TraceNotFoundException.class);
    assertThatThrownBy(() -> traces.createTrace(new CreateTraceRequest(" ", null, null, "n", null, null, null)))
        .isInstanceOfSatisfying(InvalidInputException.class, e ->
            assertThat(e.violations()).extracting(InvalidInputException.FieldViolation::field)
                .containsExactly("contextId", "type"));
  }

  @Test
  void joinsTheCallersTransaction() throws Exception {
    transaction.begin();
    TraceResponse created = traces.createTrace(request("order-44"));
    transaction.rollback();

    assertThatThrownBy(() -> traces.getTrace(created.id())).isInstanceOf(TraceNotFoundException.class);
  }

  @Test
  void theRecorderWritesEventsFromManyThreadsOnceWithTheirParents() throws Exception {
    List<UUID> traceIds = List.of(traces.createTrace(request("rec-1")).id(), traces.createTrace(request("rec-2")).id());
    int perThread = 10_000;
    ExecutorService threads = Executors.newFixedThreadPool(2);
    List<Future<?>> producers = new ArrayList<>();
    for (UUID traceId : traceIds) {
      producers.add(threads.submit(() -> {
        UUID parent = recorder.record(traceId, "request", EventLevel.INFO, "root");
        for (int i = 1; i < perThread; i++) {
          recorder.record(traceId, new RecordEventRequest(null, "step", EventLevel.DEBUG, "step " + i,
              Map.of("i", i), null, 0.5, parent));
        }
      }));
    }
    for (Future<?> producer : producers) {
      producer.get(60, TimeUnit.SECONDS);
    }
    threads.shutdown();

    assertThat(recorder.flush(Duration.ofSeconds(60))).isTrue();

    for (UUID traceId : traceIds) {
      List<EventNodeResponse> tree = traces.getEventTree(traceId);
      assertThat(tree).singleElement().satisfies(root -> assertThat(root.children()).hasSize(perThread - 1));
    }
    String metrics = http("metrics?scope=application");
    assertThat(metricValue(metrics, "trace_recorder_events_written_total")).isGreaterThanOrEqualTo(2.0 * perThread);
    assertThat(metrics).contains("trace_recorder_queue_depth", "trace_recorder_events_accepted_total",
        "trace_recorder_events_dropped_total", "trace_recorder_batch_size", "trace_recorder_write_duration");
  }

  @Test
  void stoppingTheRecorderWritesWhatIsStillQueued() {
    UUID traceId = traces.createTrace(request("rec-stop")).id();
    Instance<TraceRecorder> instance = CDI.current().select(TraceRecorder.class);
    TraceRecorder stopping = instance.get();
    for (int i = 0; i < 5_000; i++) {
      stopping.record(traceId, "late", EventLevel.INFO, null);
    }

    // What the container does when the application stops.
    instance.destroy(stopping);

    assertThat(traces.getTrace(traceId).summary().totalEvents()).isEqualTo(5_000);
  }

  private String http(String path) throws Exception {
    HttpResponse<String> reply = HttpClient.newHttpClient()
        .send(HttpRequest.newBuilder(base.toURI().resolve("/" + path)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(reply.statusCode()).isEqualTo(200);
    return reply.body();
  }

  /** The value of the first sample of a metric in the Prometheus text format. */
  private static double metricValue(String prometheusText, String name) {
    return prometheusText.lines()
        .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
        .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .findFirst()
        .orElseThrow(() -> new AssertionError(name + " not in " + prometheusText));
  }

  private static CreateTraceRequest request(String contextId) {
    return new CreateTraceRequest(contextId + "-" + UUID.randomUUID(), "exec-1", TraceType.BACKGROUND_TASK,
        "Process order", null, Map.of("customer", "c-7", "items", 2), List.of("orders"));
  }

  private static RecordEventRequest event(UUID id, String type, EventLevel level, UUID parent) {
    return new RecordEventRequest(id, type, level, null, Map.of("step", type), null, null, parent);
  }

  private TraceQuery query(String contextPrefix) {
    TraceResponse any = traces.queryTraces(
        new TraceQuery(null, Set.of(TraceType.BACKGROUND_TASK), null, null, null, null, Set.of("orders"), null, null, 0, 1000))
        .items().stream().filter(t -> t.contextId().startsWith(contextPrefix + "-")).findFirst().orElseThrow();
    return new TraceQuery(any.contextId(), null, null, null, null, null, null, null, null, 0, 10);
  }
}
