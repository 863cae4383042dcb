using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Observability.Contracts.Events;
using Observability.Contracts.Faults;

namespace Observability.Messaging.Faults;

/// <summary>
/// The fault switches this process obeys, kept in memory from the <c>kit-faults</c> bucket (fed by
/// <see cref="FaultSwitchboardWatcher"/>). Reading is lock-free and, with no switch set, one array-length check, so
/// consumers can ask on every message. Expiry is checked against the clock on every match, not only when the bucket
/// says so; <see cref="Sweep"/> drops and logs expired switches.
/// </summary>
public sealed class FaultSwitchboard
{
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly List<string> _consumers = [];
    private volatile ActiveFaultSwitch[] _switches = [];
    private TaskCompletionSource _changed = NewSignal();

    public FaultSwitchboard(TimeProvider? time = null, ILogger<FaultSwitchboard>? logger = null)
    {
        _time = time ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>True when no switch is held: the per-message fast path.</summary>
    public bool IsEmpty => _switches.Length == 0;

    public TimeProvider Time => _time;

    /// <summary>The switches held now that have not expired.</summary>
    public IReadOnlyList<FaultSwitch> Active
    {
        get
        {
            var now = _time.GetUtcNow();
            return [.. _switches.Where(s => s.Fault.IsActive(now)).Select(s => s.Fault)];
        }
    }

    /// <summary>Completes at the next change (set, cleared, expired, spent): lets a stall end early when its switch goes.</summary>
    internal Task Changed => Volatile.Read(ref _changed).Task;

    /// <summary>A consumer of this process: its <c>kit_fault_active</c> series exist (at 0) from now on.</summary>
    public void Register(string consumer)
    {
        lock (_gate)
        {
            if (!_consumers.Contains(consumer))
            {
                _consumers.Add(consumer);
                UpdateGauges();
            }
        }
    }

    /// <summary>Applies one bucket entry: a value sets (or replaces) the switch under <paramref name="key"/>, null clears it.</summary>
    public void Apply(string key, ReadOnlySpan<byte> value, ulong revision)
    {
        if (value.IsEmpty)
        {
            Clear(key, "deleted");
            return;
        }

        FaultSwitch? fault;
        try
        {
            fault = JsonSerializer.Deserialize(value, KitJson.Default.FaultSwitch);
        }
        catch (JsonException ex)
        {
            _logger.LogWarning("Fault switch {Id} ignored: not a fault switch ({Error})", key, ex.Message);
            Clear(key, "unreadable");
            return;
        }

        if (fault is null || !FaultKinds.All.Contains(fault.Kind))
        {
            _logger.LogWarning("Fault switch {Id} ignored: unknown kind {Kind}", key, fault?.Kind);
            Clear(key, "unreadable");
            return;
        }

        // The key is the switch's identity, whatever the value says.
        Set(fault with { Id = key }, revision);
    }

    public void Set(FaultSwitch fault, ulong revision)
    {
        if (!fault.IsActive(_time.GetUtcNow()))
        {
            Clear(fault.Id, "expired");
            _logger.LogInformation("Fault switch {Id} ignored: it expired at {ExpiresAt} ({Kind} on {Consumer})", fault.Id, fault.ExpiresAt, fault.Kind, fault.Consumer);
            return;
        }

        lock (_gate)
        {
            var replaced = _switches.Any(s => s.Fault.Id == fault.Id);
            _switches = [.. _switches.Where(s => s.Fault.Id != fault.Id), new ActiveFaultSwitch(fault, revision)];
            Log(replaced ? "replaced" : "set", fault);
            Changes();
        }
    }

    /// <summary>Forgets the switch under <paramref name="id"/> (deleted or purged from the bucket).</summary>
    public void Clear(string id, string why = "cleared")
    {
        lock (_gate)
        {
            var gone = _switches.FirstOrDefault(s => s.Fault.Id == id);
            if (gone is null)
            {
                return;
            }

            _switches = [.. _switches.Where(s => s.Fault.Id != id)];
            Log($"cleared ({why})", gone.Fault);
            Changes();
        }
    }

    /// <summary>Drops the switches that expired: their last word in the log, and their gauges back to 0.</summary>
    public void Sweep()
    {
        if (IsEmpty)
        {
            return;
        }

        var now = _time.GetUtcNow();
        if (_switches.All(s => s.Fault.IsActive(now)))
        {
            return;
        }

        lock (_gate)
        {
            foreach (var expired in _switches.Where(s => !s.Fault.IsActive(now)))
            {
                Log("expired", expired.Fault);
            }

            _switches = [.. _switches.Where(s => s.Fault.IsActive(now))];
            Changes();
        }
    }

    /// <summary>
    /// The switch of <paramref name="kind"/> that fires now for <paramref name="consumer"/> and an event of
    /// <paramref name="eventType"/> (null: any type), after its probability and amount; null when none does. Counts the
    /// injection. <paramref name="where"/> narrows the candidates before any budget is taken (e.g. the crash point).
    /// </summary>
    internal FaultSwitch? TryFire(string kind, string consumer, string? eventType, Func<FaultSwitch, bool>? where = null)
    {
        var switches = _switches;
        if (switches.Length == 0)
        {
            return null;
        }

        var now = _time.GetUtcNow();
        foreach (var candidate in switches)
        {
            if (!candidate.Matches(kind, consumer, eventType, now) || (where is not null && !where(candidate.Fault)) || !candidate.TryInject(consumer))
            {
                continue;
            }

            FaultMetrics.FaultsInjected.WithLabels(kind, consumer).Inc();
            if (candidate.IsSpent(consumer))
            {
                lock (_gate)
                {
                    _logger.LogInformation("Fault switch {Id} spent on {Consumer}: {Amount} injection(s) done ({Kind})", candidate.Fault.Id, consumer, candidate.Fault.Amount ?? 1, kind);
                    Changes();
                }
            }

            return candidate.Fault;
        }

        return null;
    }

    /// <summary>True while the switch set as <paramref name="fault"/> is still held (not cleared, replaced or expired).</summary>
    internal bool IsHeld(FaultSwitch fault)
    {
        var now = _time.GetUtcNow();
        return _switches.Any(s => ReferenceEquals(s.Fault, fault) && s.Fault.IsActive(now));
    }

    private void Log(string change, FaultSwitch f) =>
        _logger.LogInformation(
            "Fault switch {Id} {Change}: kind={Kind} consumer={Consumer} eventType={EventType} probability={Probability} amount={Amount} delay={Delay} crashPoint={CrashPoint} expiresAt={ExpiresAt} setBy={SetBy}",
            f.Id, change, f.Kind, f.Consumer, f.EventType ?? "*", f.Probability, f.Amount, f.Delay, f.CrashPoint, f.ExpiresAt, f.SetBy);

    /// <summary>Under the lock: gauges follow the new state, and whoever waits for a change wakes up.</summary>
    private void Changes()
    {
        UpdateGauges();
        Interlocked.Exchange(ref _changed, NewSignal()).TrySetResult();
    }

    private void UpdateGauges()
    {
        var now = _time.GetUtcNow();
        foreach (var consumer in _consumers)
        {
            foreach (var kind in FaultKinds.All)
            {
                var active = _switches.Any(s => s.Matches(kind, consumer, null, now));
                FaultMetrics.FaultActive.WithLabels(kind, consumer).Set(active ? 1 : 0);
            }
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
