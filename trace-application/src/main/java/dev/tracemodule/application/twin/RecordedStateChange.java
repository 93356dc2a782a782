package dev.tracemodule.application.twin;

import dev.tracemodule.domain.twin.ObjectTwin;
import dev.tracemodule.domain.twin.StateChange;
import dev.tracemodule.domain.twin.TwinType;

/** A recorded change (or the one recorded before under its id), and the object after it. */
public record RecordedStateChange(StateChange change, boolean alreadyRecorded, ObjectTwin twin, TwinType version) {}
