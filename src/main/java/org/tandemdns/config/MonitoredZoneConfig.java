package org.tandemdns.config;

import java.nio.file.Path;
import java.util.List;
import org.xbill.DNS.Name;

/**
 * One zone under {@code monitor.zones}: its nameservers, listed or discovered, and the reference.
 *
 * @param name the zone
 * @param nameservers {@code NAME=ADDR[,ADDR...]} entries, as for {@code tandem check --ns}
 * @param discoverFrom a server to ask for the zone's NS RRset and addresses, re-read every check
 * @param discoverPort port for discovered addresses (default 53)
 * @param expectFrom reference server to transfer the zone from (e.g. the hidden primary)
 * @param expect reference zone file, re-read every check (relative to the config file)
 * @param parent a parent server: compare its delegation with the zone
 * @param key name of a TSIG key under {@code keys:} for AXFR
 * @param keyFile file holding the TSIG key for AXFR as one line {@code NAME:ALG:BASE64SECRET}
 * @param content compare content, not only serials (default true)
 * @param ignoreTtl leave TTL differences out (default false)
 */
public record MonitoredZoneConfig(
    Name name,
    List<String> nameservers,
    HostPort discoverFrom,
    Integer discoverPort,
    HostPort expectFrom,
    Path expect,
    HostPort parent,
    Name key,
    Path keyFile,
    Boolean content,
    Boolean ignoreTtl) {

  public MonitoredZoneConfig {
    if (name == null) {
      throw new IllegalArgumentException("missing 'name'");
    }
    nameservers = nameservers == null ? List.of() : List.copyOf(nameservers);
    if (nameservers.isEmpty() && discoverFrom == null) {
      throw new IllegalArgumentException("zone " + name + ": give 'nameservers' or 'discover-from'");
    }
    if (expectFrom != null && expect != null) {
      throw new IllegalArgumentException("zone " + name + ": 'expect' and 'expect-from' exclude each other");
    }
    if (key != null && keyFile != null) {
      throw new IllegalArgumentException("zone " + name + ": 'key' and 'key-file' exclude each other");
    }
    discoverPort = discoverPort == null ? 53 : discoverPort;
    if (discoverPort < 1 || discoverPort > 65535) {
      throw new IllegalArgumentException("zone " + name + ": discover-port must be from 1 to 65535");
    }
    content = content == null || content;
    ignoreTtl = ignoreTtl != null && ignoreTtl;
  }

  MonitoredZoneConfig resolvedAgainst(Path base) {
    if (base == null) {
      return this;
    }
    Path e = expect == null || expect.isAbsolute() ? expect : base.resolve(expect);
    Path k = keyFile == null || keyFile.isAbsolute() ? keyFile : base.resolve(keyFile);
    return new MonitoredZoneConfig(name, nameservers, discoverFrom, discoverPort, expectFrom, e, parent, key, k, content, ignoreTtl);
  }
}
