package dev.tracemodule.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** ObjectTwins over real HTTP: the registry, changes, time travel, history, diffs, search, baggage. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TwinApiIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @ArquillianResource URL baseUrl;

  private Http http;
  private String cart;
  private String suffix;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return ItDeployment.builtWar();
  }

  @BeforeEach
  void client() {
    http = new Http(baseUrl);
    suffix = UUID.randomUUID().toString().substring(0, 8);
    cart = "Cart_" + suffix;
  }

  @Test
  void typesRegisterOnceExtendInPlaceAndVersionWhenAFieldChanges() {
    Http.Reply created = registerCart("");
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    assertThat(created.header("Location")).endsWith("/api/v1/twin-types/" + cart + "?version=1");
    assertThat(created.json().get("outcome").asText()).isEqualTo("created");
    assertThat(registerCart("").json().get("outcome").asText()).isEqualTo("unchanged");

    Http.Reply extended = registerCart(",{\"name\":\"coupon\",\"type\":\"string\",\"nullable\":true}");
    assertThat(extended.status()).isEqualTo(200);
    assertThat(extended.json().get("outcome").asText()).isEqualTo("updated");
    assertThat(extended.json().get("type").get("version").asInt()).isEqualTo(1);

    Http.Reply retyped = http.post("api/v1/twin-types", "{\"name\":\"" + cart + "\",\"fields\":["
        + "{\"name\":\"itemCount\",\"type\":\"decimal\",\"defaultValue\":0}]}");
    assertThat(retyped.status()).isEqualTo(201);
    assertThat(retyped.json().get("outcome").asText()).isEqualTo("new_version");
    assertThat(http.get("api/v1/twin-types/" + cart).json().get("version").asInt()).isEqualTo(2);
    assertThat(http.get("api/v1/twin-types/" + cart + "?version=1").json().get("fields")).as("with coupon").hasSize(6);
    assertThat(http.get("api/v1/twin-types/" + cart + "?version=3").status()).isEqualTo(404);
  }

  @Test
  void changesRebuildAtAnyInstantWithHistoryDiffAndSearch() {
    registerCart("");
    String id = "cart-" + suffix;
    assertThat(change(id, "{\"itemCount\":1,\"items\":[\"sku-1\"]}", "2026-03-01T10:00:00Z").status()).isEqualTo(201);
    change(id, "{\"itemCount\":2,\"items\":[\"sku-1\",\"sku-2\"],\"totalValue\":\"19.90\"}", "2026-03-01T10:05:00Z");
    change(id, "{\"status\":\"checked_out\"}", "2026-03-01T10:30:00Z");
    // Back-filled: arrives last, happened second.
    change(id, "{\"totalValue\":5.5}", "2026-03-01T10:02:00Z");

    JsonNode now = http.get("api/v1/twins/" + id).json();
    assertThat(now.get("revision").asLong()).isEqualTo(4);
    assertThat(now.get("state").get("status").asText()).isEqualTo("checked_out");
    assertThat(now.get("state").get("totalValue").decimalValue()).isEqualByComparingTo("19.9");

    JsonNode at1003 = http.get("api/v1/twins/" + id + "?at=2026-03-01T10:03:00Z").json();
    assertThat(at1003.get("revision").asLong()).isEqualTo(2);
    assertThat(at1003.get("state").get("itemCount").asLong()).isEqualTo(1);
    assertThat(at1003.get("state").get("totalValue").decimalValue()).isEqualByComparingTo("5.5");
    assertThat(at1003.get("state").get("status").asText()).isEqualTo("active");
    assertThat(http.get("api/v1/twins/" + id + "?at=2026-03-01T09:00:00Z").status()).isEqualTo(404);

    JsonNode history = http.get("api/v1/twins/" + id + "/history?fromRevision=2&limit=2").json();
    assertThat(history.get("changes")).extracting(c -> c.get("revision").asLong()).containsExactly(2L, 3L);
    JsonNode backFilled = history.get("changes").get(0);
    assertThat(backFilled.get("timestamp").asText()).isEqualTo("2026-03-01T10:02:00Z");
    assertThat(backFilled.get("fields").get("totalValue").get("before").decimalValue()).isEqualByComparingTo("0");
    assertThat(backFilled.get("fields").get("totalValue").get("after").decimalValue()).isEqualByComparingTo("5.5");
    assertThat(history.get("nextRevision").asLong()).isEqualTo(4);

    JsonNode diff = http.get("api/v1/twins/" + id + "/diff?from=2026-03-01T10:01:00Z&to=2026-03-01T10:31:00Z").json();
    assertThat(diff.get("differences")).extracting(d -> d.get("field").asText())
        .containsExactlyInAnyOrder("itemCount", "items", "totalValue", "status");

    String other = "cart-b-" + suffix;
    change(other, "{\"status\":\"abandoned\"}", null);
    JsonNode found = http.get("api/v1/twins?type=" + cart + "&status=checked_out").json();
    assertThat(found.get("items")).extracting(t -> t.get("objectId").asText()).containsExactly(id);
    JsonNode byNumber = http.get("api/v1/twins?type=" + cart + "&itemCount=2").json();
    assertThat(byNumber.get("items")).extracting(t -> t.get("objectId").asText()).containsExactly(id);
  }

  @Test
  void aChangeIsCheckedAgainstItsTypeNamingEveryFieldAtFault() {
    registerCart("");
    Http.Reply refused = http.post("api/v1/twins/cart-x-" + suffix + "/changes", "{\"type\":\"" + cart
        + "\",\"changes\":{\"itemCount\":\"many\",\"colour\":\"red\",\"status\":null,\"items\":[1]}}");
    assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
    assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
    assertThat(refused.json().get("errors")).extracting(e -> e.get("field").asText())
        .containsExactlyInAnyOrder("changes.itemCount", "changes.colour", "changes.status", "changes.items[0]");
    assertThat(http.get("api/v1/twins/cart-x-" + suffix).status()).as("nothing stored").isEqualTo(404);

    Http.Reply unknownType = http.post("api/v1/twins/cart-y-" + suffix + "/changes",
        "{\"type\":\"NoSuchType\",\"changes\":{\"a\":1}}");
    assertThat(unknownType.status()).isEqualTo(400);
    assertThat(unknownType.json().get("errors").get(0).get("field").asText()).isEqualTo("type");
    Http.Reply badField = http.post("api/v1/twin-types", "{\"name\":\"Bad_" + suffix + "\",\"fields\":["
        + "{\"name\":\"when\",\"type\":\"timestamp\"},{\"name\":\"n\",\"type\":\"float\"}]}");
    assertThat(badField.status()).isEqualTo(400);
    assertThat(badField.json().get("errors")).extracting(e -> e.get("field").asText())
        .containsExactlyInAnyOrder("fields[0].default", "fields[1].type");
  }

  @Test
  void anOldChangeRebuildsUnderTheVersionItWasWrittenWith() {
    registerCart("");
    String id = "cart-v-" + suffix;
    change(id, "{\"itemCount\":7,\"status\":\"open\"}", "2026-04-01T10:00:00Z");
    http.post("api/v1/twin-types", "{\"name\":\"" + cart + "\",\"fields\":["
        + "{\"name\":\"itemCount\",\"type\":\"string\",\"defaultValue\":\"none\"},"
        + "{\"name\":\"status\",\"type\":\"string\",\"defaultValue\":\"active\"}]}");
    change(id, "{\"itemCount\":\"seven\"}", "2026-04-01T11:00:00Z");

    JsonNode before = http.get("api/v1/twins/" + id + "?at=2026-04-01T10:30:00Z").json();
    assertThat(before.get("typeVersion").asInt()).isEqualTo(1);
    assertThat(before.get("state").get("itemCount").asLong()).isEqualTo(7);
    assertThat(before.get("state").has("items")).isTrue();
    JsonNode after = http.get("api/v1/twins/" + id).json();
    assertThat(after.get("typeVersion").asInt()).isEqualTo(2);
    assertThat(after.get("state").get("itemCount").asText()).isEqualTo("seven");
    assertThat(after.get("state").get("status").asText()).isEqualTo("open");
    assertThat(after.get("state").has("items")).as("removed in version 2").isFalse();
  }

  @Test
  void aTraceShowsTheObjectsItChangedAndAnsweredBaggageAnchorsItsEvents() {
    registerCart("");
    String trace = http.post("api/v1/traces", "{\"contextId\":\"twins-" + suffix + "\",\"type\":\"api_request\","
        + "\"name\":\"POST /cart\"}").json().get("id").asText();
    String call = http.post("api/v1/traces/" + trace + "/events", "{\"type\":\"add_item\"}").json().get("id").asText();
    String id = "cart-t-" + suffix;
    change(id, "{\"itemCount\":3}", null);
    Http.Reply traced = http.post("api/v1/twins/" + id + "/changes", "{\"type\":\"" + cart + "\",\"changes\":"
        + "{\"itemCount\":4},\"traceId\":\"" + trace + "\",\"eventId\":\"" + call + "\"}");
    assertThat(traced.status()).as(traced.toString()).isEqualTo(201);
    String changeId = traced.json().get("changeId").asText();

    JsonNode twins = http.get("api/v1/traces/" + trace + "/twins").json();
    assertThat(twins).hasSize(1);
    assertThat(twins.get(0).get("objectId").asText()).isEqualTo(id);
    assertThat(twins.get(0).get("before").get("itemCount").asLong()).isEqualTo(3);
    assertThat(twins.get(0).get("after").get("itemCount").asLong()).isEqualTo(4);

    JsonNode events = http.get("api/v1/traces/" + trace).json().get("events");
    JsonNode stateChange = findEvent(events, changeId);
    assertThat(stateChange.get("type").asText()).isEqualTo("state_change");
    assertThat(stateChange.get("parentEventId").asText()).isEqualTo(call);
    assertThat(stateChange.get("objectId").asText()).isEqualTo(id);
    assertThat(stateChange.get("data").get("changes").get("itemCount").asLong()).isEqualTo(4);

    // A request that arrives with the object in its baggage is anchored: its events carry it.
    Http.Reply anchored = http.post("api/v1/traces/" + trace + "/events", "application/json",
        HttpRequest.BodyPublishers.ofString("{\"type\":\"inside\"}"), "baggage",
        "userId=7,trace.obj.id=" + URLEncoder.encode("cart ü/" + suffix, StandardCharsets.UTF_8).replace("+", "%20")
            + ";ttl=3");
    assertThat(anchored.json().get("objectId").asText()).isEqualTo("cart ü/" + suffix);
    Http.Reply plain = http.post("api/v1/traces/" + trace + "/events", "{\"type\":\"outside\"}");
    assertThat(plain.json().get("objectId").isNull()).isTrue();
  }

  @Test
  void theRegistryRoundTripsThroughItsDocument() throws Exception {
    Http.Reply first = registerCart("");
    assertThat(first.status()).as(first.toString()).isEqualTo(201);
    Http.Reply retyped = http.post("api/v1/twin-types", "{\"name\":\"" + cart + "\",\"fields\":["
        + "{\"name\":\"itemCount\",\"type\":\"map<list<decimal>>\",\"defaultValue\":{\"a\":[1.5]}}]}");
    assertThat(retyped.status()).as(retyped.toString()).isEqualTo(201);
    assertThat(retyped.json().get("outcome").asText()).isEqualTo("new_version");
    Http.Reply checkout = http.post("api/v1/twin-types", "{\"name\":\"Checkout_" + suffix + "\","
        + "\"kind\":\"process\",\"description\":\"Buying\"}");
    assertThat(checkout.status()).as(checkout.toString()).isEqualTo(201);
    assertThat(checkout.json().get("outcome").asText()).isEqualTo("created");
    String exported = http.get("api/v1/twin-types/registry").body();

    Http.Reply reimported = http.put("api/v1/twin-types/registry", exported);
    assertThat(reimported.status()).as(reimported.toString()).isEqualTo(200);
    assertThat(reimported.json()).extracting(r -> r.get("outcome").asText()).containsOnly("unchanged");
    assertThat(JSON.readTree(http.get("api/v1/twin-types/registry").body())).isEqualTo(JSON.readTree(exported));

    // The same types under new names land in an empty corner of the registry, versions and all.
    ObjectNode copy = (ObjectNode) JSON.readTree(exported);
    ArrayNode ours = JSON.createArrayNode();
    for (JsonNode type : copy.get("types")) {
      if (type.get("name").asText().endsWith(suffix)) {
        ((ObjectNode) type).put("name", "Copy" + type.get("name").asText());
        ours.add(type);
      }
    }
    assertThat(ours).as("Cart v1, Cart v2 and Checkout").hasSize(3);
    copy.set("types", ours);
    assertThat(http.put("api/v1/twin-types/registry", copy.toString()).json())
        .extracting(r -> r.get("outcome").asText()).containsOnly("created");
    List<JsonNode> copies = new ArrayList<>();
    JSON.readTree(http.get("api/v1/twin-types/registry").body()).get("types").forEach(type -> {
      if (type.get("name").asText().startsWith("Copy") && type.get("name").asText().endsWith(suffix)) {
        copies.add(type);
      }
    });
    assertThat(copies).containsExactlyElementsOf(toList(ours));

    Http.Reply contradiction = http.put("api/v1/twin-types/registry", "{\"format\":1,\"types\":[{\"name\":\""
        + cart + "\",\"version\":1,\"kind\":\"object\",\"fields\":[{\"name\":\"itemCount\",\"type\":\"string\","
        + "\"defaultValue\":\"\"}]}]}");
    assertThat(contradiction.status()).isEqualTo(409);
  }

  private static List<JsonNode> toList(ArrayNode array) {
    List<JsonNode> list = new ArrayList<>();
    array.forEach(list::add);
    return list;
  }

  private static JsonNode findEvent(JsonNode events, String id) {
    for (JsonNode event : events) {
      if (event.get("id").asText().equals(id)) {
        return event;
      }
    }
    throw new AssertionError("no event " + id + " in " + events);
  }

  private Http.Reply registerCart(String moreFields) {
    return http.post("api/v1/twin-types", "{\"name\":\"" + cart + "\",\"description\":\"A cart\",\"fields\":["
        + "{\"name\":\"itemCount\",\"type\":\"integer\",\"defaultValue\":0},"
        + "{\"name\":\"totalValue\",\"type\":\"decimal\",\"defaultValue\":0},"
        + "{\"name\":\"items\",\"type\":\"list<string>\",\"defaultValue\":[]},"
        + "{\"name\":\"status\",\"type\":\"string\",\"defaultValue\":\"active\"},"
        + "{\"name\":\"checkedOutAt\",\"type\":\"timestamp\",\"nullable\":true}" + moreFields + "]}");
  }

  private Http.Reply change(String id, String changes, String timestamp) {
    Http.Reply reply = http.post("api/v1/twins/" + id + "/changes", "{\"type\":\"" + cart + "\",\"changes\":" + changes
        + (timestamp == null ? "" : ",\"timestamp\":\"" + timestamp + "\"") + "}");
    assertThat(reply.status()).as(reply.toString()).isIn(200, 201);
    return reply;
  }
}
