package org.tandemdns.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Knot DNS 3.2 ({@code knotd}) as a peer. Primaries load with {@code zonefile-load: difference}, so
 * a reload of a changed zone file is journaled and served as IXFR; zone files are never written
 * back ({@code zonefile-sync: -1}). Control is a UNIX socket in the peer's directory.
 */
public final class KnotPeer extends PeerProcess {

  private final Path config;
  private final Path socket;
  private final List<String> zoneOptions;
  private final String catalogZone;
  /** The catalog this Knot generates from its primary zones ({@code catalog-role: generate}), or null. */
  private CatalogProducer producer;
  private Path knotc;

  /**
   * A catalog Knot generates: every primary zone is a member, in the group {@code groups} gives it
   * (none when absent); the catalog may be transferred by anyone and is NOTIFYed to {@code notify}.
   */
  record CatalogProducer(String catalog, java.util.Map<String, String> groups, Endpoint notifyTarget) {}

  private KnotPeer(PeerSpec spec) {
    this(spec, List.of(), null);
  }

  private KnotPeer(PeerSpec spec, List<String> zoneOptions) {
    this(spec, zoneOptions, null);
  }

  private KnotPeer(PeerSpec spec, List<String> zoneOptions, String catalogZone) {
    super("knotd", spec);
    this.zoneOptions = List.copyOf(zoneOptions);
    this.catalogZone = catalogZone;
    this.config = dir().resolve("knot.conf");
    this.socket = dir().resolve("knot.sock");
  }

  public static PeerBuilder<KnotPeer> builder() {
    return new PeerBuilder<>(KnotPeer::new);
  }

  /**
   * Knot with extra knot.conf lines ({@code key: value}) in every primary zone's section, e.g.
   * {@code zoneOptionsBuilder("dnssec-signing: on")} to sign the zones with the default policy (keys
   * in the KASP database under the peer's directory).
   */
  public static PeerBuilder<KnotPeer> zoneOptionsBuilder(String... lines) {
    List<String> options = List.of(lines);
    return new PeerBuilder<>(spec -> new KnotPeer(spec, options));
  }

  /**
   * Knot as a catalog consumer (RFC 9432): its secondary zone {@code catalogZone} is interpreted
   * ({@code catalog-role: interpret}), and each member becomes a secondary of the same primary,
   * through the template {@code catalog-member}.
   */
  public static PeerBuilder<KnotPeer> catalogConsumerBuilder(String catalogZone) {
    return new PeerBuilder<>(spec -> new KnotPeer(spec, List.of(), catalogZone));
  }

  /**
   * Knot as a catalog producer (RFC 9432, {@code catalog-role: generate}, Knot 3.2): it writes
   * {@code catalog} from its primary zones, each in its group of {@code groups}, and NOTIFYs
   * {@code notify} of each new version.
   */
  public static PeerBuilder<KnotPeer> catalogProducerBuilder(String catalog, java.util.Map<String, String> groups, Endpoint notify) {
    return new PeerBuilder<>(spec -> {
      KnotPeer k = new KnotPeer(spec);
      k.producer = new CatalogProducer(catalog, java.util.Map.copyOf(groups), notify);
      return k;
    });
  }

  /** The catalog generated here, or null. */
  CatalogProducer producer() {
    return producer;
  }

  /** The secondary zone interpreted as a catalog, or null. */
  String catalogZone() {
    return catalogZone;
  }

  /** The extra lines of every primary zone's section (see {@link #zoneOptionsBuilder}). */
  List<String> zoneOptions() {
    return zoneOptions;
  }

  @Override
  protected List<String> prepare() throws IOException {
    Path knotd = PeerRequirement.require("knotd");
    knotc = PeerRequirement.require("knotc");
    Files.writeString(config, KnotConfig.render(this, socket));
    return List.of(knotd.toString(), "-c", config.toString());
  }

  @Override
  protected void reloadZones() {
    knotc("zone-reload");
  }

  /** Runs {@code knotc} against this instance, e.g. {@code knotc("zone-status", "example.com")}. */
  public CommandResult knotc(String... args) {
    List<String> command = new ArrayList<>(List.of(knotc.toString(), "-c", config.toString(), "-s", socket.toString()));
    command.addAll(List.of(args));
    return control(command);
  }
}
