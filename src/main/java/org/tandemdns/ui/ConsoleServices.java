package org.tandemdns.ui;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;
import org.tandemdns.ZoneRegistry;
import org.tandemdns.monitor.Monitor;
import org.tandemdns.notify.NotifySender;
import org.tandemdns.propagation.PropagationTracker;

/**
 * What the console reads, handed over by the assembly: the zones, where their changes are, the
 * monitor's reports and alerts, NOTIFY state, metrics, and this server's own DNS address (the
 * on-demand check asks it for the zone's nameservers).
 */
public record ConsoleServices(
    ZoneRegistry registry,
    PropagationTracker propagation,
    Optional<Monitor> monitor,
    NotifySender notifier,
    MeterRegistry metrics,
    Supplier<InetSocketAddress> dnsAddress,
    Clock clock) {}
