using Arc.Platform.Lifecycle;
using Arc.Platform.Tests.TestKit;

namespace Arc.Platform.Tests.HighAvailability;

/// <summary>
/// A <see cref="NativeStack"/> whose ha: topologies use free ports only, each member's listed explicitly
/// (never 4222-4224, 6222-6224, 6379-6381, 26379-26381): hermetic beside a developer's running stack.
/// </summary>
public static class HaStack
{
    public static NativeStack Create() => NativeStack.Create(FreeHaPorts.Rewrite);

    public static Task<LifecycleResult> UpHaAsync(this NativeStack stack, params string[] targets) =>
        stack.UpAsync(new UpOptions { Timeout = TimeSpan.FromSeconds(90), Ha = true }, targets);

    public static async Task<LifecycleResult> UpHaHealthyAsync(this NativeStack stack, params string[] targets)
    {
        var result = await stack.UpHaAsync(targets);
        Assert.True(result.Success, string.Join("; ", result.Services.Select(s => $"{s.Codename} {s.Status}: {s.Detail}")));
        return result;
    }

    /// <summary>
    /// A copy of the repository whose Flash topology reads its members' monitors at <paramref name="monitors"/>
    /// (servers answering recorded responses); its client and route ports are free ones nothing listens on.
    /// </summary>
    public static TempRepo FlashWithMonitors(IReadOnlyList<int> monitors)
    {
        var repo = TempRepo.CopyOfRealRepo();
        FreeHaPorts.Replace(repo, "services/messaging/service.yaml", $"""
            ha:
              members: 3
              ports:
                client: {FreeHaPorts.List()}
                monitor: [{string.Join(", ", monitors)}]
                cluster: {FreeHaPorts.List()}
            """);
        return repo;
    }

    /// <summary>Removes a service's ha: section (a service with no topology).</summary>
    public static void DropHa(TempRepo repo, string file) => FreeHaPorts.Replace(repo, file, "");
}
