package dev.tracemodule.infrastructure.persistence;

import dev.tracemodule.domain.shared.JsonMap;
import dev.tracemodule.domain.shared.ObjectId;
import dev.tracemodule.domain.shared.TenantId;
import dev.tracemodule.domain.trace.Event;
import dev.tracemodule.domain.trace.EventId;
import dev.tracemodule.domain.trace.TraceId;
import dev.tracemodule.domain.trace.TraceSnapshot;
import java.util.Map;
import java.util.UUID;
import org.mapstruct.Mapper;
import org.mapstruct.Mapping;
import org.mapstruct.MappingTarget;
import org.mapstruct.Named;

/** Between the domain's snapshots and the JPA rows. */
@Mapper
public interface PersistenceMapper {

  @Mapping(target = "metadata", qualifiedByName = "metadata")
  TraceSnapshot toSnapshot(TraceEntity row);

  @Mapping(target = "durationMs", source = "durationMs")
  void copyToRow(TraceSnapshot snapshot, Double durationMs, @MappingTarget TraceEntity row);

  @Mapping(target = "data", qualifiedByName = "data")
  Event toEvent(EventEntity row);

  default ObjectId toObjectId(String column) {
    return column == null ? null : new ObjectId(column);
  }

  default String toColumn(TenantId tenantId) {
    return tenantId.value();
  }

  default TenantId toTenantId(String column) {
    return new TenantId(column);
  }

  default UUID toColumn(TraceId id) {
    return id.value();
  }

  default TraceId toTraceId(UUID column) {
    return new TraceId(column);
  }

  default UUID toColumn(EventId id) {
    return id == null ? null : id.value();
  }

  default EventId toEventId(UUID column) {
    return column == null ? null : new EventId(column);
  }

  default Map<String, Object> toColumn(JsonMap json) {
    return json.asMap();
  }

  @Named("metadata")
  default JsonMap metadata(Map<String, Object> column) {
    return JsonMap.of(column, "metadata");
  }

  @Named("data")
  default JsonMap data(Map<String, Object> column) {
    return JsonMap.of(column, "data");
  }
}
