package dev.tracemodule.api.twin;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * ObjectTwins: register types, record the state changes of objects, and read any object as it
 * was at any instant. Inject it with CDI ({@code TraceManagementService} offers the same). Every
 * method runs in its own transaction (or joins the caller's). Failures are those of {@code
 * TraceManagementService}, and {@link TwinNotFoundException}.
 */
public interface ObjectTwins {

  /** Maximum objects in one page of {@link #findTwins}. */
  int MAX_PAGE_SIZE = 1_000;
  /** Maximum changes in one page of history. */
  int MAX_HISTORY_PAGE = 1_000;

  TypeRegistrationResponse registerType(TwinTypeDefinition definition);

  /** Registers a class or record annotated {@link ObjectType} or {@link ProcessType}. */
  TypeRegistrationResponse registerType(Class<?> annotated);

  /** The latest version of every type, by name. */
  List<TwinTypeResponse> getTwinTypes();

  /** A type in {@code version}, or in its latest when null. */
  TwinTypeResponse getTwinType(String name, Integer version);

  /** Every version of every type, as one document. */
  TwinRegistryDocument exportRegistry();

  /**
   * Imports a registry document, keeping its version numbers. A version the document states
   * otherwise than it is registered here is refused (state conflict), and nothing is imported.
   */
  List<TypeRegistrationResponse> importRegistry(TwinRegistryDocument document);

  /**
   * Records a change of an object, creating the object at its first change. Every field at fault
   * is named ({@code changes.itemCount}).
   */
  StateChangeResponse recordChange(String objectId, StateChangeRequest change);

  /** The object's state at {@code at}, or now when null. */
  TwinStateResponse getTwin(String objectId, Instant at);

  /** Changes from revision {@code fromRevision} (1 is the first), at most {@code limit}. */
  TwinHistoryResponse getTwinHistory(String objectId, long fromRevision, int limit);

  /** The fields that differ between the object's states at {@code from} and at {@code to}. */
  TwinDiffResponse diffTwin(String objectId, Instant from, Instant to);

  /**
   * Objects of {@code type} whose current state holds each of {@code fieldEquals}, by id.
   *
   * @param cursor null for the first page
   * @param size null for 50
   */
  TwinPageResponse findTwins(String type, Map<String, Object> fieldEquals, String cursor, Integer size);

  /** The objects a trace changed, with their states before and after it. */
  List<TraceTwinResponse> getTraceTwins(UUID traceId);

  /** Makes an object current for the calls inside the anchor; see {@link TwinAnchor}. */
  TwinAnchor anchor(String objectId, String type);

  /** {@link #anchor(String, String)} with the type of an annotated class. */
  TwinAnchor anchor(String objectId, Class<?> type);

  /** The object id of the innermost anchor on this thread, or null. */
  String currentObjectId();
}
