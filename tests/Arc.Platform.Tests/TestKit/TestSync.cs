namespace Arc.Platform.Tests.TestKit;

/// <summary>
/// Runs asynchronous code to completion from a frame that must be synchronous (an FsCheck property, a
/// Dispose). Blocking on a task directly would wait on xunit's synchronization context: its continuations
/// queue for one of xunit's two worker threads — the one blocked here, or the other, which another test may
/// be blocking the same way. Both blocked is a deadlock (the likeliest cause of a CI run that hung until its time limit).
/// Started through <see cref="Task.Run(Func{Task})"/>, the work has no synchronization context and its
/// continuations run on the thread pool.
/// </summary>
public static class TestSync
{
    public static T Run<T>(Func<Task<T>> work) => Task.Run(work).GetAwaiter().GetResult();

    public static void Run(Func<Task> work) => Task.Run(work).GetAwaiter().GetResult();
}
