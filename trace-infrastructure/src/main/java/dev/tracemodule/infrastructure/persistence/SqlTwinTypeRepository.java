package dev.tracemodule.infrastructure.persistence;

import dev.tracemodule.domain.shared.TenantId;
import dev.tracemodule.domain.twin.TwinKind;
import dev.tracemodule.domain.twin.TwinType;
import dev.tracemodule.domain.twin.TwinTypeName;
import dev.tracemodule.domain.twin.TwinTypeRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Registered twin types in {@code twin_type}, one row a version, through plain SQL. */
@ApplicationScoped
public class SqlTwinTypeRepository implements TwinTypeRepository {

  private static final String COLUMNS = "name, version, kind, description, fields::text";

  @PersistenceContext(unitName = "trace")
  private EntityManager em;

  @Inject private Clock clock;

  protected SqlTwinTypeRepository() {}

  /** Outside a container: on a given entity manager. */
  public SqlTwinTypeRepository(EntityManager em, Clock clock) {
    this.em = em;
    this.clock = clock;
  }

  @Override
  public void lockName(TenantId tenantId, TwinTypeName name) {
    Jdbc.run(em, connection -> {
      try (PreparedStatement lock = connection.prepareStatement("select pg_advisory_xact_lock(hashtext(?))")) {
        lock.setString(1, "twin_type:" + tenantId.value() + ":" + name.value());
        lock.execute();
      }
      return null;
    });
  }

  @Override
  public Optional<TwinType> latest(TenantId tenantId, TwinTypeName name) {
    return first(select("where tenant_id = ? and name = ? order by version desc limit 1", tenantId,
        statement -> statement.setString(2, name.value())));
  }

  @Override
  public Optional<TwinType> find(TenantId tenantId, TwinTypeName name, int version) {
    return first(select("where tenant_id = ? and name = ? and version = ?", tenantId, statement -> {
      statement.setString(2, name.value());
      statement.setInt(3, version);
    }));
  }

  @Override
  public List<TwinType> all(TenantId tenantId) {
    return select("where tenant_id = ? order by name, version", tenantId, statement -> {});
  }

  @Override
  public void store(TenantId tenantId, TwinType type) {
    OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    Jdbc.run(em, connection -> {
      try (PreparedStatement insert = connection.prepareStatement(
          "insert into twin_type (tenant_id, name, version, kind, description, fields, registered_at, updated_at)"
              + " values (?, ?, ?, ?, ?, cast(? as jsonb), ?, ?) on conflict (tenant_id, name, version) do update"
              + " set kind = excluded.kind, description = excluded.description, fields = excluded.fields,"
              + " updated_at = excluded.updated_at")) {
        insert.setString(1, tenantId.value());
        insert.setString(2, type.name().value());
        insert.setInt(3, type.version());
        insert.setString(4, type.kind().name().toLowerCase(Locale.ROOT));
        insert.setString(5, type.description());
        insert.setString(6, TwinJson.fields(type.fields()));
        insert.setObject(7, now);
        insert.setObject(8, now);
        insert.executeUpdate();
      }
      return null;
    });
  }

  @FunctionalInterface
  private interface Binding {
    void bind(PreparedStatement statement) throws SQLException;
  }

  private List<TwinType> select(String where, TenantId tenantId, Binding binding) {
    return Jdbc.run(em, connection -> {
      try (PreparedStatement select = connection.prepareStatement("select " + COLUMNS + " from twin_type " + where)) {
        select.setString(1, tenantId.value());
        binding.bind(select);
        List<TwinType> types = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            types.add(new TwinType(new TwinTypeName(rows.getString(1)), TwinKind.valueOf(rows.getString(3)
                .toUpperCase(Locale.ROOT)), rows.getInt(2), rows.getString(4), TwinJson.fields(rows.getString(5))));
          }
        }
        return types;
      }
    });
  }

  private static Optional<TwinType> first(List<TwinType> types) {
    return types.stream().findFirst();
  }
}
