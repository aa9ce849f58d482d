
namespace Arc.Platform.Consumers;

/// <summary>One consumer setting that may not be printed by `arc env`, and why.</summary>
public sealed record SettingProblem(Consumer Consumer, ConsumerSetting Setting, string Reason);

/// <summary>
/// Which names a consumer setting may take, so that `eval "$(arc env)"` or `set -a; . .env` only ever sets
/// connection values: never a variable the shell, the dynamic loader, a runtime or arc itself reads
/// (<see cref="ReservedNames"/> and <see cref="ReservedPrefixes"/>), never one of the generic names `arc env`
/// prints itself (NATS_URL, ConnectionStrings__*), and never one name with two different values.
/// </summary>
public static class SettingNames
{
    /// <summary>Variables the shell, login and locale machinery read: setting one changes what the next command does.</summary>
    public static readonly IReadOnlySet<string> ReservedNames = new HashSet<string>(StringComparer.Ordinal)
    {
        "PATH", "HOME", "SHELL", "IFS", "ENV", "BASH_ENV", "PS1", "PS2", "PS3", "PS4", "PROMPT_COMMAND", "CDPATH",
        "GLOBIGNORE", "BASHOPTS", "SHELLOPTS", "POSIXLY_CORRECT", "USER", "LOGNAME", "PWD", "OLDPWD", "TERM", "TMPDIR",
        "LANG", "LANGUAGE", "TZ", "MAIL", "MAILPATH", "OPTIND", "OPTARG", "HISTFILE", "HISTCONTROL", "FCEDIT", "EDITOR",
        "VISUAL", "PAGER", "SSH_AUTH_SOCK", "NO_COLOR", "HOSTALIASES", "RESOLV_HOST_CONF", "LOCALDOMAIN", "NLSPATH",
        "MALLOC_CHECK_", "GCONV_PATH", "PYTHONPATH", "PYTHONSTARTUP", "NODE_OPTIONS", "PERL5LIB", "PERL5OPT", "RUBYOPT",
        "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS", "CLASSPATH",
    };

    /// <summary>
    /// Families of variables read by the loader (LD_*), bash (BASH_*, including exported functions), runtimes
    /// (DOTNET_*, COMPlus_*, ASPNETCORE_*), the locale (LC_*), tools arc drives (DOCKER_*, COMPOSE_*), arc
    /// itself (ARC_*) and the XDG directories.
    /// </summary>
    public static readonly IReadOnlyList<string> ReservedPrefixes =
        ["LD_", "DYLD_", "BASH_", "DOTNET_", "COMPLUS_", "ASPNETCORE_", "LC_", "DOCKER_", "COMPOSE_", "ARC_", "XDG_", "GIT_", "SSL_", "OPENSSL_"];

    /// <summary>.NET configuration binds ConnectionStrings__* case-insensitively, and `arc env` prints those itself.</summary>
    public const string DotnetPrefix = "CONNECTIONSTRINGS__";

    /// <summary>Why <paramref name="name"/> is reserved, or null when a consumer may use it.</summary>
    public static string? Reserved(string name)
    {
        if (ReservedNames.Contains(name))
            return $"{name} is read by the shell or the system; setting it would change what the next command does";
        var upper = name.ToUpperInvariant();
        return ReservedPrefixes.FirstOrDefault(p => upper.StartsWith(p, StringComparison.Ordinal)) is { } prefix
            ? $"{name} is in the reserved {prefix}* family (loader, shell, runtime or tool settings)"
            : null;
    }

    /// <summary>
    /// Every setting `arc env` must refuse: a reserved name, a generic name it prints itself (<paramref name="genericNames"/>),
    /// the same name asked with a different value by another setting, and (with <paramref name="serviceExists"/>) a service
    /// that does not exist. The later setting of a conflicting pair is the one reported.
    /// </summary>
    public static IReadOnlyList<SettingProblem> Problems(IReadOnlyList<Consumer> consumers, IEnumerable<string> genericNames, Func<string, bool>? serviceExists = null)
    {
        var generic = genericNames.ToHashSet(StringComparer.Ordinal);
        var problems = new List<SettingProblem>();
        var first = new Dictionary<string, (Consumer Consumer, ConsumerSetting Setting)>(StringComparer.Ordinal);
        foreach (var consumer in consumers)
            foreach (var setting in consumer.Settings)
            {
                var name = setting.Variable;
                if (serviceExists is not null && !serviceExists(setting.Service))
                    problems.Add(new(consumer, setting, $"{consumer.Name}'s {name} names service '{setting.Service}', which is no codename of services/*/service.yaml"));
                else if (Reserved(name) is { } reserved)
                    problems.Add(new(consumer, setting, $"{consumer.Name}'s {reserved}"));
                else if (generic.Contains(name) || name.StartsWith(DotnetPrefix, StringComparison.OrdinalIgnoreCase))
                    problems.Add(new(consumer, setting, $"{consumer.Name}'s {name} is a name `arc env` prints itself for every client; give the consumer its own name"));
                else if (first.TryGetValue(name, out var earlier) && !SameValue(earlier.Setting, setting))
                    problems.Add(new(consumer, setting,
                        $"{consumer.Name}'s {name} asks {Describe(setting)}, but {earlier.Consumer.Name} (line {earlier.Setting.Line}) asks {Describe(earlier.Setting)} under the same name"));
                else
                    first.TryAdd(name, (consumer, setting));
            }
        return problems;
    }

    private static bool SameValue(ConsumerSetting a, ConsumerSetting b) => a.Service == b.Service && a.Value == b.Value && a.Literal == b.Literal;

    private static string Describe(ConsumerSetting s) =>
        s.Value == SettingValue.Literal ? $"literal '{s.Literal}'" : $"{s.Service}'s {s.Value.ToString().ToLowerInvariant()}";
}
