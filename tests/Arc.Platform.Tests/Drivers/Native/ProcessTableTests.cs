using Arc.Platform.Drivers.Native;

namespace Arc.Platform.Tests.Drivers.Native;

/// <summary>What /proc tells about real processes: children listed without scanning every pid, groups found in one pass.</summary>
[Trait("Tier", "unit")]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ProcessTableTests
{
    [Fact]
    public async Task Children_lists_exactly_the_processes_a_shell_forked()
    {
        using var parent = ForeignProcess.Start("/bin/sh", "-c", "sleep 300 & sleep 301 & wait");
        // A child is listed from its fork, while it still runs the shell; it counts once it has exec'd sleep.
        var children = await EventuallyAsync(() =>
            ProcessTable.Children(parent.Pid) is { Count: 2 } found && found.All(c => ProcessTable.Executable(c)?.EndsWith("/sleep", StringComparison.Ordinal) == true)
                ? found : null);

        Assert.Equal(["sleep 300", "sleep 301"], children.Select(ProcessTable.CommandLine).Order());
    }

    [Fact]
    public void A_process_without_children_has_an_empty_list_and_a_gone_pid_too()
    {
        using var lonely = ForeignProcess.Start("sleep", "300");

        Assert.Empty(ProcessTable.Children(lonely.Pid)!);
        Assert.Empty(ProcessTable.Children(int.MaxValue)!);
    }

    [Fact]
    public async Task Groups_members_finds_every_process_of_each_group_in_one_pass()
    {
        using var first = ForeignProcess.Start("setsid", "/bin/sh", "-c", "sleep 300 & wait");
        using var second = ForeignProcess.Start("setsid", "/bin/sh", "-c", "sleep 302 & wait");
        var children = await EventuallyAsync(() =>
            ProcessTable.Children(first.Pid) is [var a] && ProcessTable.Children(second.Pid) is [var b] ? new[] { a, b } : null);

        var members = ProcessTable.GroupsMembers([first.Pid, second.Pid]).ToHashSet();

        Assert.Equal(new HashSet<int> { first.Pid, second.Pid, children[0], children[1] }, members);
        Assert.Empty(ProcessTable.GroupsMembers([]));
    }

    private static async Task<T> EventuallyAsync<T>(Func<T?> probe) where T : class
    {
        for (var attempt = 0; attempt < 500; attempt++)
        {
            if (probe() is { } found)
                return found;
            await Task.Delay(10);
        }
        throw new TimeoutException("the processes did not appear within 5 s");
    }
}
