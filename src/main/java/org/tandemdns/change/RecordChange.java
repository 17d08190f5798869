package org.tandemdns.change;

import java.util.List;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

/**
 * One requested change to a zone's records, as the API and RFC 2136 UPDATE express them
 * (RFC 2136 §2.5): add a record, delete a record, delete an RRset, delete every RRset of a name,
 * or replace an RRset.
 */
public sealed interface RecordChange {
  record Add(Record record) implements RecordChange {}

  /** Deletes the record with this owner, type and RDATA (any TTL). */
  record Delete(Record record) implements RecordChange {}

  record DeleteRRset(Name name, int type) implements RecordChange {}

  record DeleteName(Name name) implements RecordChange {}

  /** Replaces the RRset of {@code name}/{@code type} with {@code records} (all of that name and type). */
  record ReplaceRRset(Name name, int type, List<Record> records) implements RecordChange {
    public ReplaceRRset {
      records = List.copyOf(records);
    }
  }
}
