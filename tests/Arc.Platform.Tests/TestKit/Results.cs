using Arc.Platform.Drivers;
using Arc.Platform.Lifecycle;

namespace Arc.Platform.Tests.TestKit;

/// <summary>Reading a lifecycle result in assertions.</summary>
public static class Results
{
    public static ServiceReport Row(LifecycleResult result, string codename) => result.Services.Single(s => s.Codename == codename);

    /// <summary>The row of <paramref name="codename"/> in a services JSON document (`--json` up, health, status).</summary>
    public static System.Text.Json.JsonElement SingleRow(string json, string codename)
    {
        using var document = System.Text.Json.JsonDocument.Parse(json);
        return document.RootElement.GetProperty("services").EnumerateArray().Single(s => s.GetProperty("codename").GetString() == codename).Clone();
    }

    public static string Describe(LifecycleResult result) =>
        string.Join("; ", result.Services.Select(s => $"{s.Codename}={s.Status}: {s.Detail}"));
}
