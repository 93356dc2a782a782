package dev.tracemodule.application.twin;

import static dev.tracemodule.application.shared.DomainErrors.translated;

import dev.tracemodule.api.InvalidInputException;
import dev.tracemodule.api.twin.StateChangeRequest;
import dev.tracemodule.api.twin.StateChangeResponse;
import dev.tracemodule.api.twin.TraceTwinResponse;
import dev.tracemodule.api.twin.TwinAnchor;
import dev.tracemodule.api.twin.TwinChangeResponse;
import dev.tracemodule.api.twin.TwinDiffResponse;
import dev.tracemodule.api.twin.TwinHistoryResponse;
import dev.tracemodule.api.twin.TwinNotFoundException;
import dev.tracemodule.api.twin.TwinPageResponse;
import dev.tracemodule.api.twin.TwinRegistryDocument;
import dev.tracemodule.api.twin.TwinStateResponse;
import dev.tracemodule.api.twin.TwinTypeDefinition;
import dev.tracemodule.api.twin.TwinTypeResponse;
import dev.tracemodule.api.twin.TypeRegistrationResponse;
import dev.tracemodule.application.shared.CurrentTenant;
import dev.tracemodule.application.shared.InputValidation;
import dev.tracemodule.domain.shared.FieldChecks;
import dev.tracemodule.domain.shared.InvalidValueException;
import dev.tracemodule.domain.shared.ObjectId;
import dev.tracemodule.domain.shared.TenantId;
import dev.tracemodule.domain.trace.EventId;
import dev.tracemodule.domain.trace.TraceId;
import dev.tracemodule.domain.twin.AppliedChange;
import dev.tracemodule.domain.twin.ObjectTwin;
import dev.tracemodule.domain.twin.StateChange;
import dev.tracemodule.domain.twin.TwinType;
import dev.tracemodule.domain.twin.TwinTypeName;
import dev.tracemodule.domain.twin.TypeVersions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The ObjectTwins operations of the service: each maps its call to a handler's command or query
 * and the answer back. No rules live here.
 */
@ApplicationScoped
public class TwinUseCases {

  public static final int DEFAULT_PAGE_SIZE = 50;
  private static final Pattern SPAN_ID = Pattern.compile("[0-9a-f]{16}");

  private CurrentTenant tenant;
  private InputValidation input;
  private RegisterTwinTypeHandler register;
  private ImportTwinRegistryHandler importRegistry;
  private GetTwinTypesHandler getTypes;
  private RecordStateChangeHandler recordChange;
  private GetTwinHandler getTwin;
  private GetTwinHistoryHandler getHistory;
  private DiffTwinHandler diff;
  private FindTwinsHandler find;
  private GetTraceTwinsHandler traceTwins;
  private Timelines timelines;

  protected TwinUseCases() {}

  @Inject
  public TwinUseCases(CurrentTenant tenant, InputValidation input, RegisterTwinTypeHandler register,
      ImportTwinRegistryHandler importRegistry, GetTwinTypesHandler getTypes, RecordStateChangeHandler recordChange,
      GetTwinHandler getTwin, GetTwinHistoryHandler getHistory, DiffTwinHandler diff, FindTwinsHandler find,
      GetTraceTwinsHandler traceTwins, Timelines timelines) {
    this.tenant = tenant;
    this.input = input;
    this.register = register;
    this.importRegistry = importRegistry;
    this.getTypes = getTypes;
    this.recordChange = recordChange;
    this.getTwin = getTwin;
    this.getHistory = getHistory;
    this.diff = diff;
    this.find = find;
    this.traceTwins = traceTwins;
    this.timelines = timelines;
  }

  public TypeRegistrationResponse registerType(TwinTypeDefinition definition) {
    return translated(() -> TwinTypeMapping.toResponse(
        register.handle(tenant.get(), TwinTypeMapping.toType(definition, 1, ""))));
  }

  public TypeRegistrationResponse registerType(Class<?> annotated) {
    if (annotated == null) {
      throw new InvalidInputException("type", "must be a class annotated @ObjectType or @ProcessType");
    }
    return registerType(AnnotatedTwinTypes.definitionOf(annotated));
  }

  public List<TwinTypeResponse> getTwinTypes() {
    return translated(() -> getTypes.latestOfEach(tenant.get()).stream().map(TwinTypeMapping::toResponse).toList());
  }

  public TwinTypeResponse getTwinType(String name, Integer version) {
    return translated(() -> getTypes.find(tenant.get(), new TwinTypeName(name), version)
        .map(TwinTypeMapping::toResponse)
        .orElseThrow(() -> new TwinNotFoundException("type " + name + (version == null ? "" : " version " + version)
            + " is not registered")));
  }

  public TwinRegistryDocument exportRegistry() {
    return translated(() -> new TwinRegistryDocument(TwinRegistryDocument.FORMAT,
        getTypes.everyVersion(tenant.get()).stream().map(TwinTypeMapping::toResponse).toList()));
  }

  public List<TypeRegistrationResponse> importRegistry(TwinRegistryDocument document) {
    return translated(() -> {
      if (document == null || document.types() == null) {
        throw new InvalidValueException("types", "must list the registry's types");
      }
      FieldChecks checks = new FieldChecks();
      checks.check(document.format() == TwinRegistryDocument.FORMAT, "format",
          "must be " + TwinRegistryDocument.FORMAT);
      List<TwinType> types = new ArrayList<>();
      for (int i = 0; i < document.types().size(); i++) {
        TwinTypeResponse type = document.types().get(i);
        String prefix = "types[" + i + "].";
        try {
          checks.check(type != null && type.version() >= 1, prefix + "version", "must be 1 or more");
          if (type != null && type.version() >= 1) {
            types.add(TwinTypeMapping.toType(TwinTypeMapping.toDefinition(type), type.version(), prefix));
          }
        } catch (InvalidValueException e) {
          checks.add(e);
        }
      }
      checks.throwIfAny();
      return importRegistry.handle(tenant.get(), types).stream().map(TwinTypeMapping::toResponse).toList();
    });
  }

  public StateChangeResponse recordChange(String objectId, StateChangeRequest request) {
    return translated(() -> {
      if (request == null) {
        throw new InvalidValueException("body", "must be a state change");
      }
      FieldChecks checks = new FieldChecks();
      checks.check(request.spanId() == null || SPAN_ID.matcher(request.spanId()).matches(), "spanId",
          "must be 16 lower-case hex digits");
      checks.throwIfAny();
      RecordedStateChange recorded = recordChange.handle(new RecordStateChange(tenant.get(), objectId(objectId),
          request.type() == null ? null : typeName(request.type()), request.changes(),
          request.id() == null ? null : new EventId(request.id()), request.timestamp(),
          request.traceId() == null ? null : new TraceId(request.traceId()),
          request.eventId() == null ? null : new EventId(request.eventId()), request.spanId()));
      return new StateChangeResponse(recorded.change().id().value(), recorded.alreadyRecorded(),
          state(recorded.twin(), recorded.version(), null));
    });
  }

  public TwinStateResponse getTwin(String objectId, Instant at) {
    return translated(() -> {
      TenantId owner = tenant.get();
      ObjectTwin twin = getTwin.handle(owner, objectId(objectId), at);
      return state(twin, versions(owner).version(twin.typeName(), twin.typeVersion()), at);
    });
  }

  public TwinHistoryResponse getTwinHistory(String objectId, long fromRevision, int limit) {
    return translated(() -> {
      FieldChecks checks = new FieldChecks();
      checks.check(fromRevision >= 1, "fromRevision", "must be 1 or more");
      checks.check(limit >= 1 && limit <= dev.tracemodule.api.twin.ObjectTwins.MAX_HISTORY_PAGE, "limit",
          "must be 1 to " + dev.tracemodule.api.twin.ObjectTwins.MAX_HISTORY_PAGE);
      checks.throwIfAny();
      GetTwinHistoryHandler.Page page = getHistory.handle(tenant.get(), objectId(objectId), fromRevision, limit);
      List<TwinChangeResponse> changes = page.changes().stream().map(TwinUseCases::change).toList();
      long last = changes.isEmpty() ? fromRevision - 1 : changes.get(changes.size() - 1).revision();
      return new TwinHistoryResponse(objectId, page.revision(), changes, last < page.revision() ? last + 1 : null);
    });
  }

  public TwinDiffResponse diffTwin(String objectId, Instant from, Instant to) {
    return translated(() -> {
      FieldChecks checks = new FieldChecks();
      checks.check(from != null, "from", "is required");
      checks.check(to != null, "to", "is required");
      checks.check(from == null || to == null || !from.isAfter(to), "from", "must not be after to");
      checks.throwIfAny();
      DiffTwinHandler.States states = diff.handle(tenant.get(), objectId(objectId), from, to);
      Map<String, Object> before = states.from().map(ObjectTwin::state).orElse(Map.of());
      Map<String, Object> after = states.to().state();
      Set<String> fields = new LinkedHashSet<>(before.keySet());
      fields.addAll(after.keySet());
      List<TwinDiffResponse.FieldDifference> differences = new ArrayList<>();
      for (String field : fields) {
        Object was = before.get(field);
        Object is = after.get(field);
        if (!Objects.equals(was, is) || before.containsKey(field) != after.containsKey(field)) {
          differences.add(new TwinDiffResponse.FieldDifference(field, was, is));
        }
      }
      return new TwinDiffResponse(objectId, from, to, states.from().map(ObjectTwin::revision).orElse(0L),
          states.to().revision(), differences);
    });
  }

  public TwinPageResponse findTwins(String type, Map<String, Object> fieldEquals, String cursor, Integer size) {
    return translated(() -> {
      int limit = size == null ? DEFAULT_PAGE_SIZE : size;
      FieldChecks checks = new FieldChecks();
      checks.check(type != null && !type.isBlank(), "type", "is required");
      checks.check(limit >= 1 && limit <= dev.tracemodule.api.twin.ObjectTwins.MAX_PAGE_SIZE, "size",
          "must be 1 to " + dev.tracemodule.api.twin.ObjectTwins.MAX_PAGE_SIZE);
      checks.throwIfAny();
      TenantId owner = tenant.get();
      String after = cursor == null || cursor.isBlank() ? null : TwinCursor.decode(cursor);
      List<ObjectTwin> found = find.handle(owner, typeName(type), fieldEquals == null ? Map.of() : fieldEquals,
          after, limit + 1);
      TypeVersions versions = versions(owner);
      List<TwinStateResponse> items = found.stream().limit(limit)
          .map(twin -> state(twin, versions.version(twin.typeName(), twin.typeVersion()), null)).toList();
      String next = found.size() > limit ? TwinCursor.encode(items.get(items.size() - 1).objectId()) : null;
      return new TwinPageResponse(items, next);
    });
  }

  public List<TraceTwinResponse> getTraceTwins(UUID traceId) {
    return translated(() -> traceTwins.handle(tenant.get(), new TraceId(input.present("traceId", traceId))).stream()
        .map(changed -> new TraceTwinResponse(changed.objectId().value(), changed.after().typeName().value(),
            changed.before().map(ObjectTwin::state).orElse(null), changed.after().state(),
            changed.changes().stream().map(change -> change.id().value()).toList()))
        .toList());
  }

  public TwinAnchor anchor(String objectId, String type) {
    return translated(() -> {
      ObjectId id = objectId(objectId);
      String checkedType = type == null ? null : typeName(type).value();
      return new DefaultTwinAnchor(id.value(), checkedType, this);
    });
  }

  public TwinAnchor anchor(String objectId, Class<?> type) {
    if (type == null || !AnnotatedTwinTypes.isAnnotated(type)) {
      throw new InvalidInputException("type", "must be a class annotated @ObjectType or @ProcessType");
    }
    return anchor(objectId, AnnotatedTwinTypes.nameOf(type));
  }

  public String currentObjectId() {
    return TwinContext.currentObjectId();
  }

  private TypeVersions versions(TenantId owner) {
    return timelines.versions(owner);
  }

  private static TwinStateResponse state(ObjectTwin twin, TwinType version, Instant at) {
    boolean changed = !twin.isNew();
    return new TwinStateResponse(twin.id().value(), twin.typeName().value(), twin.typeVersion(),
        twin.stateUnder(version), twin.revision(), at, changed ? twin.position().at() : null,
        twin.lastChangeId() == null ? null : twin.lastChangeId().value(),
        twin.lastTraceId() == null ? null : twin.lastTraceId().value());
  }

  private static TwinChangeResponse change(AppliedChange applied) {
    StateChange change = applied.change();
    Map<String, TwinChangeResponse.FieldChange> fields = new LinkedHashMap<>();
    applied.fields().forEach((field, values) ->
        fields.put(field, new TwinChangeResponse.FieldChange(values.before(), values.after())));
    return new TwinChangeResponse(applied.revision(), change.id().value(), change.occurredAt(), change.typeVersion(),
        fields, change.traceId() == null ? null : change.traceId().value(),
        change.callEventId() == null ? null : change.callEventId().value(), change.spanId());
  }

  private static ObjectId objectId(String value) {
    return new ObjectId(value == null ? "" : value);
  }

  private static TwinTypeName typeName(String value) {
    try {
      return new TwinTypeName(value);
    } catch (InvalidValueException e) {
      throw new InvalidValueException("type", e.reason());
    }
  }
}
