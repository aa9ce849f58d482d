namespace Arc.Platform.Tests.TestKit;

/// <summary>
/// Waits for a condition, always with a limit: a condition that never comes (a window missed on a loaded
/// machine, a tool that behaves otherwise elsewhere) fails the test naming it instead of holding the run.
/// </summary>
public static class Poll
{
    public static readonly TimeSpan DefaultLimit = TimeSpan.FromSeconds(30);

    public static async Task UntilAsync(Func<bool> condition, string what, TimeSpan? limit = null)
    {
        var deadline = DateTime.UtcNow + (limit ?? DefaultLimit);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"gave up after {(limit ?? DefaultLimit).TotalSeconds:0} s waiting for {what}");
            await Task.Delay(5);
        }
    }

    public static async Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? limit = null)
    {
        var deadline = DateTime.UtcNow + (limit ?? DefaultLimit);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"gave up after {(limit ?? DefaultLimit).TotalSeconds:0} s waiting for {what}");
            await Task.Delay(20);
        }
    }
}
