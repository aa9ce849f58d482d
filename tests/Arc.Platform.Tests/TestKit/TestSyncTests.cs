using System.Text.RegularExpressions;

namespace Arc.Platform.Tests.TestKit;

[Trait("Tier", "unit")]
public sealed partial class TestSyncTests
{
    /// <summary>Blocking on a task outside <see cref="TestSync"/>: what deadlocked xunit's two worker threads once.</summary>
    [GeneratedRegex(@"\.GetAwaiter\(\)\.GetResult\(\)|\.Wait\(\)|\.Wait\(TimeSpan")]
    private static partial Regex BlockingOnATask();

    [Fact]
    public void No_test_blocks_on_a_task_except_through_TestSync()
    {
        var testsRoot = Path.Combine(TempRepo.RealRoot, "tests", "Arc.Platform.Tests");
        var offenders = Directory.EnumerateFiles(testsRoot, "*.cs", SearchOption.AllDirectories)
            .Where(file => !IsBuildOutput(testsRoot, file) && Path.GetFileName(file) is not ("TestSync.cs" or "TestSyncTests.cs"))
            .SelectMany(file => File.ReadLines(file).Select((line, index) => (file, line, index)))
            .Where(hit => BlockingOnATask().IsMatch(hit.line))
            .Select(hit => $"{Path.GetRelativePath(testsRoot, hit.file)}:{hit.index + 1}: {hit.line.Trim()}")
            .ToList();

        Assert.True(offenders.Count == 0, "use TestSync.Run or await:\n" + string.Join('\n', offenders));
    }

    [Fact]
    public void Work_that_posts_back_to_the_context_completes_while_every_worker_thread_is_blocked()
    {
        // One worker thread, blocked in Run: a continuation queued to the context could never run.
        using var context = new SingleThreadContext();
        var value = context.RunBlocking(() => TestSync.Run(async () =>
        {
            await Task.Yield();
            return 42;
        }));

        Assert.Equal(42, value);
        Assert.Equal(0, context.Queued);
    }

    private static bool IsBuildOutput(string root, string file)
    {
        var first = Path.GetRelativePath(root, file).Split(Path.DirectorySeparatorChar)[0];
        return first is "bin" or "obj" or "TestResults";
    }

    /// <summary>A synchronization context with one thread, as xunit's is with all its threads busy.</summary>
    private sealed class SingleThreadContext : SynchronizationContext, IDisposable
    {
        private readonly System.Collections.Concurrent.BlockingCollection<(SendOrPostCallback, object?)> _queue = [];

        public override void Post(SendOrPostCallback d, object? state) => _queue.Add((d, state));

        public int Queued => _queue.Count;

        /// <summary>Runs <paramref name="body"/> on a thread of its own with this context; a body still blocked after a minute is a deadlock.</summary>
        public T RunBlocking<T>(Func<T> body)
        {
            T? result = default;
            var thread = new Thread(() =>
            {
                SetSynchronizationContext(this);
                result = body();
            })
            { IsBackground = true };
            thread.Start();
            Assert.True(thread.Join(TimeSpan.FromMinutes(1)), $"deadlocked: {Queued} continuation(s) wait for the blocked thread");
            return result!;
        }

        public void Dispose() => _queue.Dispose();
    }
}
