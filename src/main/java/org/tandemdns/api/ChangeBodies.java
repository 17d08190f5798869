package org.tandemdns.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Request bodies of the record-writing endpoints. */
final class ChangeBodies {
  private ChangeBodies() {}

  /** PUT of one RRset. */
  record RRsetBody(Long ttl, List<String> records, @JsonProperty("expected-serial") Long expectedSerial) {}

  /**
   * One change of a batch: {@code replace} (the RRset becomes exactly {@code records}), {@code add}
   * (records added), {@code remove} (these records removed), {@code delete} (the whole RRset).
   */
  record Change(String op, String name, String type, Long ttl, List<String> records) {}

  /** A batch, applied all or nothing; {@code expected-serial} makes it fail with 409 if the zone moved on. */
  record Batch(@JsonProperty("expected-serial") Long expectedSerial, List<Change> changes) {}
}
