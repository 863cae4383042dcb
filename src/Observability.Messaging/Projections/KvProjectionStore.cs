using System.Collections.Concurrent;
using System.Text.Json.Serialization.Metadata;
using NATS.Client.KeyValueStore;
using Prometheus;

namespace Observability.Messaging.Projections;

/// <summary>
/// Per-key read models in a NATS KV bucket, written by compare-and-set on the key's revision. Known revisions are
/// cached so that an update costs one write, not a read and a write. The cache is only a guess: when another replica
/// (or a restart) moved the key on, the CAS fails, the key is re-read and the update re-run on the fresh value. The
/// update function decides idempotency and order (e.g. apply only the event that follows the recorded position).
/// </summary>
public sealed class KvProjectionStore<T> where T : class
{
    private const int MaxAttempts = 20;

    private readonly INatsKVStore _store;
    private readonly JsonTypeInfoSerializer<T> _serializer;
    private readonly ConcurrentDictionary<string, Entry> _cache = new(StringComparer.Ordinal);
    private readonly int _maxCachedKeys;
    private readonly Counter.Child _conflicts;

    public KvProjectionStore(INatsKVStore store, string projection, JsonTypeInfo<T> typeInfo, int maxCachedKeys = 100_000)
    {
        _store = store;
        _serializer = new JsonTypeInfoSerializer<T>(typeInfo);
        _maxCachedKeys = maxCachedKeys;
        _conflicts = ProjectionMetrics.WriteConflicts.WithLabels(projection);
    }

    public string Bucket => _store.Bucket;

    /// <summary>
    /// Applies <paramref name="update"/> to the key's current value (null when absent) and writes the result by CAS.
    /// <paramref name="update"/> returns null for "nothing to change" and may run more than once (after a conflict),
    /// always on the freshest value; use the result of its last run.
    /// </summary>
    public ValueTask<ProjectionWrite<T>> UpdateAsync(string key, Func<T?, T?> update, CancellationToken cancellationToken) =>
        UpdateAsync(key, (value, _) => ValueTask.FromResult(update(value)), cancellationToken);

    /// <summary>
    /// As <see cref="UpdateAsync(string, Func{T, T}, CancellationToken)"/>, for an update that must read elsewhere first
    /// (e.g. fold events it has not seen from the event store).
    /// </summary>
    public async ValueTask<ProjectionWrite<T>> UpdateAsync(string key, Func<T?, CancellationToken, ValueTask<T?>> update, CancellationToken cancellationToken)
    {
        var verified = false;
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            Entry entry;
            if (_cache.TryGetValue(key, out var cached))
            {
                entry = cached;
            }
            else if (verified || attempt > 0)
            {
                entry = await ReadAsync(key, cancellationToken);
                verified = true;
            }
            else
            {
                // Not cached: guess the key is new and try to create it; a wrong guess costs one failed create.
                entry = default;
            }

            var next = await update(entry.Value, cancellationToken);
            if (next is null)
            {
                return new ProjectionWrite<T>(false, entry.Value, entry.Revision);
            }

            NATS.Client.Core.NatsResult<ulong> result;
            try
            {
                result = entry.Revision == 0
                    ? await _store.TryCreateAsync(key, next, _serializer, cancellationToken)
                    : await _store.TryUpdateAsync(key, next, entry.Revision, _serializer, cancellationToken);
            }
            catch
            {
                // The outcome is unknown (timeout, disconnect): the cached value may be ahead of or behind the bucket.
                _cache.TryRemove(key, out _);
                throw;
            }

            if (result.Success)
            {
                Remember(key, new Entry(next, result.Value));
                return new ProjectionWrite<T>(true, next, result.Value);
            }

            if (result.Error is not (NatsKVCreateException or NatsKVWrongLastRevisionException))
            {
                _cache.TryRemove(key, out _);
                throw result.Error;
            }

            // A real conflict only when the value we based the write on had been read or written by us.
            if (entry.Revision != 0 || verified || cached.Revision != 0)
            {
                _conflicts.Inc();
            }

            _cache.TryRemove(key, out _);
            verified = true;
        }

        throw new InvalidOperationException($"{_store.Bucket}/{key}: still conflicting after {MaxAttempts} attempts");
    }

    /// <summary>The stored value, read from the bucket (not the cache).</summary>
    public async ValueTask<T?> GetAsync(string key, CancellationToken cancellationToken)
    {
        var entry = await ReadAsync(key, cancellationToken);
        return entry.Value;
    }

    /// <summary>Forgets every cached revision, e.g. after another component rebuilt the bucket.</summary>
    public void ClearCache() => _cache.Clear();

    private async ValueTask<Entry> ReadAsync(string key, CancellationToken cancellationToken)
    {
        var result = await _store.TryGetEntryAsync(key, serializer: _serializer, cancellationToken: cancellationToken);
        if (result.Success)
        {
            return new Entry(result.Value.Value, result.Value.Revision);
        }

        return result.Error switch
        {
            NatsKVKeyNotFoundException => default,
            // A deleted key is created again; the client turns the create into an update of the tombstone.
            NatsKVKeyDeletedException => default,
            _ => throw result.Error,
        };
    }

    private void Remember(string key, Entry entry)
    {
        if (_cache.Count >= _maxCachedKeys)
        {
            // Crude bound: a cold cache only costs one extra read per key.
            _cache.Clear();
        }

        _cache[key] = entry;
    }

    private readonly record struct Entry(T? Value, ulong Revision);
}
