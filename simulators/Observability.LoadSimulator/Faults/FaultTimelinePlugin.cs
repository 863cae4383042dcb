using System.Globalization;
using System.Text.Json;
using Observability.Contracts.Events;
using Observability.Contracts.Topology;
using Observability.LoadSimulator.Plugins;
using Observability.LoadSimulator.Statistics;
using Observability.LoadSimulator.Thresholds;

namespace Observability.LoadSimulator.Faults;

/// <summary>
/// Plays a scenario's fault timeline: at each step's time it puts a <c>FaultSwitch</c> into <c>kit-faults</c>
/// (ExpiresAt = put time + duration, SetBy = run id) and deletes it at the end of the window, or runs the
/// broker-restart command and times it. Times count from the run start on the run's clock, so a fake clock drives it
/// in tests. The CLI adds it before the scenario's other plugins: when the load ends, switches still set are cleared
/// before the pipeline plugin waits for the drain.
/// </summary>
public sealed class FaultTimelinePlugin : IRunPlugin
{
    private readonly FaultSettings _settings;
    private readonly string _scenario;
    private readonly IReadOnlyList<FaultStep> _steps;
    private readonly ILogger _logger;
    private readonly List<IFaultAnnotator> _annotators = [];
    private readonly FaultWindow[] _windows;
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private TimeProvider _time = TimeProvider.System;
    private string _runId = string.Empty;
    private FaultConnection? _connection;
    private long _origin;
    private int _started;
    private Task _timeline = Task.CompletedTask;

    public FaultTimelinePlugin(FaultSettings settings, string scenario, IReadOnlyList<FaultStep> steps, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(steps);
        _settings = settings;
        _scenario = scenario;
        _steps = FaultTimeline.Validate(steps, $"faults of {scenario}");
        _logger = logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        _windows = [.. _steps.Select(s => new FaultWindow
        {
            Step = s.ToString(),
            Kind = s.Kind,
            PlannedStartSeconds = s.At.TotalSeconds,
            PlannedEndSeconds = s.End.TotalSeconds,
        })];
    }

    public string Name => $"faults({_scenario})";

    public string Scenario => _scenario;

    public FaultSettings Settings => _settings;

    public IReadOnlyList<FaultStep> Steps => _steps;

    /// <summary>The windows so far (complete after <see cref="StopAsync"/>).</summary>
    public IReadOnlyList<FaultWindow> Windows
    {
        get
        {
            lock (_gate)
            {
                return [.. _windows];
            }
        }
    }

    /// <summary>The consumer's counters when the timeline started, for run totals.</summary>
    public DeliveryCounters? CountersAtStart { get; private set; }

    /// <summary>Adds a sink told about each window when it closes (Grafana region annotations).</summary>
    public FaultTimelinePlugin WithAnnotator(IFaultAnnotator annotator)
    {
        ArgumentNullException.ThrowIfNull(annotator);
        _annotators.Add(annotator);
        return this;
    }

    /// <summary>The key of step <paramref name="index"/>'s switch: unique per run, scenario and step.</summary>
    public static string SwitchId(string runId, string scenario, int index)
    {
        var id = string.Create(CultureInfo.InvariantCulture, $"loadsim-{runId}-{scenario}-{index}");
        return string.Concat(id.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_'));
    }

    public async Task StartAsync(RunStartInfo run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        _time = run.Time;
        _runId = run.RunId;
        _connection = await FaultConnection.ConnectAsync(_settings, _logger, cancellationToken);
        CountersAtStart = await TryReadCountersAsync(TimeSpan.Zero, cancellationToken);
    }

    /// <summary>The first phase of any scenario is the run's load start: the timeline's clock starts there.</summary>
    public Task OnPhaseAsync(PhaseChange phase, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(phase);
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            return Task.CompletedTask;
        }

        if (_connection is null)
        {
            // StartAsync could not reach the broker: the run goes on, and the timeline threshold says why it did nothing.
            lock (_gate)
            {
                for (var i = 0; i < _windows.Length; i++)
                {
                    _windows[i] = _windows[i] with { Status = FaultWindowStatus.Failed, Detail = $"no connection to {_settings.NatsUrl} or no {Buckets.Faults} bucket" };
                }
            }

            return Task.CompletedTask;
        }

        _origin = _time.GetTimestamp() - (long)(phase.ElapsedSeconds * _time.TimestampFrequency);
        _timeline = Task.WhenAll(_steps.Select((_, i) => RunStepAsync(i, _stop.Token)));
        return Task.CompletedTask;
    }

    /// <summary>The load is over: clear what is still set, mark what never ran as skipped.</summary>
    public async Task StopAsync(RunResult result, CancellationToken cancellationToken)
    {
        await _stop.CancelAsync();
        if (Volatile.Read(ref _started) == 0)
        {
            lock (_gate)
            {
                for (var i = 0; i < _windows.Length; i++)
                {
                    _windows[i] = _windows[i] with { Status = FaultWindowStatus.Skipped, Detail = "the load never started" };
                }
            }
        }

        await _timeline;
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }

        _stop.Dispose();
    }

    public IReadOnlyList<FaultWindow> GetFaultWindows() => Windows;

    public IReadOnlyList<ThresholdResult> EvaluateThresholds(RunResult result)
    {
        var windows = Windows;
        var failed = windows.Count(w => w.Status is FaultWindowStatus.Failed or FaultWindowStatus.Skipped or FaultWindowStatus.Pending);
        var summary = string.Join(", ", windows.GroupBy(w => w.Status, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key}"));
        var problems = windows.Where(w => w.Status is FaultWindowStatus.Failed or FaultWindowStatus.Skipped)
            .Select(w => $"{w.Step}: {w.Status}{(w.Detail is null ? string.Empty : " (" + w.Detail + ")")}");
        return
        [
            new ThresholdResult(_scenario, $"fault timeline: all {windows.Count} steps ran", failed == 0, string.Join("; ", new[] { summary }.Concat(problems))),
        ];
    }

    public IReadOnlyList<KeyValuePair<string, string>> GetLiveRows()
    {
        var active = Windows.Where(w => w.StartSeconds is not null && w.EndSeconds is null).Select(w => w.Step).ToList();
        return [new("faults", active.Count == 0 ? "-" : string.Join("; ", active))];
    }

    private double Elapsed => _time.GetElapsedTime(_origin).TotalSeconds;

    private async Task RunStepAsync(int index, CancellationToken stop)
    {
        var step = _steps[index];
        if (!await WaitUntilAsync(step.At, stop))
        {
            Update(index, w => w with { Status = FaultWindowStatus.Skipped, Detail = "the load ended first" });
            return;
        }

        if (step.IsBrokerRestart)
        {
            // Never cancelled with the run: a restart half done would leave the broker down.
            await RestartBrokerAsync(index, CancellationToken.None);
        }
        else
        {
            await SwitchAsync(index, step, stop);
        }

        // The window is over; its annotation is posted even when the run is stopping.
        await AnnotateAsync(Windows[index], CancellationToken.None);
    }

    private async Task SwitchAsync(int index, FaultStep step, CancellationToken stop)
    {
        var id = SwitchId(_runId, _scenario, index);
        var startedAt = _time.GetUtcNow();
        var startSeconds = Elapsed;
        var fault = step.ToSwitch(id, startedAt, startedAt + step.Duration, _runId);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(fault, KitJson.Default.FaultSwitch);
        // Writes and counter reads are not cancelled by the run's end: a switch put must be deleted again.
        if (await _connection!.PutAsync(id, bytes) is { } putError)
        {
            Update(index, w => w with { SwitchId = id, Status = FaultWindowStatus.Failed, Detail = "could not set the switch: " + putError });
            return;
        }

        Update(index, w => w with { SwitchId = id, StartSeconds = startSeconds, StartedAt = startedAt });
        var before = await TryReadCountersAsync(TimeSpan.Zero, CancellationToken.None);
        Update(index, w => w with { LagAtStart = before?.Lag });

        var cutShort = !await WaitUntilAsync(step.End, stop);
        var endedAt = _time.GetUtcNow();
        var endSeconds = Elapsed;
        var deleteError = await _connection.DeleteAsync(id);
        var after = await TryReadCountersAsync(TimeSpan.FromSeconds(5), CancellationToken.None);
        Update(index, w => w with
        {
            EndSeconds = endSeconds,
            EndedAt = endedAt,
            Status = deleteError is not null ? FaultWindowStatus.Failed : cutShort ? FaultWindowStatus.CutShort : FaultWindowStatus.Done,
            Detail = deleteError is not null ? $"could not clear the switch ({deleteError}); it expires at {fault.ExpiresAt:u}" : null,
            Redeliveries = before is not null && after is not null ? after.RedeliveriesSince(before) : null,
            DeadLetters = before is not null && after is not null ? after.DeadLettersSince(before) : null,
            LagAtEnd = after?.Lag,
        });
    }

    private async Task RestartBrokerAsync(int index, CancellationToken cancellationToken)
    {
        var before = await TryReadCountersAsync(TimeSpan.Zero, cancellationToken);
        var startedAt = _time.GetUtcNow();
        var startSeconds = Elapsed;
        Update(index, w => w with { StartSeconds = startSeconds, StartedAt = startedAt, LagAtStart = before?.Lag });
        var command = _settings.BrokerRestartCommand;
        var outcome = await ShellCommand.RunAsync(command, _settings.BrokerRestartTimeout, cancellationToken);
        var endedAt = _time.GetUtcNow();
        var endSeconds = Elapsed;
        var after = await TryReadCountersAsync(TimeSpan.FromSeconds(15), cancellationToken);
        var detail = string.Create(CultureInfo.InvariantCulture, $"'{command}' {(outcome.TimedOut ? "timed out" : "exit " + outcome.ExitCode)} after {outcome.Elapsed.TotalSeconds:0.0} s");
        Update(index, w => w with
        {
            EndSeconds = endSeconds,
            EndedAt = endedAt,
            Status = outcome.Succeeded ? FaultWindowStatus.Done : FaultWindowStatus.Failed,
            Detail = outcome.Succeeded || outcome.Output.Length == 0 ? detail : detail + ": " + outcome.Output,
            Redeliveries = before is not null && after is not null ? after.RedeliveriesSince(before) : null,
            DeadLetters = before is not null && after is not null ? after.DeadLettersSince(before) : null,
            LagAtEnd = after?.Lag,
        });
    }

    /// <summary>Waits on the run's clock until <paramref name="at"/> from the run start; false when the run stopped first.</summary>
    private async Task<bool> WaitUntilAsync(TimeSpan at, CancellationToken stop)
    {
        var wait = at - TimeSpan.FromSeconds(Elapsed);
        try
        {
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, _time, stop);
            }

            return !stop.IsCancellationRequested;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private Task<DeliveryCounters?> TryReadCountersAsync(TimeSpan patience, CancellationToken cancellationToken) =>
        _connection is null ? Task.FromResult<DeliveryCounters?>(null) : _connection.TryReadCountersAsync(patience, cancellationToken);

    private async Task AnnotateAsync(FaultWindow window, CancellationToken cancellationToken)
    {
        foreach (var annotator in _annotators)
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(TimeSpan.FromSeconds(5));
                await annotator.AnnotateFaultAsync(_runId, window, timeout.Token);
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or InvalidOperationException)
            {
                _logger.LogWarning("Fault annotation failed: {Message}", ex.Message);
            }
        }
    }

    private void Update(int index, Func<FaultWindow, FaultWindow> change)
    {
        lock (_gate)
        {
            _windows[index] = change(_windows[index]);
        }
    }
}
