using Arc.Platform.Drivers;
using Arc.Platform.Lifecycle;

namespace Arc.Platform.Tests.TestKit;

/// <summary>Reading a lifecycle result in assertions.</summary>
public static class Results
{
    public static ServiceReport Row(LifecycleResult result, string codename) => result.Services.Single(s => s.Codename == codename);

    public static string Describe(LifecycleResult result) =>
        string.Join("; ", result.Services.Select(s => $"{s.Codename}={s.Status}: {s.Detail}"));
}
