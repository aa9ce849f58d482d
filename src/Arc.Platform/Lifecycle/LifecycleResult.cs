using Arc.Platform.Drivers;

namespace Arc.Platform.Lifecycle;

/// <summary>One service's row, and whether it makes the command fail (a skipped service fails only when named or --strict).</summary>
public sealed record ServiceOutcome(ServiceReport Report, bool Fails);

/// <summary>The rows of DESIGN.md §4's services document, whether the command succeeded, and how long it took.</summary>
public sealed record LifecycleResult(IReadOnlyList<ServiceReport> Services, bool Success, TimeSpan Elapsed)
{
    public static LifecycleResult Of(IEnumerable<ServiceOutcome> outcomes, TimeSpan elapsed)
    {
        var rows = outcomes.ToList();
        return new LifecycleResult([.. rows.Select(r => r.Report)], rows.All(r => !r.Fails), elapsed);
    }
}
