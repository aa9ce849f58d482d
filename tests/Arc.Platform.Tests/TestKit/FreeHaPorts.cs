using System.Text.RegularExpressions;

namespace Arc.Platform.Tests.TestKit;

/// <summary>
/// The ha: topologies of a repository copy on free ports only, each member's listed explicitly (never
/// 4222-4224, 6222-6224, 6379-6381, 26379-26381), member 1 on the service's own (already moved) port, as in the
/// real registry: a tier that runs `up --ha` stays hermetic beside a developer's stack. Run after
/// <see cref="FreePortMap.RewriteServiceFiles"/>. The docker tier and HighAvailability/HaStack's native stacks both use it.
/// </summary>
public static partial class FreeHaPorts
{
    public static void Rewrite(TempRepo repo)
    {
        Replace(repo, "services/messaging/service.yaml", $"""
            ha:
              members: 3
              ports:
                client: {List(repo, "services/messaging/service.yaml", "client")}
                monitor: {List(repo, "services/messaging/service.yaml", "monitor")}
                cluster: {List()}
            """);
        Replace(repo, "services/cache/service.yaml", $"""
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
    }

    /// <summary>Three free ports, as a YAML flow list.</summary>
    public static string List() => $"[{FreePorts.Next()}, {FreePorts.Next()}, {FreePorts.Next()}]";

    /// <summary>Member 1 on the service's own (moved) port, as in the real registry: `arc streams` and probes of the service reach it.</summary>
    private static string List(TempRepo repo, string file, string port) =>
        $"[{HostPort(port).Match(repo.Read(file)).Groups[1].Value}, {FreePorts.Next()}, {FreePorts.Next()}]";

    private static Regex HostPort(string port) => new($@"^  {port}: {{host: (\d+),", RegexOptions.Multiline);

    /// <summary>Replaces the ha: block (the last key of the file) with <paramref name="ha"/>; a file without one is refused.</summary>
    public static void Replace(TempRepo repo, string file, string ha)
    {
        var text = HaBlock().Replace(repo.Read(file), "");
        if (text == repo.Read(file))
            throw new InvalidOperationException($"{file} has no ha: block to move to free ports");
        repo.Write(file, text.TrimEnd() + "\n" + ha.Replace("\r", "") + "\n");
    }

    [GeneratedRegex(@"^ha:.*\z", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex HaBlock();
}
