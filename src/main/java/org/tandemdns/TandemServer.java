package org.tandemdns;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandemdns.config.HostPort;
import org.tandemdns.config.TandemConfig;
import org.tandemdns.config.ZoneConfig;
import org.tandemdns.query.AnswerEngine;
import org.tandemdns.server.DnsServer;
import org.tandemdns.server.RequestDispatcher;
import org.tandemdns.server.TransportSettings;
import org.tandemdns.zone.ServedZone;
import org.tandemdns.zone.ZoneFileException;
import org.tandemdns.zone.ZoneFileLoader;
import org.tandemdns.zone.ZoneSnapshot;
import org.tandemdns.zone.ZoneTable;
import org.tandemdns.zone.ZoneValidationException;

/**
 * The assembly: builds every part of a running Tandem from its configuration with plain
 * constructors, starts it, and stops it. No other class wires objects together.
 */
public final class TandemServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TandemServer.class);

  private final TandemConfig config;
  private final ZoneTable zones = new ZoneTable();
  private final DnsServer dns;
  private final List<InetSocketAddress> addresses = new ArrayList<>();
  private int loadFailures;

  private TandemServer(TandemConfig config) {
    this.config = config;
    var server = config.server();
    AnswerEngine engine = new AnswerEngine(zones);
    RequestDispatcher dispatcher = new RequestDispatcher(engine);
    dns = new DnsServer(dispatcher, new TransportSettings(server.ioThreads(), server.tcpIdleTimeout(), server.maxTcpConnections()));
  }

  /** Starts Tandem: binds every listener, then loads every zone; returns once all zones were tried. */
  public static TandemServer start(TandemConfig config) throws IOException {
    TandemServer server = new TandemServer(config);
    try {
      server.startUp();
      return server;
    } catch (IOException | RuntimeException e) {
      server.close();
      throw e;
    }
  }

  private void startUp() throws IOException {
    Files.createDirectories(config.server().dataDir());
    for (ZoneConfig z : config.zones()) {
      zones.add(new ServedZone(z.name()));
    }
    for (HostPort listen : config.server().listen()) {
      addresses.add(dns.listen(listen.toSocketAddress()));
    }
    loadZones();
  }

  private void loadZones() {
    int threads = Math.max(1, Math.min(config.zones().size(), Runtime.getRuntime().availableProcessors()));
    ExecutorService loaders = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "zone-load");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (ZoneConfig z : config.zones()) {
        results.add(loaders.submit(() -> loadZone(z)));
      }
      for (Future<Boolean> f : results) {
        if (!f.get()) {
          loadFailures++;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("zone loading failed unexpectedly", e.getCause());
    } finally {
      loaders.shutdownNow();
    }
  }

  private boolean loadZone(ZoneConfig z) {
    long start = System.nanoTime();
    try {
      ZoneSnapshot snapshot = ZoneFileLoader.load(z.file(), z.name());
      zones.get(z.name()).swap(snapshot);
      log.info("zone {}: loaded serial {} ({} records) from {} in {} ms", z.name(), snapshot.serial(),
          snapshot.recordCount(), z.file(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
      return true;
    } catch (ZoneFileException e) {
      log.error("zone {}: not served: {}", z.name(), e.getMessage());
    } catch (ZoneValidationException e) {
      log.error("zone {}: not served: {}", z.name(), String.join("; ", e.problems()));
    } catch (java.nio.file.NoSuchFileException e) {
      log.error("zone {}: not served: {}: no such file", z.name(), z.file());
    } catch (IOException e) {
      log.error("zone {}: not served: cannot read {}: {}", z.name(), z.file(), e.getMessage());
    }
    return false;
  }

  /** The addresses DNS is served on, with the ports actually bound. */
  public List<InetSocketAddress> dnsAddresses() {
    return List.copyOf(addresses);
  }

  public ZoneTable zones() {
    return zones;
  }

  /** Zones configured but not served because they failed to load. */
  public int loadFailures() {
    return loadFailures;
  }

  @Override
  public void close() {
    dns.close();
  }
}
