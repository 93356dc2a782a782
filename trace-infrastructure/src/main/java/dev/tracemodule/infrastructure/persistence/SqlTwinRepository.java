package dev.tracemodule.infrastructure.persistence;

import dev.tracemodule.domain.shared.ObjectId;
import dev.tracemodule.domain.shared.TenantId;
import dev.tracemodule.domain.trace.EventId;
import dev.tracemodule.domain.trace.TraceId;
import dev.tracemodule.domain.twin.ObjectTwin;
import dev.tracemodule.domain.twin.StateChange;
import dev.tracemodule.domain.twin.TwinRepository;
import dev.tracemodule.domain.twin.TwinTypeName;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Objects in {@code twin}, their changes in {@code twin_change} and snapshots in {@code
 * twin_snapshot}, through plain SQL on the transaction's connection. Every statement is scoped by
 * tenant and object, and walks an index in position order.
 */
@ApplicationScoped
public class SqlTwinRepository implements TwinRepository {

  private static final String TWIN_COLUMNS = "object_id, type_name, type_version, state::text, revision, last_at,"
      + " last_seq, last_change_id, last_trace_id";
  private static final String CHANGE_COLUMNS = "object_id, id, type_name, type_version, changes::text, occurred_at,"
      + " seq, trace_id, call_event_id, span_id";
  private static final String SNAPSHOT_COLUMNS = "object_id, type_name, type_version, state::text, revision, last_at,"
      + " last_seq, last_change_id, last_trace_id";

  @PersistenceContext(unitName = "trace")
  private EntityManager em;

  @Inject private Clock clock;

  protected SqlTwinRepository() {}

  /** Outside a container: on a given entity manager. */
  public SqlTwinRepository(EntityManager em, Clock clock) {
    this.em = em;
    this.clock = clock;
  }

  @Override
  public ObjectTwin lockOrCreate(TenantId tenantId, ObjectId id, ObjectTwin whenNew) {
    return Jdbc.run(em, connection -> {
      // Nearly every change is to an existing object: lock it first, and insert only when it is absent.
      Optional<ObjectTwin> existing = lock(connection, tenantId, id);
      if (existing.isPresent()) {
        return existing.get();
      }
      OffsetDateTime now = utc(clock.instant());
      try (PreparedStatement insert = connection.prepareStatement(
          "insert into twin (tenant_id, object_id, type_name, type_version, state, revision, created_at, updated_at)"
              + " values (?, ?, ?, ?, cast(? as jsonb), 0, ?, ?) on conflict (tenant_id, object_id) do nothing")) {
        insert.setString(1, tenantId.value());
        insert.setString(2, id.value());
        insert.setString(3, whenNew.typeName().value());
        insert.setInt(4, whenNew.typeVersion());
        insert.setString(5, TwinJson.write(whenNew.state()));
        insert.setObject(6, now);
        insert.setObject(7, now);
        insert.executeUpdate();
      }
      return lock(connection, tenantId, id).orElseThrow();
    });
  }

  /** The object's row, locked until the transaction ends; empty when there is none. */
  private static Optional<ObjectTwin> lock(Connection connection, TenantId tenantId, ObjectId id)
      throws SQLException {
    try (PreparedStatement lock = connection.prepareStatement("select " + TWIN_COLUMNS
        + " from twin where tenant_id = ? and object_id = ? for update")) {
      lock.setString(1, tenantId.value());
      lock.setString(2, id.value());
      try (ResultSet row = lock.executeQuery()) {
        return row.next() ? Optional.of(ObjectTwin.restore(snapshot(tenantId, row))) : Optional.empty();
      }
    }
  }

  @Override
  public Optional<ObjectTwin> find(TenantId tenantId, ObjectId id) {
    return Jdbc.run(em, connection -> {
      try (PreparedStatement select = connection.prepareStatement("select " + TWIN_COLUMNS
          + " from twin where tenant_id = ? and object_id = ?")) {
        select.setString(1, tenantId.value());
        select.setString(2, id.value());
        try (ResultSet row = select.executeQuery()) {
          return row.next() ? Optional.of(ObjectTwin.restore(snapshot(tenantId, row))) : Optional.empty();
        }
      }
    });
  }

  @Override
  public void update(ObjectTwin twin) {
    ObjectTwin.Snapshot s = twin.snapshot();
    Jdbc.run(em, connection -> {
      try (PreparedStatement update = connection.prepareStatement("update twin set type_version = ?,"
          + " state = cast(? as jsonb), revision = ?, last_at = ?, last_seq = ?, last_change_id = ?, last_trace_id = ?,"
          + " updated_at = ? where tenant_id = ? and object_id = ?")) {
        update.setInt(1, s.typeVersion());
        update.setString(2, TwinJson.write(s.state()));
        update.setLong(3, s.revision());
        boolean started = s.revision() > 0;
        update.setObject(4, started ? utc(s.position().at()) : null);
        update.setObject(5, started ? s.position().sequence() : null);
        update.setObject(6, uuid(s.lastChangeId()));
        update.setObject(7, uuid(s.lastTraceId()));
        update.setObject(8, utc(clock.instant()));
        update.setString(9, s.tenantId().value());
        update.setString(10, s.objectId().value());
        update.executeUpdate();
      }
      return null;
    });
  }

  @Override
  public Optional<StateChange> add(StateChange change) {
    return Jdbc.run(em, connection -> {
      try (PreparedStatement insert = connection.prepareStatement("insert into twin_change (tenant_id, object_id, id,"
          + " occurred_at, type_name, type_version, changes, trace_id, call_event_id, span_id, recorded_at)"
          + " values (?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, ?, ?, ?) on conflict (tenant_id, object_id, id) do nothing"
          + " returning seq")) {
        insert.setString(1, change.tenantId().value());
        insert.setString(2, change.objectId().value());
        insert.setObject(3, change.id().value());
        insert.setObject(4, utc(change.occurredAt()));
        insert.setString(5, change.typeName().value());
        insert.setInt(6, change.typeVersion());
        insert.setString(7, TwinJson.write(change.changes()));
        insert.setObject(8, uuid(change.traceId()));
        insert.setObject(9, uuid(change.callEventId()));
        insert.setString(10, change.spanId());
        insert.setObject(11, utc(clock.instant()));
        try (ResultSet seq = insert.executeQuery()) {
          return seq.next() ? Optional.of(change.storedAs(seq.getLong(1))) : Optional.empty();
        }
      }
    });
  }

  @Override
  public Optional<StateChange> findChange(TenantId tenantId, ObjectId objectId, EventId changeId) {
    return changes("where tenant_id = ? and object_id = ? and id = ?", tenantId, statement -> {
      statement.setString(2, objectId.value());
      statement.setObject(3, changeId.value());
    }).stream().findFirst();
  }

  @Override
  public List<StateChange> changesAfter(TenantId tenantId, ObjectId id, StateChange.Position after, Instant until,
      int limit) {
    boolean fromStart = after.equals(StateChange.Position.START);
    String where = "where tenant_id = ? and object_id = ?"
        + (fromStart ? "" : " and (occurred_at, seq) > (?, ?)")
        + (until == null ? "" : " and occurred_at <= ?")
        + " order by occurred_at, seq limit ?";
    return changes(where, tenantId, statement -> {
      int i = 2;
      statement.setString(i++, id.value());
      if (!fromStart) {
        statement.setObject(i++, utc(after.at()));
        statement.setLong(i++, after.sequence());
      }
      if (until != null) {
        statement.setObject(i++, utc(until));
      }
      statement.setInt(i, limit);
    });
  }

  @Override
  public Optional<ObjectTwin.Snapshot> snapshotAt(TenantId tenantId, ObjectId id, Instant at) {
    return snapshot(tenantId, "where tenant_id = ? and object_id = ? and last_at <= ?"
        + " order by last_at desc, last_seq desc limit 1", statement -> {
          statement.setString(2, id.value());
          statement.setObject(3, utc(at));
        });
  }

  @Override
  public Optional<ObjectTwin.Snapshot> snapshotBefore(TenantId tenantId, ObjectId id, StateChange.Position position) {
    return snapshot(tenantId, "where tenant_id = ? and object_id = ? and (last_at, last_seq) < (?, ?)"
        + " order by last_at desc, last_seq desc limit 1", statement -> {
          statement.setString(2, id.value());
          statement.setObject(3, utc(position.at()));
          statement.setLong(4, position.sequence());
        });
  }

  @Override
  public Optional<ObjectTwin.Snapshot> snapshotAtRevision(TenantId tenantId, ObjectId id, long revision) {
    return snapshot(tenantId, "where tenant_id = ? and object_id = ? and revision <= ? order by revision desc limit 1",
        statement -> {
          statement.setString(2, id.value());
          statement.setLong(3, revision);
        });
  }

  @Override
  public void storeSnapshot(ObjectTwin.Snapshot s) {
    Jdbc.run(em, connection -> {
      try (PreparedStatement insert = connection.prepareStatement("insert into twin_snapshot (tenant_id, object_id,"
          + " revision, last_at, last_seq, type_version, state, last_change_id, last_trace_id, type_name)"
          + " values (?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, ?, ?) on conflict (tenant_id, object_id, revision) do update"
          + " set last_at = excluded.last_at, last_seq = excluded.last_seq, type_version = excluded.type_version,"
          + " state = excluded.state, last_change_id = excluded.last_change_id,"
          + " last_trace_id = excluded.last_trace_id")) {
        insert.setString(1, s.tenantId().value());
        insert.setString(2, s.objectId().value());
        insert.setLong(3, s.revision());
        insert.setObject(4, utc(s.position().at()));
        insert.setLong(5, s.position().sequence());
        insert.setInt(6, s.typeVersion());
        insert.setString(7, TwinJson.write(s.state()));
        insert.setObject(8, uuid(s.lastChangeId()));
        insert.setObject(9, uuid(s.lastTraceId()));
        insert.setString(10, s.typeName().value());
        insert.executeUpdate();
      }
      return null;
    });
  }

  @Override
  public void dropSnapshotsAfter(TenantId tenantId, ObjectId id, StateChange.Position position) {
    Jdbc.run(em, connection -> {
      try (PreparedStatement delete = connection.prepareStatement("delete from twin_snapshot where tenant_id = ?"
          + " and object_id = ? and (last_at, last_seq) > (?, ?)")) {
        delete.setString(1, tenantId.value());
        delete.setString(2, id.value());
        delete.setObject(3, utc(position.at()));
        delete.setLong(4, position.sequence());
        delete.executeUpdate();
      }
      return null;
    });
  }

  @Override
  public List<ObjectTwin> findByState(TenantId tenantId, TwinTypeName type, Map<String, Object> fieldEquals,
      String afterId, int limit) {
    return Jdbc.run(em, connection -> {
      try (PreparedStatement select = connection.prepareStatement("select " + TWIN_COLUMNS + " from twin"
          + " where tenant_id = ? and type_name = ? and state @> cast(? as jsonb)"
          + (afterId == null ? "" : " and object_id > ?") + " order by object_id limit ?")) {
        int i = 1;
        select.setString(i++, tenantId.value());
        select.setString(i++, type.value());
        select.setString(i++, TwinJson.write(fieldEquals));
        if (afterId != null) {
          select.setString(i++, afterId);
        }
        select.setInt(i, limit);
        List<ObjectTwin> twins = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            twins.add(ObjectTwin.restore(snapshot(tenantId, rows)));
          }
        }
        return twins;
      }
    });
  }

  @Override
  public List<StateChange> changesOfTrace(TenantId tenantId, TraceId traceId) {
    return changes("where tenant_id = ? and trace_id = ? order by occurred_at, seq", tenantId,
        statement -> statement.setObject(2, traceId.value()));
  }

  @FunctionalInterface
  private interface Binding {
    void bind(PreparedStatement statement) throws SQLException;
  }

  private List<StateChange> changes(String where, TenantId tenantId, Binding binding) {
    return Jdbc.run(em, connection -> {
      try (PreparedStatement select = connection.prepareStatement("select " + CHANGE_COLUMNS + " from twin_change "
          + where)) {
        select.setString(1, tenantId.value());
        binding.bind(select);
        List<StateChange> changes = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            changes.add(new StateChange(tenantId, new ObjectId(rows.getString(1)),
                new EventId(rows.getObject(2, UUID.class)), new TwinTypeName(rows.getString(3)), rows.getInt(4),
                TwinJson.object(rows.getString(5)), rows.getObject(6, OffsetDateTime.class).toInstant(),
                rows.getLong(7), traceId(rows.getObject(8, UUID.class)), eventId(rows.getObject(9, UUID.class)),
                rows.getString(10)));
          }
        }
        return changes;
      }
    });
  }

  private Optional<ObjectTwin.Snapshot> snapshot(TenantId tenantId, String where, Binding binding) {
    return Jdbc.run(em, connection -> {
      try (PreparedStatement select = connection.prepareStatement("select " + SNAPSHOT_COLUMNS
          + " from twin_snapshot " + where)) {
        select.setString(1, tenantId.value());
        binding.bind(select);
        try (ResultSet row = select.executeQuery()) {
          return row.next() ? Optional.of(snapshot(tenantId, row)) : Optional.empty();
        }
      }
    });
  }

  /** A row of {@link #TWIN_COLUMNS} or {@link #SNAPSHOT_COLUMNS}, which share their order. */
  private static ObjectTwin.Snapshot snapshot(TenantId tenantId, ResultSet row) throws SQLException {
    OffsetDateTime lastAt = row.getObject(6, OffsetDateTime.class);
    StateChange.Position position = lastAt == null ? StateChange.Position.START
        : new StateChange.Position(lastAt.toInstant(), row.getLong(7));
    return new ObjectTwin.Snapshot(tenantId, new ObjectId(row.getString(1)), new TwinTypeName(row.getString(2)),
        row.getInt(3), TwinJson.object(row.getString(4)), row.getLong(5), position,
        eventId(row.getObject(8, UUID.class)), traceId(row.getObject(9, UUID.class)));
  }

  private static OffsetDateTime utc(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  private static UUID uuid(EventId id) {
    return id == null ? null : id.value();
  }

  private static UUID uuid(TraceId id) {
    return id == null ? null : id.value();
  }

  private static EventId eventId(UUID id) {
    return id == null ? null : new EventId(id);
  }

  private static TraceId traceId(UUID id) {
    return id == null ? null : new TraceId(id);
  }
}
