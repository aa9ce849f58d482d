using System.Text.Json;
using Arc.Platform.Drivers;
using static Arc.Platform.Tests.TestKit.Results;

namespace Arc.Platform.Tests.Drivers.Native;

/// <summary>`arc up think`: think lists cortex, which is not in this repository; what is here runs, and arc says what is not.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class AbsentProfileMemberTests
{
    [NativeFact]
    public async Task Up_think_starts_what_is_here_and_reports_cortex_absent()
    {
        await using var stack = NativeStack.Create();

        var up = await stack.ArcAsync("--json", "up", "think");

        Assert.True(up.ExitCode == 0, up.Err);
        using var document = JsonDocument.Parse(up.Out);
        var rows = document.RootElement.GetProperty("services").EnumerateArray()
            .ToDictionary(s => s.GetProperty("codename").GetString()!, s => s.GetProperty("status").GetString());
        Assert.Equal("healthy", rows["flash"]);
        Assert.Equal("healthy", rows["sonic"]);
        Assert.Equal("skipped", rows["strange"]);
        Assert.False(rows.ContainsKey("cortex"));
        Assert.Equal(["cortex"], document.RootElement.GetProperty("absent").EnumerateArray().Select(a => a.GetString()));
        Assert.NotNull(stack.Driver.LiveRecord("flash"));
    }

    [NativeFact]
    public async Task Up_think_in_text_says_which_members_are_absent()
    {
        await using var stack = NativeStack.Create();

        var up = await stack.ArcAsync("up", "think");

        Assert.True(up.ExitCode == 0, up.Err);
        Assert.Contains("absent (not in this repository, not started): cortex", up.Out);
    }

    [NativeFact]
    public async Task A_profile_of_members_that_are_all_absent_starts_nothing_and_succeeds()
    {
        await using var stack = NativeStack.Create(repo =>
            repo.Replace("services/profiles.yaml", "transport:\n", "elsewhere:\n  services:\n    - cortex\n    - otel\ntransport:\n"));

        var result = await stack.UpAsync("elsewhere");

        Assert.True(result.Success, Describe(result));
        Assert.Empty(result.Services);
        Assert.Null(stack.Driver.LiveRecord("flash"));
    }
}
