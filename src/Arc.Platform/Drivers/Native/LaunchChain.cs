using Arc.Platform.Processes;

namespace Arc.Platform.Drivers.Native;

/// <summary>
/// The programs arc runs on its way to a server, each by an absolute path found once in the system
/// directories, never through a PATH, and started with a fixed minimal environment. Whatever a
/// compose file says about the environment reaches only the server, after privileges are dropped.
/// </summary>
internal static class LaunchChain
{
    public const string SystemPath = "/usr/sbin:/usr/bin:/sbin:/bin";
    private static readonly string[] SystemDirectories = SystemPath.Split(':');
    private static readonly Dictionary<string, string> Found = new(StringComparer.Ordinal);

    /// <summary>The environment the chain runs with, and the base of every server's environment.</summary>
    public static IReadOnlyDictionary<string, string> MinimalEnvironment(string home) => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["PATH"] = SystemPath,
        ["HOME"] = home,
        ["LANG"] = "C",
    };

    /// <summary>The absolute, link-resolved path of a system program, e.g. /usr/bin/setsid.</summary>
    public static string Tool(string name)
    {
        lock (Found)
        {
            if (Found.TryGetValue(name, out var known))
                return known;
            var path = SystemDirectories.Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists)
                ?? throw new DriverException($"{name} is not installed in {SystemPath}; arc needs it to start servers");
            var resolved = RealPath(path);
            Found[name] = resolved;
            return resolved;
        }
    }

    /// <summary>The path with every link resolved, as /proc/&lt;pid&gt;/exe shows it.</summary>
    public static string RealPath(string path) =>
        PosixFiles.RealPath(path) ?? throw new DriverException($"cannot resolve {path}");

    /// <summary>An absolute program, run in / with the minimal environment and nothing of arc's own.</summary>
    public static ChildCommand MinimalCommand(string program, IReadOnlyList<string> arguments, string home = "/")
    {
        if (!Path.IsPathFullyQualified(program))
            throw new DriverException($"refusing to run '{program}': arc runs only absolute paths");
        return new ChildCommand(program, arguments) { Environment = MinimalEnvironment(home), OnlyThisEnvironment = true, WorkingDirectory = "/" };
    }

    /// <summary>
    /// setsid, then (as root) setpriv to the server user: from there on nothing runs with privileges,
    /// so the supervisor and the server's environment are the unprivileged user's business.
    /// </summary>
    public static IReadOnlyList<string> DropPrivileges() =>
        ServerUser.ArcIsRoot
            ? [Tool("setsid"), Tool("setpriv"), "--reuid", ServerUser.Name, "--regid", ServerUser.Name, "--init-groups", "--no-new-privs"]
            : [Tool("setsid")];

    /// <summary><c>env -i -- VAR=value… /abs/program args…</c>: the server's environment is exactly this.</summary>
    public static IReadOnlyList<string> WithEnvironment(string program, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment,
        string home)
    {
        var variables = new Dictionary<string, string>(MinimalEnvironment(home), StringComparer.Ordinal);
        foreach (var (key, value) in environment)
        {
            if (!IsVariableName(key))
                throw new DriverException($"environment variable name '{key}' is not a valid name (letters, digits and '_')");
            variables[key] = value;
        }
        return [Tool("env"), "-i", "--", .. variables.Select(v => $"{v.Key}={v.Value}"), program, .. arguments];
    }

    private static bool IsVariableName(string key) =>
        key.Length > 0 && !char.IsAsciiDigit(key[0]) && key.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
