package dev.tracemodule.domain.trace;

import java.util.List;

/** One page of traces and how many match in all. */
public record TracePage(List<Trace> traces, PageRequest page, long totalMatching) {

  public TracePage {
    traces = List.copyOf(traces);
  }
}
