package dev.tracemodule.application.trace;

import dev.tracemodule.domain.shared.TenantId;
import dev.tracemodule.domain.trace.Trace;
import dev.tracemodule.domain.trace.TraceId;
import java.time.Instant;

/** Ends an active trace in one of the ways a caller may end it. */
public record CloseTrace(TenantId tenantId, TraceId traceId, Closing closing) {

  public sealed interface Closing {
    void applyTo(Trace trace, Instant now);
  }

  public record Complete() implements Closing {
    @Override
    public void applyTo(Trace trace, Instant now) {
      trace.complete(now);
    }
  }

  public record Fail(String reason) implements Closing {
    @Override
    public void applyTo(Trace trace, Instant now) {
      trace.fail(reason, now);
    }
  }

  public record Cancel() implements Closing {
    @Override
    public void applyTo(Trace trace, Instant now) {
      trace.cancel(now);
    }
  }
}
