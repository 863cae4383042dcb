using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using NATS.Client.JetStream;
using NATS.Client.KeyValueStore;
using Observability.Contracts.Events;
using Observability.Contracts.Faults;
using Observability.Messaging.Faults;
using Observability.Testing;

namespace Observability.Processors.Tests.Faults;

/// <summary>A switchboard of the test's own: a fresh bucket on the shared server, watched the way the processors watch kit-faults.</summary>
internal sealed class TestSwitchboard : IAsyncDisposable
{
    private readonly FaultSwitchboardWatcher _watcher;

    private TestSwitchboard(INatsKVStore bucket, FaultSwitchboard board, FaultSwitchboardWatcher watcher, RecordingLogger<FaultSwitchboard> log)
    {
        Bucket = bucket;
        Board = board;
        _watcher = watcher;
        Log = log;
    }

    public INatsKVStore Bucket { get; }

    public FaultSwitchboard Board { get; }

    public RecordingLogger<FaultSwitchboard> Log { get; }

    public static async Task<TestSwitchboard> StartAsync(INatsJSContext js, CancellationToken cancellationToken)
    {
        var bucket = await new NatsKVContext(js).CreateStoreAsync("faults-" + Guid.NewGuid().ToString("N")[..12], cancellationToken);
        var log = new RecordingLogger<FaultSwitchboard>();
        var board = new FaultSwitchboard(TimeProvider.System, log);
        var watcher = new FaultSwitchboardWatcher(js, board, bucket.Bucket, NullLogger<FaultSwitchboardWatcher>.Instance);
        await watcher.StartAsync(cancellationToken);
        return new TestSwitchboard(bucket, board, watcher, log);
    }

    /// <summary>A switch of <paramref name="kind"/> for <paramref name="consumer"/>, five minutes long; refine it with <c>with</c>.</summary>
    public static FaultSwitch Switch(string kind, string consumer) => new()
    {
        Id = kind + "-" + Guid.NewGuid().ToString("N")[..8],
        Kind = kind,
        Consumer = consumer,
        CreatedAt = DateTimeOffset.UtcNow,
        ExpiresAt = DateTimeOffset.UtcNow + FaultSwitch.DefaultExpiry,
        SetBy = "test",
    };

    /// <summary>Writes the switch to the bucket, the way <c>kit faults set</c> does, and waits until the board holds it.</summary>
    public async Task SetAsync(FaultSwitch fault, CancellationToken cancellationToken)
    {
        await Bucket.PutAsync(fault.Id, JsonSerializer.SerializeToUtf8Bytes(fault, KitJson.Default.FaultSwitch), cancellationToken: cancellationToken);
        await Eventually.UntilAsync(() => Board.Active.Any(s => s.Id == fault.Id), TimeSpan.FromSeconds(1), "the switchboard picks up the switch within 1 s");
    }

    public async ValueTask DisposeAsync()
    {
        await _watcher.StopAsync(CancellationToken.None);
        _watcher.Dispose();
    }
}
