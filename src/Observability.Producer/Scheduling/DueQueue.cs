namespace Observability.Producer.Scheduling;

/// <summary>
/// Work items ordered by due time: one priority queue instead of one timer (or Task.Delay) per order, so a million
/// pending lifecycle steps cost a heap, not a million timers. Equal due times leave in insertion order.
/// </summary>
internal sealed class DueQueue<T>
{
    private readonly PriorityQueue<T, (DateTimeOffset Due, long Order)> _queue = new();
    private long _inserted;

    public int Count => _queue.Count;

    /// <summary>The earliest due time, or null when empty.</summary>
    public DateTimeOffset? NextDue => _queue.TryPeek(out _, out var key) ? key.Due : null;

    public void Enqueue(T item, DateTimeOffset due) => _queue.Enqueue(item, (due, _inserted++));

    /// <summary>Takes the earliest item when it is due at <paramref name="now"/>.</summary>
    public bool TryDequeueDue(DateTimeOffset now, out T item, out DateTimeOffset due)
    {
        if (_queue.TryPeek(out var head, out var key) && key.Due <= now)
        {
            _queue.Dequeue();
            item = head;
            due = key.Due;
            return true;
        }

        item = default!;
        due = default;
        return false;
    }
}
