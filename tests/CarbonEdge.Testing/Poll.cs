namespace CarbonEdge.Testing;

/// <summary>Waiting on a condition (a row appears, a log line, a counter), never on a fixed sleep.</summary>
public static class Poll
{
    /// <summary>Checks <paramref name="condition"/> every <paramref name="interval"/> (default 50 ms) until it holds.</summary>
    /// <exception cref="TimeoutException"><paramref name="timeout"/> passed first; the message names <paramref name="what"/>.</exception>
    public static async Task UntilAsync(string what, TimeSpan timeout, Func<Task<bool>> condition, TimeSpan? interval = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{what}: not reached within {timeout.TotalSeconds:0.#} s");
            await Task.Delay(interval ?? TimeSpan.FromMilliseconds(50));
        }
    }

    /// <inheritdoc cref="UntilAsync(string, TimeSpan, Func{Task{bool}}, TimeSpan?)"/>
    public static Task UntilAsync(string what, TimeSpan timeout, Func<bool> condition, TimeSpan? interval = null) =>
        UntilAsync(what, timeout, () => Task.FromResult(condition()), interval);
}
