using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Observability.Contracts.Faults;
using Observability.Messaging.Consuming;

namespace Observability.Messaging.Faults;

/// <summary>
/// Makes one consumer obey the switchboard: <c>exception</c>, <c>slow</c> and <c>crash</c> (before-write) before the
/// handler, <c>fail-after-write</c> and <c>crash</c> (after-write) between the write and the ack, <c>stall</c> at the
/// pull gate. With no switch held every hook is one check and a completed ValueTask.
/// </summary>
public sealed class FaultInjector : IProcessingInterceptor
{
    private readonly FaultSwitchboard _board;
    private readonly string _consumer;
    private readonly ILogger _logger;

    public FaultInjector(FaultSwitchboard board, string consumer, ILogger<FaultInjector>? logger = null)
    {
        _board = board;
        _consumer = consumer;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        board.Register(consumer);
    }

    /// <summary>The consumer's options with this injector around the handler and at the pull gate.</summary>
    public ConsumerHostOptions WireInto(ConsumerHostOptions options) => options with
    {
        Interceptors = [.. options.Interceptors, this],
        PullGate = WaitAtPullGateAsync,
    };

    public ValueTask BeforeHandleAsync(IReadOnlyList<ConsumedEvent> events, CancellationToken cancellationToken) =>
        _board.IsEmpty ? ValueTask.CompletedTask : BeforeWriteAsync(events, cancellationToken);

    public ValueTask AfterHandleAsync(IReadOnlyList<ConsumedEvent> events, CancellationToken cancellationToken)
    {
        if (_board.IsEmpty)
        {
            return ValueTask.CompletedTask;
        }

        foreach (var e in events)
        {
            // Only an event the handler just wrote: a duplicate skipped without a write is not the after-write case.
            if (e.Outcome != HandleOutcome.Applied)
            {
                continue;
            }

            CrashIfSwitched(e, CrashPoints.AfterWrite);
            if (_board.TryFire(FaultKinds.FailAfterWrite, _consumer, e.Type.Name) is { } fault)
            {
                // The writes are done and nothing is acked: the redelivery must find them applied.
                throw new InjectedFaultException(fault, _consumer, e.Type.Name, e.StreamSequence);
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>The consumer's <see cref="ConsumerHostOptions.PullGate"/>: a <c>stall</c> switch holds it shut for its delay.</summary>
    public ValueTask WaitAtPullGateAsync(CancellationToken cancellationToken) =>
        _board.IsEmpty ? ValueTask.CompletedTask : StallAsync(cancellationToken);

    private async ValueTask BeforeWriteAsync(IReadOnlyList<ConsumedEvent> events, CancellationToken cancellationToken)
    {
        foreach (var e in events)
        {
            CrashIfSwitched(e, CrashPoints.BeforeWrite);
            if (_board.TryFire(FaultKinds.Exception, _consumer, e.Type.Name) is { } fault)
            {
                throw new InjectedFaultException(fault, _consumer, e.Type.Name, e.StreamSequence);
            }

            if (_board.TryFire(FaultKinds.Slow, _consumer, e.Type.Name) is { Delay: { } delay } slow && delay > TimeSpan.Zero)
            {
                // Per message and possibly past AckWait: the broker redelivers while this attempt still runs.
                _logger.LogDebug("Fault switch {Id}: {Consumer} sleeps {Delay} before {EventType} #{Sequence}", slow.Id, _consumer, delay, e.Type.Name, e.StreamSequence);
                await Task.Delay(delay, _board.Time, cancellationToken);
            }
        }
    }

    private void CrashIfSwitched(ConsumedEvent e, string point)
    {
        if (_board.TryFire(FaultKinds.Crash, _consumer, e.Type.Name, f => (f.CrashPoint ?? CrashPoints.BeforeWrite) == point) is not { } fault)
        {
            return;
        }

        // No logger: it may buffer. Straight to stderr, then the process dies with no drain, no ack, no flush.
        Console.Error.WriteLine($"kit: injected crash by fault switch '{fault.Id}' on {_consumer} {point} of {e.Type.Name} #{e.StreamSequence}: killing the process");
        Console.Error.Flush();
        Process.GetCurrentProcess().Kill();
    }

    private async ValueTask StallAsync(CancellationToken cancellationToken)
    {
        if (_board.TryFire(FaultKinds.Stall, _consumer, null) is not { } fault)
        {
            return;
        }

        var time = _board.Time;
        var until = time.GetUtcNow() + (fault.Delay ?? fault.ExpiresAt - time.GetUtcNow());
        if (until > fault.ExpiresAt)
        {
            until = fault.ExpiresAt;
        }

        _logger.LogWarning("Fault switch {Id}: {Consumer} stops pulling until {Until}", fault.Id, _consumer, until);
        // Ends at the delay, or earlier when the switch is cleared or expires.
        while (_board.IsHeld(fault) && time.GetUtcNow() < until)
        {
            var remaining = until - time.GetUtcNow();
            if (remaining <= TimeSpan.Zero)
            {
                break;
            }

            await Task.WhenAny(Task.Delay(remaining, time, cancellationToken), _board.Changed);
            cancellationToken.ThrowIfCancellationRequested();
        }

        _logger.LogInformation("Fault switch {Id}: {Consumer} pulls again", fault.Id, _consumer);
    }
}
