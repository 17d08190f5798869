package org.tandemdns.sync.provider;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import org.tandemdns.dnsclient.ServerAddress;
import org.tandemdns.sync.RRsetChange;
import org.tandemdns.zone.compare.CanonicalRRset;
import org.tandemdns.zone.compare.CanonicalRdata;
import org.tandemdns.zone.compare.CanonicalZone;
import org.tandemdns.zone.compare.RRsetKey;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ChangeInfo;
import software.amazon.awssdk.services.route53.model.ChangeStatus;
import software.amazon.awssdk.services.route53.model.HostedZone;
import software.amazon.awssdk.services.route53.model.InvalidChangeBatchException;
import software.amazon.awssdk.services.route53.model.ListHostedZonesByNameResponse;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsResponse;
import software.amazon.awssdk.services.route53.model.NoSuchHostedZoneException;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;
import software.amazon.awssdk.services.route53.model.Route53Exception;

/**
 * Amazon Route 53 through the AWS SDK for Java v2: the hosted zone is found by name
 * ({@code ListHostedZonesByName}, public or private as configured), read with
 * {@code ListResourceRecordSets}, and written with {@code ChangeResourceRecordSets}, whose change
 * batch Route 53 applies all or nothing; a batch is done when {@code GetChange} says {@code INSYNC}.
 *
 * <p>What Route 53 holds that Tandem does not own is read, reported and left alone: its alias
 * records (answers Route 53 makes from another AWS resource) and record sets with a routing policy
 * ({@code SetIdentifier}: weighted, latency, geolocation, failover, multivalue). A source RRset that
 * would overwrite one is refused with the record named. The SOA is Route 53's; the apex NS is left
 * to it unless the zone asks to push it.
 *
 * <p>A change maps to Route 53 actions: create → {@code CREATE} (which Route 53 refuses if the set
 * exists, so drift is noticed), update → {@code UPSERT}, delete → {@code DELETE} with the values
 * exactly as Route 53 holds them (from the last read, else looked up). Batch limits (AWS's
 * "Quotas on records"): 1,000 {@code ResourceRecord} values and 32,000 characters of values per
 * batch, an {@code UPSERT} counting twice.
 *
 * <p>Read back, values are normalised as Route 53 means them, so that a plan never keeps trying to
 * change what is already equal: a name in a value without its trailing dot is absolute (as the
 * console takes it), escapes are octal ({@link Route53Text}), names compare case-insensitively.
 */
public final class Route53Provider implements Provider {
  /** Values per change batch. */
  static final int MAX_VALUES = 1000;
  /** Characters of values per change batch. */
  static final int MAX_CHARACTERS = 32_000;

  private final String name;
  private final Route53Api api;
  private final boolean privateZone;
  private final List<ServerAddress> nameservers;
  private final Duration changeTimeout;
  private final Map<Name, String> hostedZones = new ConcurrentHashMap<>();
  /** What the last read found Route 53 holding, by zone, as Route 53 wrote it (a DELETE must match it exactly). */
  private final Map<Name, Map<RRsetKey, ResourceRecordSet>> lastRead = new ConcurrentHashMap<>();
  /** Sets the last read found that Tandem leaves alone (aliases, routing policies), by zone, with why. */
  private final Map<Name, Map<RRsetKey, String>> leftAlone = new ConcurrentHashMap<>();

  public Route53Provider(String name, Route53Api api, boolean privateZone, List<ServerAddress> nameservers, Duration changeTimeout) {
    this.name = name;
    this.api = api;
    this.privateZone = privateZone;
    this.nameservers = List.copyOf(nameservers);
    this.changeTimeout = changeTimeout;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String type() {
    return "route53";
  }

  @Override
  public String describe() {
    URI endpoint = api.endpoint();
    return "route53 " + (privateZone ? "private" : "public") + " hosted zones" + (endpoint == null ? "" : " at " + endpoint);
  }

  @Override
  public boolean supports(int type) {
    return Capabilities.ROUTE53.supports(type);
  }

  @Override
  public String unsupportedReason(int type) {
    return Capabilities.ROUTE53.reason(type);
  }

  /** The hosted zone's id ({@code Z...}) for {@code zone}, looked up once. */
  String hostedZoneId(Name zone) throws ProviderException {
    String cached = hostedZones.get(zone);
    if (cached != null) {
      return cached;
    }
    String wanted = Route53Text.name(zone);
    List<HostedZone> matches = new ArrayList<>();
    ListHostedZonesByNameResponse page = call("looking up the hosted zone " + zone, () -> api.client().listHostedZonesByName(
        r -> r.dnsName(wanted).maxItems("100")));
    for (HostedZone z : page.hostedZones()) {
      boolean isPrivate = z.config() != null && Boolean.TRUE.equals(z.config().privateZone());
      if (sameName(z.name(), wanted) && isPrivate == privateZone) {
        matches.add(z);
      }
    }
    String kind = privateZone ? "private" : "public";
    if (matches.isEmpty()) {
      throw ProviderException.zoneMissing(name + ": Route 53 has no " + kind + " hosted zone named " + zone
          + (privateZone ? "" : " (set private-zone: true for a private one)"));
    }
    if (matches.size() > 1) {
      List<String> ids = matches.stream().map(z -> shortId(z.id())).toList();
      throw new ProviderException(name + ": Route 53 has " + matches.size() + " " + kind + " hosted zones named " + zone + " ("
          + String.join(", ", ids) + "); delete the ones not in use, Tandem will not guess");
    }
    String id = shortId(matches.get(0).id());
    hostedZones.put(zone, id);
    return id;
  }

  private static boolean sameName(String route53Name, String wanted) {
    String n = route53Name.endsWith(".") ? route53Name : route53Name + ".";
    return n.equalsIgnoreCase(wanted);
  }

  private static String shortId(String id) {
    return id.startsWith("/hostedzone/") ? id.substring("/hostedzone/".length()) : id;
  }

  /** The hosted zone's delegation set ({@code GetHostedZone}): the four nameservers Route 53 assigned it. */
  @Override
  public List<Name> ownNameservers(Name zone) throws ProviderException {
    String id = hostedZoneId(zone);
    var response = call("reading the delegation set of " + zone, () -> api.client().getHostedZone(r -> r.id(id)));
    List<Name> out = new ArrayList<>();
    if (response.delegationSet() != null) {
      for (String ns : response.delegationSet().nameServers()) {
        try {
          out.add(Name.fromString(ns.endsWith(".") ? ns : ns + "."));
        } catch (TextParseException e) {
          throw new ProviderException(name + " returned a nameserver that does not parse: '" + ns + "'");
        }
      }
    }
    return out;
  }

  @Override
  public ZoneContent read(Name zone) throws ProviderException {
    String id = hostedZoneId(zone);
    CanonicalZone.Builder b = CanonicalZone.builder(zone);
    List<String> notes = new ArrayList<>();
    Map<RRsetKey, ResourceRecordSet> raw = new ConcurrentHashMap<>();
    Map<RRsetKey, String> alone = new ConcurrentHashMap<>();
    String startName = null;
    String startType = null;
    String startIdentifier = null;
    for (int pages = 0; ; pages++) {
      String n = startName;
      String t = startType;
      String i = startIdentifier;
      ListResourceRecordSetsResponse page = call("reading zone " + zone, () -> api.client().listResourceRecordSets(r -> r
          .hostedZoneId(id).startRecordName(n).startRecordType(t).startRecordIdentifier(i).maxItems("300")));
      for (ResourceRecordSet set : page.resourceRecordSets()) {
        readSet(zone, set, b, notes, raw, alone);
      }
      if (!Boolean.TRUE.equals(page.isTruncated())) {
        break;
      }
      if (pages > 100_000) {
        throw new ProviderException(name + ": reading zone " + zone + " did not end after 100,000 pages");
      }
      startName = page.nextRecordName();
      startType = page.nextRecordTypeAsString();
      startIdentifier = page.nextRecordIdentifier();
    }
    lastRead.put(zone, raw);
    leftAlone.put(zone, alone);
    return new ZoneContent(b.build(), OptionalLong.empty(), notes);
  }

  private void readSet(Name zone, ResourceRecordSet set, CanonicalZone.Builder b, List<String> notes,
      Map<RRsetKey, ResourceRecordSet> raw, Map<RRsetKey, String> alone) throws ProviderException {
    String owner = Route53Text.fromRoute53(set.name());
    int type = RecordText.type(set.typeAsString());
    if (type == Type.SOA || type < 0) {
      return;
    }
    Name ownerName;
    try {
      ownerName = Name.fromString(owner, zone);
    } catch (TextParseException e) {
      throw new ProviderException(name + " returned an owner name that does not parse: '" + set.name() + "'");
    }
    RRsetKey key = RRsetKey.of(ownerName, type);
    if (set.aliasTarget() != null) {
      String why = "a Route 53 alias to " + set.aliasTarget().dnsName();
      alone.put(key, why);
      notes.add(ownerName + " " + set.typeAsString() + " is " + why + "; left alone");
      return;
    }
    if (set.setIdentifier() != null) {
      String why = "a Route 53 routing-policy set (SetIdentifier " + set.setIdentifier() + ")";
      alone.merge(key, why, (a, c) -> a);
      notes.add(ownerName + " " + set.typeAsString() + " is " + why + "; left alone");
      return;
    }
    raw.put(key, set);
    long ttl = set.ttl() == null ? 0 : set.ttl();
    for (ResourceRecord r : set.resourceRecords()) {
      try {
        // Route 53 takes every name in a value as absolute, trailing dot or not ("www.example.com" is www.example.com.)
        b.add(RecordText.parse(Name.root, ownerName.toString(), type, ttl, Route53Text.fromRoute53(r.value()), name));
      } catch (ProviderException e) {
        notes.add(e.getMessage() + "; left alone");
      }
    }
  }

  @Override
  public BatchCost batchCost(Name zone, RRsetChange change) {
    CanonicalRRset set = change.desired() != null ? change.desired() : change.current();
    if (set == null) {
      return BatchCost.ONE;
    }
    int values = 0;
    long characters = 0;
    for (CanonicalRdata r : set.rdatas()) {
      values++;
      characters += value(r).length();
    }
    int factor = change instanceof RRsetChange.Update ? 2 : 1;
    return new BatchCost(values * factor, characters * factor);
  }

  @Override
  public BatchCost maxBatchCost() {
    return new BatchCost(MAX_VALUES, MAX_CHARACTERS);
  }

  private static String value(CanonicalRdata r) {
    return Route53Text.toRoute53(RecordText.write(r.record()));
  }

  @Override
  public OptionalLong apply(Name zone, List<RRsetChange> batch, OptionalLong expectedSerial) throws ProviderException {
    String id = hostedZoneId(zone);
    Map<RRsetKey, String> alone = leftAlone.getOrDefault(zone, Map.of());
    List<Change> changes = new ArrayList<>();
    for (RRsetChange c : batch) {
      String why = alone.get(c.key());
      if (why != null) {
        throw new ProviderException(name + ": " + c.key() + " is " + why + ", which Tandem leaves alone; remove it at Route 53 "
            + "or the RRset from the source (nothing in this batch was applied)");
      }
      if (c instanceof RRsetChange.Create) {
        changes.add(change(ChangeAction.CREATE, set(c.desired())));
      } else if (c instanceof RRsetChange.Update) {
        changes.add(change(ChangeAction.UPSERT, set(c.desired())));
      } else {
        ResourceRecordSet held = held(zone, id, c.key());
        if (held != null) {
          changes.add(change(ChangeAction.DELETE, held));
        }
      }
    }
    if (changes.isEmpty()) {
      return OptionalLong.empty();
    }
    String what = "change batch of " + changes.size() + " record sets in zone " + zone;
    ChangeInfo info = call(what, () -> api.client().changeResourceRecordSets(r -> r.hostedZoneId(id)
        .changeBatch(cb -> cb.comment("tandem sync").changes(changes)))).changeInfo();
    waitInSync(info, what);
    Map<RRsetKey, ResourceRecordSet> raw = lastRead.get(zone);
    if (raw != null) {
      for (RRsetChange c : batch) {
        if (c.desired() == null) {
          raw.remove(c.key());
        } else {
          raw.put(c.key(), set(c.desired()));
        }
      }
    }
    return OptionalLong.empty();
  }

  private static Change change(ChangeAction action, ResourceRecordSet set) {
    return Change.builder().action(action).resourceRecordSet(set).build();
  }

  /** {@code rrset} as a Route 53 record set. */
  static ResourceRecordSet set(CanonicalRRset rrset) {
    List<ResourceRecord> values = new ArrayList<>();
    for (CanonicalRdata r : rrset.rdatas()) {
      values.add(ResourceRecord.builder().value(value(r)).build());
    }
    return ResourceRecordSet.builder().name(Route53Text.name(rrset.key().owner())).type(rrset.key().typeName())
        .ttl(rrset.ttl()).resourceRecords(values).build();
  }

  /** The set as Route 53 holds it, for a DELETE; null when it holds none. */
  private ResourceRecordSet held(Name zone, String id, RRsetKey key) throws ProviderException {
    Map<RRsetKey, ResourceRecordSet> raw = lastRead.get(zone);
    if (raw != null && raw.containsKey(key)) {
      return raw.get(key);
    }
    String owner = Route53Text.name(key.owner());
    ListResourceRecordSetsResponse page = call("looking up " + key + " to delete it", () -> api.client().listResourceRecordSets(r -> r
        .hostedZoneId(id).startRecordName(owner).startRecordType(key.typeName()).maxItems("1")));
    for (ResourceRecordSet set : page.resourceRecordSets()) {
      if (sameName(set.name(), owner) && set.typeAsString().equals(key.typeName()) && set.aliasTarget() == null
          && set.setIdentifier() == null) {
        return set;
      }
    }
    return null;
  }

  /** Polls {@code GetChange} until Route 53 says the batch is {@code INSYNC} at all its nameservers. */
  private void waitInSync(ChangeInfo info, String what) throws ProviderException {
    long deadline = System.nanoTime() + changeTimeout.toNanos();
    long pause = 200;
    ChangeInfo current = info;
    while (current.status() != ChangeStatus.INSYNC) {
      if (System.nanoTime() > deadline) {
        throw new ProviderException(name + ": " + what + " was accepted (change " + current.id() + ") but not INSYNC after "
            + changeTimeout + "; it will be applied by Route 53, verify later");
      }
      try {
        Thread.sleep(pause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ProviderException(name + ": interrupted waiting for change " + current.id());
      }
      pause = Math.min(pause * 2, 5000);
      String changeId = current.id();
      current = call("waiting for change " + changeId, () -> api.client().getChange(r -> r.id(changeId))).changeInfo();
    }
  }

  private interface Call<T> {
    T run();
  }

  /** Runs one SDK call, its exceptions turned into messages an operator can act on. */
  private <T> T call(String what, Call<T> call) throws ProviderException {
    try {
      return call.run();
    } catch (InvalidChangeBatchException e) {
      throw new ProviderException(name + ": Route 53 refused the " + what + ", nothing in it was applied: "
          + (e.hasMessages() && !e.messages().isEmpty() ? String.join("; ", e.messages()) : message(e)));
    } catch (NoSuchHostedZoneException e) {
      throw ProviderException.zoneMissing(name + ": " + what + ": " + message(e));
    } catch (Route53Exception e) {
      String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
      String hint = switch (code == null ? "" : code) {
        case "Throttling", "ThrottlingException", "PriorRequestNotComplete" ->
            " (Route 53 kept throttling until the throttle-deadline; try again later)";
        case "InvalidClientTokenId", "SignatureDoesNotMatch", "AccessDenied", "AccessDeniedException", "ExpiredToken" ->
            " (check the AWS credentials and their Route 53 permissions)";
        default -> "";
      };
      throw new ProviderException(name + ": " + what + " failed: " + message(e) + hint, e);
    } catch (ApiCallTimeoutException e) {
      throw new ProviderException(name + ": " + what + " did not complete within the throttle-deadline (Route 53 throttling "
          + "or unreachable): " + e.getMessage(), e);
    } catch (SdkClientException e) {
      String m = e.getMessage() == null ? e.toString() : e.getMessage();
      if (m.contains("Unable to load credentials")) {
        throw new ProviderException(name + ": no AWS credentials found; the SDK looked in the aws.accessKeyId/aws.secretAccessKey "
            + "system properties, the AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY environment variables, the web identity token "
            + "(AWS_WEB_IDENTITY_TOKEN_FILE), the ~/.aws/credentials and ~/.aws/config profile (AWS_PROFILE, or 'profile:' in "
            + "the provider's config), the container credentials endpoint and the EC2 instance role", e);
      }
      throw new ProviderException(name + ": " + what + " failed: " + m, e);
    } catch (SdkException e) {
      throw new ProviderException(name + ": " + what + " failed: " + e.getMessage(), e);
    }
  }

  private static String message(Route53Exception e) {
    if (e.awsErrorDetails() != null && e.awsErrorDetails().errorMessage() != null) {
      String code = e.awsErrorDetails().errorCode();
      return (code == null ? "" : code + ": ") + e.awsErrorDetails().errorMessage();
    }
    return e.getMessage();
  }

  @Override
  public List<ServerAddress> nameservers() {
    return nameservers;
  }
}
