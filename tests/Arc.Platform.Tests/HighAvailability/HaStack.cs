using System.Text.RegularExpressions;
using Arc.Platform.Lifecycle;
using Arc.Platform.Tests.TestKit;

namespace Arc.Platform.Tests.HighAvailability;

/// <summary>
/// A <see cref="NativeStack"/> whose ha: topologies use free ports only, each member's listed explicitly
/// (never 4222-4224, 6222-6224, 6379-6381, 26379-26381): hermetic beside a developer's running stack.
/// </summary>
public static partial class HaStack
{
    public static NativeStack Create() => NativeStack.Create(repo =>
    {
        Rewrite(repo, "services/messaging/service.yaml", $"""
            ha:
              members: 3
              ports:
                client: {List(repo, "services/messaging/service.yaml", "client")}
                monitor: {List(repo, "services/messaging/service.yaml", "monitor")}
                cluster: {List()}
            """);
        Rewrite(repo, "services/cache/service.yaml", $"""
            ha:
              members: 3
              ports:
                client: {List(repo, "services/cache/service.yaml", "client")}
              sentinel:
                members: 3
                port: {List()}
                quorum: 2
                master_name: sonic
                down_after_ms: 2000
                failover_timeout_ms: 10000
            """);
    });

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
        Rewrite(repo, "services/messaging/service.yaml", $"""
            ha:
              members: 3
              ports:
                client: {List()}
                monitor: [{string.Join(", ", monitors)}]
                cluster: {List()}
            """);
        return repo;
    }

    /// <summary>Removes a service's ha: section (a service with no topology).</summary>
    public static void DropHa(TempRepo repo, string file) => Rewrite(repo, file, "");

    private static string List() => $"[{FreePorts.Next()}, {FreePorts.Next()}, {FreePorts.Next()}]";

    /// <summary>Member 1 on the service's own (moved) port, as in the real registry: `arc streams` and probes of the service reach it.</summary>
    private static string List(TempRepo repo, string file, string port) =>
        $"[{HostPort(port).Match(repo.Read(file)).Groups[1].Value}, {FreePorts.Next()}, {FreePorts.Next()}]";

    private static Regex HostPort(string port) => new($@"^  {port}: {{host: (\d+),", RegexOptions.Multiline);

    private static void Rewrite(TempRepo repo, string file, string ha)
    {
        var text = HaBlock().Replace(repo.Read(file), "");
        repo.Write(file, text.TrimEnd() + "\n" + ha.Replace("\r", "") + "\n");
    }

    /// <summary>The ha: block to the end of the file (it is the last key of both service.yaml files).</summary>
    [GeneratedRegex(@"^ha:.*\z", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex HaBlock();
}
