package org.tandemdns.api;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.tandemdns.ZoneRegistry;
import org.tandemdns.change.ChangePipeline;
import org.tandemdns.change.ReloadResult;
import org.tandemdns.monitor.Monitor;
import org.tandemdns.notify.NotifySender;
import org.tandemdns.propagation.PropagationTracker;
import org.tandemdns.sync.push.PushStatus;
import org.xbill.DNS.Name;

/**
 * What the API works on, handed over by the assembly.
 *
 * @param reconfigure re-reads the configuration file and applies it (argument: purge the data of
 *     removed zones); throws IllegalStateException when the server has no configuration file
 */
public record ApiBackend(
    ZoneRegistry registry,
    ChangePipeline pipeline,
    NotifySender notifier,
    PropagationTracker propagation,
    Function<Name, ReloadResult> reloadOne,
    Supplier<List<ReloadResult>> reloadAll,
    Optional<Monitor> monitor,
    PrometheusMeterRegistry metrics,
    Runnable beforeScrape,
    Function<Name, org.tandemdns.change.FileZones.LastLoad> lastLoad,
    java.util.function.Predicate<Name> keyDefined,
    java.util.function.Predicate<String> pushTargetDefined,
    java.util.function.Predicate<String> tlsProfileDefined,
    Function<Name, List<PushStatus>> pushStatus,
    Function<Name, org.tandemdns.dnssec.SignedZoneReport> dnssec,
    Function<Boolean, org.tandemdns.Reconfiguration> reconfigure) {}
