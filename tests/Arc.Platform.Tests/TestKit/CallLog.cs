using System.Diagnostics;

namespace Arc.Platform.Tests.TestKit;

/// <summary>One call a fake saw: what, for which service, in which order, and when (since the log began).</summary>
public sealed record Call(int Sequence, string Verb, string Codename, TimeSpan At);

/// <summary>The calls of every fake in a test, in the order they happened, so tests can assert sequencing across fakes.</summary>
public sealed class CallLog
{
    private readonly Lock _gate = new();
    private readonly List<Call> _calls = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public IReadOnlyList<Call> Calls
    {
        get
        {
            lock (_gate)
                return [.. _calls];
        }
    }

    public void Record(string verb, string codename)
    {
        lock (_gate)
            _calls.Add(new Call(_calls.Count, verb, codename, _clock.Elapsed));
    }

    /// <summary>The codenames that saw <paramref name="verb"/>, in order.</summary>
    public IReadOnlyList<string> Of(string verb) => [.. Calls.Where(c => c.Verb == verb).Select(c => c.Codename)];

    /// <summary>The sequence number of the first <paramref name="verb"/> on <paramref name="codename"/>; fails the test when there was none.</summary>
    public int First(string verb, string codename) =>
        Calls.FirstOrDefault(c => c.Verb == verb && c.Codename == codename)?.Sequence
        ?? throw new Xunit.Sdk.XunitException($"no {verb} of {codename}; calls: {string.Join(", ", Calls.Select(c => $"{c.Verb} {c.Codename}"))}");
}
