using System.Text.Json;
using NATS.Client.JetStream;
using NATS.Client.KeyValueStore;
using Observability.Contracts.Events;
using Observability.Contracts.Faults;
using Observability.Contracts.Topology;

namespace Observability.Operations.Faults;

/// <summary>Reads and writes the fault switches in the <c>kit-faults</c> bucket, which the processors watch.</summary>
public sealed class FaultSwitchboard(INatsJSContext js, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>Writes the switch (replacing one with the same id).</summary>
    /// <exception cref="ArgumentException">the switch is not valid (<see cref="FaultSwitchValidation"/>).</exception>
    public async Task SetAsync(FaultSwitch fault, CancellationToken cancellationToken)
    {
        var problems = FaultSwitchValidation.Problems(fault);
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", problems), nameof(fault));
        }

        var store = await StoreAsync(cancellationToken);
        await store.PutAsync(fault.Id, JsonSerializer.SerializeToUtf8Bytes(fault, KitJson.Default.FaultSwitch), cancellationToken: cancellationToken);
    }

    /// <summary>Every switch in the bucket (expired ones too, when <paramref name="includeExpired"/>), soonest to expire first.</summary>
    public async Task<IReadOnlyList<FaultSwitch>> ListAsync(bool includeExpired, CancellationToken cancellationToken)
    {
        var store = await StoreAsync(cancellationToken);
        var now = _time.GetUtcNow();
        var result = new List<FaultSwitch>();
        await foreach (var key in store.GetKeysAsync(cancellationToken: cancellationToken))
        {
            var entry = await store.TryGetEntryAsync<byte[]>(key, cancellationToken: cancellationToken);
            if (!entry.Success || entry.Value.Value is not { Length: > 0 } data)
            {
                continue;
            }

            FaultSwitch? fault;
            try
            {
                fault = JsonSerializer.Deserialize(data, KitJson.Default.FaultSwitch);
            }
            catch (JsonException)
            {
                continue;
            }

            if (fault is not null && (includeExpired || fault.IsActive(now)))
            {
                result.Add(fault);
            }
        }

        return [.. result.OrderBy(f => f.ExpiresAt)];
    }

    /// <summary>Removes one switch; false when there was none with that id.</summary>
    public async Task<bool> ClearAsync(string id, CancellationToken cancellationToken)
    {
        var store = await StoreAsync(cancellationToken);
        var entry = await store.TryGetEntryAsync<byte[]>(id, cancellationToken: cancellationToken);
        if (!entry.Success)
        {
            return false;
        }

        await store.DeleteAsync(id, cancellationToken: cancellationToken);
        return true;
    }

    /// <summary>Removes every switch; returns how many there were.</summary>
    public async Task<int> ClearAllAsync(CancellationToken cancellationToken)
    {
        var all = await ListAsync(includeExpired: true, cancellationToken);
        var store = await StoreAsync(cancellationToken);
        foreach (var fault in all)
        {
            await store.DeleteAsync(fault.Id, cancellationToken: cancellationToken);
        }

        return all.Count;
    }

    private async Task<INatsKVStore> StoreAsync(CancellationToken cancellationToken) =>
        await new NatsKVContext(js).GetStoreAsync(Buckets.Faults, cancellationToken);
}
