namespace Observability.Testing;

/// <summary>Waits for the system to settle: polls a condition until it holds or the timeout passes. Never Task.Delay and hope.</summary>
public static class Eventually
{
    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> condition, TimeSpan? timeout = null, string? because = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        var last = await probe();
        while (!condition(last))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"condition not met within {timeout ?? TimeSpan.FromSeconds(15)}: {because ?? "(no description)"}; last value: {last}");
            }

            await Task.Delay(50);
            last = await probe();
        }

        return last;
    }

    public static Task UntilAsync(Func<bool> condition, TimeSpan? timeout = null, string? because = null) =>
        UntilAsync(() => Task.FromResult(condition()), ok => ok, timeout, because);

    public static Task UntilAsync(Func<Task<bool>> condition, TimeSpan? timeout = null, string? because = null) =>
        UntilAsync(condition, ok => ok, timeout, because);
}
