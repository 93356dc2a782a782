import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Over HTTP, from another process: GET /api/v1/twins/{id}?at= at random instants, and POST of a
 * plain event next to POST of a state change (without and with a trace), interleaved.
 * Usage: java TwinHttpBench.java BASE OBJECT FROM TO SAMPLES RECORDS
 */
public class TwinHttpBench {

  static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  public static void main(String[] args) throws Exception {
    String base = args[0];
    String object = args[1];
    Instant from = Instant.parse(args[2]);
    Instant to = Instant.parse(args[3]);
    int samples = Integer.parseInt(args[4]);
    int records = Integer.parseInt(args[5]);

    SplittableRandom random = new SplittableRandom(11);
    long span = to.toEpochMilli() - from.toEpochMilli();
    for (int i = 0; i < 200; i++) { // warm-up
      get(base + "/api/v1/twins/" + object + "?at=" + from.plusMillis(random.nextLong(0, span + 1)));
    }
    long[] rebuilds = new long[samples];
    for (int i = 0; i < samples; i++) {
      String at = from.plusMillis(random.nextLong(0, span + 1)).plusNanos(random.nextLong(0, 1_000_000)).toString();
      long t0 = System.nanoTime();
      HttpResponse<String> answer = get(base + "/api/v1/twins/" + object + "?at=" + at);
      rebuilds[i] = System.nanoTime() - t0;
      if (answer.statusCode() != 200) {
        throw new IllegalStateException("GET at " + at + ": " + answer.statusCode() + " " + answer.body());
      }
    }
    System.out.println(stats("http_rebuild", rebuilds));

    String trace = id(post(base + "/api/v1/traces", "{\"contextId\":\"twin-http-bench\",\"type\":\"custom\","
        + "\"name\":\"http record bench\"}").body());
    String target = "http-" + System.nanoTime();
    long[] events = new long[records];
    long[] changes = new long[records];
    long[] traced = new long[records];
    int warmup = Math.min(300, records / 5);
    for (int i = -warmup; i < records; i++) {
      long t0 = System.nanoTime();
      check(post(base + "/api/v1/traces/" + trace + "/events", "{\"type\":\"step\",\"message\":\"step " + i
          + "\",\"data\":{\"count\":" + i + ",\"label\":\"x\"}}"), 201);
      long t1 = System.nanoTime();
      check(post(base + "/api/v1/twins/" + target + "/changes", "{\"type\":\"BenchCounter\",\"changes\":{\"count\":"
          + i + ",\"label\":\"x\"}}"), 201);
      long t2 = System.nanoTime();
      check(post(base + "/api/v1/twins/" + target + "/changes", "{\"type\":\"BenchCounter\",\"changes\":{\"count\":"
          + i + ",\"label\":\"y\"},\"traceId\":\"" + trace + "\"}"), 201);
      long t3 = System.nanoTime();
      if (i >= 0) {
        events[i] = t1 - t0;
        changes[i] = t2 - t1;
        traced[i] = t3 - t2;
      }
    }
    System.out.println(stats("http_event", events));
    System.out.println(stats("http_change", changes));
    System.out.println(stats("http_traced_change", traced));
  }

  static HttpResponse<String> get(String uri) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(uri)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> post(String uri, String json) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(uri)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
  }

  static void check(HttpResponse<String> answer, int status) {
    if (answer.statusCode() != status) {
      throw new IllegalStateException(answer.statusCode() + " " + answer.body());
    }
  }

  static String id(String json) {
    Matcher m = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(json);
    if (!m.find()) {
      throw new IllegalStateException("no id in " + json);
    }
    return m.group(1);
  }

  static String stats(String name, long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    double mean = Arrays.stream(sorted).average().orElse(0) / 1e6;
    return String.format(Locale.ROOT, "%s %d %.3f %.3f %.3f %.3f %.3f", name, sorted.length, mean,
        pct(sorted, 0.5), pct(sorted, 0.9), pct(sorted, 0.99), sorted[sorted.length - 1] / 1e6);
  }

  static double pct(long[] sorted, double p) {
    int i = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
  }
}
