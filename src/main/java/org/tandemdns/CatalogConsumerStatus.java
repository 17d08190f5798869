package org.tandemdns;

import java.time.Instant;
import java.util.List;

/**
 * What the last version of a catalog consumed here gave (RFC 9432 §5), for the API and the log.
 *
 * @param serial the catalog's serial read
 * @param members how many member zones it provisions now
 * @param versionProblem why that version was not used at all (§4.2), or null
 * @param problems the entries left out or refused, one sentence each
 * @param at when it was read
 */
public record CatalogConsumerStatus(long serial, int members, String versionProblem, List<String> problems, Instant at) {}
